import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailTokens, users } from "@/db/schema";
import { startMailbox, tokenFrom } from "@/vitest/mailbox";
import { newUser, PASSWORD, NO_CLIENT } from "@/vitest/people";
import { requestPasswordReset } from "../password-reset/request";
import { confirmPasswordReset } from "../password-reset/confirm";
import { editAccount } from "../account/edit-account";
import { drainOutbox } from "../email/outbox";
import { INVALID_LINK } from "../email-tokens/tokens";
import { confirmEmail } from "../verification/confirm";
import { requestEmailChange } from "./request";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

describe("changing the email address", () => {
  it("needs the current password", async () => {
    const user = await newUser("c");
    expect(await requestEmailChange(user.id, { email: "new@example.com" }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(
      await requestEmailChange(user.id, { email: "new@example.com", currentPassword: "wrong one!" }, NO_CLIENT),
    ).toMatchObject({
      ok: false,
      error: { code: "forbidden", fields: { currentPassword: [expect.any(String)] } },
    });
  });

  it("refuses an address in use with the sign-up conflict", async () => {
    const [a, b] = [await newUser("c"), await newUser("c")];
    expect(
      await editAccount(a.id, { email: b.email.toUpperCase(), currentPassword: PASSWORD }, NO_CLIENT),
    ).toMatchObject({
      ok: false,
      error: { code: "conflict", fields: { email: ["An account with this email already exists."] } },
    });
  });

  it("keeps the old address until the link to the new one is followed; the old one gets a notice; reset links die", async () => {
    const user = await newUser("c");
    const next = `next-${user.email}`;
    await requestPasswordReset({ email: user.email }, NO_CLIENT);
    const resetToken = tokenFrom(await mailbox.waitFor(user.email, /Reset/));

    const edited = await editAccount(
      user.id,
      { email: next, currentPassword: PASSWORD, displayName: "Moved" },
      NO_CLIENT,
    );
    expect(edited).toMatchObject({ ok: true, value: { email: user.email, displayName: "Moved" } });
    const notice = await mailbox.waitFor(user.email, /being changed/);
    expect(notice.text).toContain(next);
    const token = tokenFrom(await mailbox.waitFor(next, /Confirm your new email/));

    expect(await confirmEmail(token, NO_CLIENT)).toMatchObject({ ok: true, value: { email: next, changed: true } });
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.email).toBe(next);
    expect(row!.emailVerifiedAt).toBeInstanceOf(Date);
    expect(
      await confirmPasswordReset({ token: resetToken, newPassword: "hijacked password" }, NO_CLIENT),
    ).toMatchObject({
      ok: false,
      error: { code: "validation", message: INVALID_LINK, fields: { token: [INVALID_LINK] } },
    });
  });

  it("validates the whole body first: an invalid profile field with a new email sends nothing and writes nothing", async () => {
    const user = await newUser("c");
    await mailbox.waitFor(user.email, /Confirm your email/);
    await drainOutbox();
    const before = mailbox.received.length;
    const next = `next-${user.email}`;
    const edited = await editAccount(
      user.id,
      { email: next, currentPassword: PASSWORD, displayName: "x".repeat(51), username: `renamed${user.username}` },
      NO_CLIENT,
    );
    expect(edited).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { displayName: [expect.any(String)] } },
    });
    await drainOutbox();
    expect(mailbox.received.length).toBe(before);
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ username: user.username, displayName: null, email: user.email });
    const tokens = await db.select().from(emailTokens).where(eq(emailTokens.userId, user.id));
    expect(tokens.filter((t) => t.purpose === "change_email")).toHaveLength(0);
  });

  it("a username someone else has, with a new email, is a 409 that mails nothing", async () => {
    const [user, other] = [await newUser("c"), await newUser("c")];
    await mailbox.waitFor(user.email, /Confirm your email/);
    await drainOutbox();
    const before = mailbox.received.length;
    const edited = await editAccount(
      user.id,
      { email: `next-${user.email}`, currentPassword: PASSWORD, username: other.username.toUpperCase() },
      NO_CLIENT,
    );
    expect(edited).toMatchObject({
      ok: false,
      error: { code: "conflict", fields: { username: [expect.any(String)] } },
    });
    await drainOutbox();
    expect(mailbox.received.length).toBe(before);
    const db = await getDb();
    const tokens = await db.select().from(emailTokens).where(eq(emailTokens.userId, user.id));
    expect(tokens.filter((t) => t.purpose === "change_email")).toHaveLength(0);
  });

  it("reports an invalid email and an invalid profile field together", async () => {
    const user = await newUser("c");
    expect(
      await editAccount(
        user.id,
        { email: "not an address", currentPassword: PASSWORD, avatarUrl: "javascript:1" },
        NO_CLIENT,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { email: [expect.any(String)], avatarUrl: [expect.any(String)] } },
    });
  });
});
