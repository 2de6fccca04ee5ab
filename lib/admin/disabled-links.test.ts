import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailTokens, users } from "@/db/schema";
import { startMailbox, tokenFrom } from "@/vitest/mailbox";
import { newUser, NO_CLIENT, PASSWORD } from "@/vitest/people";
import { signIn } from "../auth/sign-in";
import { requestEmailChange } from "../email-change/request";
import { INVALID_LINK, redeemEmailToken } from "../email-tokens/tokens";
import { confirmPasswordReset } from "../password-reset/confirm";
import { requestPasswordReset } from "../password-reset/request";
import { resolveSessionToken } from "../sessions/resolve";
import { confirmEmail } from "../verification/confirm";
import { setRoleByLogin } from "./grant";
import { updateUserAsAdmin } from "./manage";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

const DEAD = { ok: false, error: { code: "validation", message: INVALID_LINK, fields: { token: [INVALID_LINK] } } };
const NEW_PASSWORD = "a brand new passphrase here";

async function adminCaller() {
  const admin = await newUser("adm");
  expect((await setRoleByLogin(admin.username, "admin")).ok).toBe(true);
  const session = await signIn({ login: admin.username, password: PASSWORD }, "api", NO_CLIENT);
  if (!session.ok) throw new Error(session.error.message);
  return (await resolveSessionToken(session.value.session.token))!;
}

async function resetLink(user: { email: string }) {
  expect((await requestPasswordReset({ email: user.email }, NO_CLIENT)).ok).toBe(true);
  return tokenFrom(await mailbox.waitFor(user.email, /reset/i));
}

async function emailChangeLink(user: { id: string; email: string }) {
  const to = `new-${user.email}`;
  const asked = await requestEmailChange(user.id, { email: to, currentPassword: PASSWORD }, NO_CLIENT);
  expect(asked.ok).toBe(true);
  return tokenFrom(await mailbox.waitFor(to, /Confirm your new email/));
}

/** What a redeemed link would change: the password hash and the address, plus the account's tokens left. */
async function stateOf(userId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ passwordHash: users.passwordHash, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  const tokens = await db.select({ id: emailTokens.id }).from(emailTokens).where(eq(emailTokens.userId, userId));
  return { ...row!, tokens: tokens.length };
}

describe("a disabled account's emailed links", () => {
  it("disabling voids a reset link and an email-change link mailed before; neither then changes anything", async () => {
    const admin = await adminCaller();
    const user = await newUser("dl");
    const reset = await resetLink(user);
    const change = await emailChangeLink(user);
    const before = await stateOf(user.id);
    expect(before.tokens).toBe(3); // with the sign-up's verification link
    const disabled = await updateUserAsAdmin(admin, user.id, { disabled: true, disabledReason: "abuse" }, NO_CLIENT);
    expect(disabled.ok).toBe(true);
    expect((await stateOf(user.id)).tokens).toBe(0);
    expect(await confirmPasswordReset({ token: reset, newPassword: NEW_PASSWORD }, NO_CLIENT)).toMatchObject(DEAD);
    expect(await confirmEmail(change, NO_CLIENT)).toMatchObject(DEAD);
    expect(await stateOf(user.id)).toEqual({ ...before, tokens: 0 });
    // Enabled again, the account's old links stay dead: it must ask for new ones.
    expect((await updateUserAsAdmin(admin, user.id, { disabled: false }, NO_CLIENT)).ok).toBe(true);
    expect(await confirmPasswordReset({ token: reset, newPassword: NEW_PASSWORD }, NO_CLIENT)).toMatchObject(DEAD);
    expect(await confirmEmail(change, NO_CLIENT)).toMatchObject(DEAD);
    expect(await stateOf(user.id)).toEqual({ ...before, tokens: 0 });
  });

  it("a token row left over on a disabled account is refused by the statement that spends it", async () => {
    const user = await newUser("dr");
    const reset = await resetLink(user);
    const change = await emailChangeLink(user);
    const db = await getDb();
    // Disabled without voiding (as a row written before this rule, or a disabling not yet at its void).
    await db.update(users).set({ disabledAt: new Date(), disabledReason: "x" }).where(eq(users.id, user.id));
    const before = await stateOf(user.id);
    expect(before.tokens).toBe(3); // with the sign-up's verification link
    expect(await redeemEmailToken(reset, ["reset_password"])).toBeNull();
    expect(await confirmPasswordReset({ token: reset, newPassword: NEW_PASSWORD }, NO_CLIENT)).toMatchObject(DEAD);
    expect(await confirmEmail(change, NO_CLIENT)).toMatchObject(DEAD);
    expect(await stateOf(user.id)).toEqual(before);
    // The same rows work once the account is enabled: the refusal was the account's state, not the token's.
    await db.update(users).set({ disabledAt: null, disabledReason: null }).where(eq(users.id, user.id));
    expect(await confirmEmail(change, NO_CLIENT)).toMatchObject({ ok: true, value: { changed: true } });
  });
});
