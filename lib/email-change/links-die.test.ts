import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { startMailbox, tokenFrom } from "@/vitest/mailbox";
import { newUser, NO_CLIENT, PASSWORD } from "@/vitest/people";
import { confirmPasswordReset } from "../password-reset/confirm";
import { requestPasswordReset } from "../password-reset/request";
import { createSession } from "../sessions/create";
import { resolveSessionToken } from "../sessions/resolve";
import { changePassword } from "../account/change-password";
import { setAccountEmail } from "../users/set-email";
import { INVALID_LINK } from "../email-tokens/tokens";
import { confirmEmail } from "../verification/confirm";
import { requestEmailChange } from "./request";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

const PHONE = {
  ip: "203.0.113.9",
  userAgent:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
};

/** Asks for an email change to a fresh address and returns the token of the link mailed there. */
async function pendingChange(user: { id: string; email: string }, tag: string) {
  const to = `${tag}-${user.email}`;
  const asked = await requestEmailChange(user.id, { email: to, currentPassword: PASSWORD }, NO_CLIENT);
  expect(asked).toMatchObject({ ok: true, value: { pendingEmail: to } });
  return { to, token: tokenFrom(await mailbox.waitFor(to, /Confirm your new email/)) };
}

async function emailOf(userId: string) {
  const db = await getDb();
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row!.email;
}

const DEAD = { ok: false, error: { code: "validation", message: INVALID_LINK, fields: { token: [INVALID_LINK] } } };

describe("a pending email-change link dies", () => {
  it("when the password is changed", async () => {
    const user = await newUser("ld");
    const { token } = await pendingChange(user, "x");
    const changed = await changePassword(
      user.id,
      null,
      { currentPassword: PASSWORD, newPassword: "another long passphrase" },
      NO_CLIENT,
    );
    expect(changed.ok).toBe(true);
    expect(await confirmEmail(token, NO_CLIENT)).toMatchObject(DEAD);
    expect(await emailOf(user.id)).toBe(user.email);
  });

  it("when the password is reset", async () => {
    const user = await newUser("ld");
    const { token } = await pendingChange(user, "x");
    await requestPasswordReset({ email: user.email }, NO_CLIENT);
    const reset = tokenFrom(await mailbox.waitFor(user.email, /Reset/));
    expect(
      await confirmPasswordReset({ token: reset, newPassword: "another long passphrase" }, NO_CLIENT),
    ).toMatchObject({ ok: true });
    expect(await confirmEmail(token, NO_CLIENT)).toMatchObject(DEAD);
    expect(await emailOf(user.id)).toBe(user.email);
  });

  it("when a newer email change is asked for: only the latest stands", async () => {
    const user = await newUser("ld");
    const first = await pendingChange(user, "first");
    const second = await pendingChange(user, "second");
    expect(await confirmEmail(first.token, NO_CLIENT)).toMatchObject(DEAD);
    expect(await emailOf(user.id)).toBe(user.email);
    expect(await confirmEmail(second.token, NO_CLIENT)).toMatchObject({ ok: true, value: { email: second.to } });
  });

  it("when the account's email changes in any other way", async () => {
    const user = await newUser("ld");
    const { token } = await pendingChange(user, "x");
    const db = await getDb();
    await db.transaction((tx) => setAccountEmail(tx, user.id, `elsewhere-${user.email}`));
    expect(await confirmEmail(token, NO_CLIENT)).toMatchObject(DEAD);
    expect(await emailOf(user.id)).toBe(`elsewhere-${user.email}`);
  });
});

describe("when an email change completes", () => {
  it("the old address gets a notice, every other session ends, the confirmer's stays, reset links die", async () => {
    const user = await newUser("ld");
    const mine = await createSession(user.id, "browser", NO_CLIENT);
    const other = await createSession(user.id, "browser", NO_CLIENT);
    const api = await createSession(user.id, "api", NO_CLIENT);
    await requestPasswordReset({ email: user.email }, NO_CLIENT);
    const reset = tokenFrom(await mailbox.waitFor(user.email, /Reset/));
    const { to, token } = await pendingChange(user, "new");

    const done = await confirmEmail(token, PHONE, { userId: user.id, sessionId: mine.id });
    expect(done).toMatchObject({ ok: true, value: { email: to, changed: true } });

    expect(await resolveSessionToken(mine.token)).not.toBeNull();
    expect(await resolveSessionToken(other.token)).toBeNull();
    expect(await resolveSessionToken(api.token)).toBeNull();

    const notice = await mailbox.waitFor(user.email, /email address was changed/);
    expect(notice.text).toContain(to);
    expect(notice.text).toContain("Safari on iOS");
    expect(notice.text).toContain("203.0.113.9");
    expect(notice.text).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(notice.text).toMatch(/If this was not you/);
    expect(notice.text).not.toMatch(/token=/);

    expect(await confirmPasswordReset({ token: reset, newPassword: "hijacked password!" }, NO_CLIENT)).toMatchObject({
      ok: false,
    });
  });

  it("a confirmer signed in to another account keeps nothing of this one", async () => {
    const [user, stranger] = [await newUser("ld"), await newUser("ld")];
    const own = await createSession(user.id, "browser", NO_CLIENT);
    const strangers = await createSession(stranger.id, "browser", NO_CLIENT);
    const { token } = await pendingChange(user, "new");
    await confirmEmail(token, NO_CLIENT, { userId: stranger.id, sessionId: own.id });
    expect(await resolveSessionToken(own.token)).toBeNull();
    expect(await resolveSessionToken(strangers.token)).not.toBeNull();
  });
});
