import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { securityEvents, users } from "@/db/schema";
import { startMailbox } from "@/vitest/mailbox";
import { NO_CLIENT } from "@/vitest/people";
import { signedInAccount, staleProof } from "@/vitest/passwordless";
import { signIn } from "../auth/sign-in";
import { requestEmailChange } from "../email-change/request";
import { NO_PASSWORD } from "../reauth/password";
import { reauthenticate } from "../reauth/reauthenticate";
import { changePassword } from "./change-password";
import { deleteAccount } from "./delete-account";
import { editAccount } from "./edit-account";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

const NEW_PASSWORD = "a brand new passphrase";
const REAUTH = { ok: false, error: { code: "forbidden", reason: "reauthentication_required" } };

async function events(userId: string, type: "reauth.failed" | "password.changed") {
  const db = await getDb();
  return db
    .select()
    .from(securityEvents)
    .where(and(eq(securityEvents.userId, userId), eq(securityEvents.type, type)));
}

describe("an account without a password", () => {
  it("says so in its DTO (hasPassword), as an account with one says the opposite", async () => {
    expect((await signedInAccount("np", { password: false })).caller.user.hasPassword).toBe(false);
    expect((await signedInAccount("np")).caller.user.hasPassword).toBe(true);
  });

  it("sets a first password with a fresh proof instead of the current one; then signs in with it", async () => {
    const { user, caller } = await signedInAccount("np", { password: false });
    const input = { newPassword: NEW_PASSWORD };
    const stale = await staleProof(caller);
    expect(await changePassword(user.id, caller.session.id, input, NO_CLIENT, {}, stale.session)).toMatchObject(REAUTH);
    expect(await changePassword(user.id, caller.session.id, input, NO_CLIENT)).toMatchObject(REAUTH);
    const weak = await changePassword(
      user.id,
      caller.session.id,
      { newPassword: "short" },
      NO_CLIENT,
      {},
      caller.session,
    );
    expect(weak).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { newPassword: [expect.any(String)] } },
    });

    const fresh = { reauthenticatedAt: new Date() };
    const set = await changePassword(
      user.id,
      caller.session.id,
      { ...input, currentPassword: "whatever was typed" },
      NO_CLIENT,
      {},
      fresh,
    );
    expect(set).toEqual({ ok: true, value: { revokedSessions: 0 } });
    expect((await signIn({ login: user.username, password: NEW_PASSWORD }, "api", NO_CLIENT)).ok).toBe(true);
    expect((await events(user.id, "password.changed"))[0]?.detail).toMatchObject({ set: true });
    // Now it has one: the current password is asked again.
    const again = await changePassword(user.id, caller.session.id, input, NO_CLIENT, {}, fresh);
    expect(again).toMatchObject({ ok: false, error: { fields: { currentPassword: [expect.any(String)] } } });
  });

  it("two first passwords set at once: one lands, the other is refused", async () => {
    const { user, caller } = await signedInAccount("np", { password: false });
    const results = await Promise.all(
      ["first passphrase one", "second passphrase two"].map((newPassword) =>
        changePassword(user.id, caller.session.id, { newPassword }, NO_CLIENT, {}, caller.session),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: "conflict" } });
  });

  it("deletes the account with a fresh proof and no password field; not with a stale one", async () => {
    const { user, caller } = await signedInAccount("np", { password: false });
    expect(await deleteAccount(user.id, {}, NO_CLIENT, (await staleProof(caller)).session)).toMatchObject(REAUTH);
    expect(await deleteAccount(user.id, {}, NO_CLIENT)).toMatchObject(REAUTH);
    expect(await deleteAccount(user.id, {}, NO_CLIENT, { reauthenticatedAt: new Date() })).toMatchObject({
      ok: true,
      value: { username: user.username },
    });
    const db = await getDb();
    expect(await db.select().from(users).where(eq(users.id, user.id))).toEqual([]);
  });

  it("changes its email with a fresh proof instead of the current password", async () => {
    const { user, caller } = await signedInAccount("np", { password: false });
    const email = `new-${user.email}`;
    expect(await requestEmailChange(user.id, { email }, NO_CLIENT, (await staleProof(caller)).session)).toMatchObject(
      REAUTH,
    );
    expect(await editAccount(user.id, { email }, NO_CLIENT)).toMatchObject(REAUTH);
    expect(await requestEmailChange(user.id, { email }, NO_CLIENT, { reauthenticatedAt: new Date() })).toEqual({
      ok: true,
      value: { pendingEmail: email },
    });
  });

  it("re-authenticating with a password is refused with NO_PASSWORD, uncounted and unrecorded", async () => {
    const { user, caller } = await signedInAccount("np", { password: false });
    const answer = await reauthenticate(caller, { password: "anything at all" }, NO_CLIENT);
    expect(answer).toMatchObject({ ok: false, error: { code: "forbidden", fields: { password: [NO_PASSWORD] } } });
    expect(await events(user.id, "reauth.failed")).toEqual([]);
  });

  it("an account with a password still needs it, whatever the session's proof time", async () => {
    const { user, caller } = await signedInAccount("np");
    const wrong = await deleteAccount(user.id, { password: "not my password" }, NO_CLIENT, caller.session);
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: "forbidden", fields: { password: [expect.any(String)] } },
    });
    expect(await deleteAccount(user.id, {}, NO_CLIENT, caller.session)).toMatchObject({
      ok: false,
      error: { code: "validation" },
    });
  });
});
