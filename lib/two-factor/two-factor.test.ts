import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mfaChallenges, users } from "@/db/schema";
import { startMailbox } from "@/vitest/mailbox";
import { newUser, NO_CLIENT, PASSWORD } from "@/vitest/people";
import { challengeFor, codeAt, enrolled } from "@/vitest/two-factor";
import { signIn, signInWithPassword } from "../auth/sign-in";
import { open, seal } from "../crypto/sealed";
import { resolveSessionToken } from "../sessions/resolve";
import { completeMfaSignIn } from "../auth/second-step";
import { spendRecoveryCode } from "./recovery-codes";
import { confirmTotp, disableTotp, regenerateRecoveryCodes, startTotp } from "./totp";
import { spendTotpCode } from "./totp-code";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

describe("sealed secrets (AES-256-GCM, HKDF key per purpose)", () => {
  it("opens what it sealed; another secret, an altered value or garbage opens to null", () => {
    const sealed = seal("totp-secret", "JBSWY3DPEHPK3PXP", "a".repeat(32));
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(open("totp-secret", sealed, "a".repeat(32))).toBe("JBSWY3DPEHPK3PXP");
    expect(open("totp-secret", sealed, "b".repeat(32))).toBeNull();
    const parts = sealed.split(".");
    parts[2] = Buffer.from("tampered").toString("base64url");
    expect(open("totp-secret", parts.join("."), "a".repeat(32))).toBeNull();
    expect(open("totp-secret", "v1.x.y", "a".repeat(32))).toBeNull();
    expect(seal("totp-secret", "same", "a".repeat(32))).not.toBe(seal("totp-secret", "same", "a".repeat(32)));
  });

  it("the stored secret is sealed, not the base32 key", async () => {
    const { user, secret } = await enrolled();
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.totpSecret).not.toContain(secret);
    expect(open("totp-secret", row!.totpSecret!)).toBe(secret);
  });
});

describe("TOTP codes: one step of drift, each step accepted once per account", () => {
  it("the current code works once; the same code again, and the previous step's, are refused", async () => {
    const { user, secret } = await enrolled();
    const code = await codeAt(secret);
    expect(await spendTotpCode(user.id, code)).toBe(true);
    expect(await spendTotpCode(user.id, code)).toBe(false);
    expect(await spendTotpCode(user.id, await codeAt(secret, -1))).toBe(false);
  });

  it("two uses of one code at the same moment: exactly one succeeds", async () => {
    const { user, secret } = await enrolled();
    const code = await codeAt(secret, 1);
    const results = await Promise.all(Array.from({ length: 6 }, () => spendTotpCode(user.id, code)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("two steps away, a wrong code, and letters are refused", async () => {
    const { user, secret } = await enrolled();
    expect(await spendTotpCode(user.id, await codeAt(secret, 3))).toBe(false);
    expect(await spendTotpCode(user.id, "abcdef")).toBe(false);
  });

  it("confirm: wrong code is validation, nothing pending is conflict; starting again when on is conflict", async () => {
    const { caller, secret } = await enrolled();
    expect(await startTotp(caller)).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await confirmTotp(caller, { code: await codeAt(secret, 1) }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    const other = await newUser("tf");
    const s = await signIn({ login: other.username, password: PASSWORD }, "api", NO_CLIENT);
    const c = (await resolveSessionToken(s.ok ? s.value.session.token : ""))!;
    expect(await confirmTotp(c, { code: "123456" }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    await startTotp(c);
    expect(await confirmTotp(c, { code: "000000" }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "validation" },
    });
  });
});

describe("recovery codes: 10, 60 bits, hashed, single-use", () => {
  it("each works once, also when used twice at the same moment; new codes void the old", async () => {
    const { user, caller, recoveryCodes } = await enrolled();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
    const [first, second] = recoveryCodes;
    const spend = (code: string) => spendRecoveryCode(user, code, { purpose: "sign_in", client: NO_CLIENT });
    const both = await Promise.all([spend(first!), spend(first!)]);
    expect(both.filter(Boolean)).toEqual([{ left: 9 }]);
    expect(await spend(first!)).toBeNull();
    expect(await spend(second!.toUpperCase().replace(/-/g, " "))).toEqual({ left: 8 });
    const fresh = await regenerateRecoveryCodes(caller, NO_CLIENT);
    expect(fresh.ok).toBe(true);
    expect(await spend(recoveryCodes[2]!)).toBeNull();
  });
});

describe("the second sign-in step", () => {
  it("the right password opens no session for a two-factor account; a code then does, once", async () => {
    const { user, secret } = await enrolled();
    expect(await signIn({ login: user.username, password: PASSWORD }, "api", NO_CLIENT)).toMatchObject({ ok: false });
    const challenge = await challengeFor(user.username);
    const done = await completeMfaSignIn({ challenge, code: await codeAt(secret, 1) }, "api", NO_CLIENT);
    expect(done).toMatchObject({ ok: true, value: { user: { twoFactor: { totp: true, recoveryCodesLeft: 10 } } } });
    expect(await completeMfaSignIn({ challenge, code: await codeAt(secret, 1) }, "api", NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });
  });

  it("a recovery code signs in and counts down", async () => {
    const { user, recoveryCodes } = await enrolled();
    const challenge = await challengeFor(user.username);
    const done = await completeMfaSignIn({ challenge, recoveryCode: recoveryCodes[0] }, "api", NO_CLIENT);
    expect(done).toMatchObject({ ok: true, value: { user: { twoFactor: { recoveryCodesLeft: 9 } } } });
  });

  it("dies after 5 wrong codes, even for the right code after", async () => {
    const { user, secret } = await enrolled();
    const challenge = await challengeFor(user.username);
    for (let i = 0; i < 5; i++)
      expect(await completeMfaSignIn({ challenge, code: "000000" }, "api", NO_CLIENT)).toMatchObject({
        ok: false,
        error: { code: "unauthorized" },
      });
    const db = await getDb();
    expect(await db.select().from(mfaChallenges).where(eq(mfaChallenges.userId, user.id))).toHaveLength(0);
    expect(await completeMfaSignIn({ challenge, code: await codeAt(secret, 1) }, "api", NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });
  });

  it("wrong codes count against the account's sign-in failure limits: after 5 even the password is refused", async () => {
    const { user } = await enrolled();
    for (let i = 0; i < 5; i++) {
      const challenge = await challengeFor(user.username);
      expect(await completeMfaSignIn({ challenge, code: "000000" }, "api", NO_CLIENT)).toMatchObject({
        ok: false,
        error: { code: "unauthorized" },
      });
    }
    expect(await signInWithPassword({ login: user.username, password: PASSWORD }, "api", NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "rate_limited" },
    });
  });

  it("an expired challenge, and an API challenge used as a browser one, are refused", async () => {
    const { user, secret } = await enrolled();
    const challenge = await challengeFor(user.username);
    expect(await completeMfaSignIn({ challenge, code: await codeAt(secret, 1) }, "browser", NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });
    const db = await getDb();
    await db
      .update(mfaChallenges)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(mfaChallenges.userId, user.id));
    expect(await completeMfaSignIn({ challenge, code: await codeAt(secret, 1) }, "api", NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });
  });

  it("turning off voids the codes; the password alone signs in again", async () => {
    const { user, caller, recoveryCodes } = await enrolled();
    expect(await disableTotp(caller, NO_CLIENT)).toEqual({ ok: true, value: undefined });
    expect(await disableTotp(caller, NO_CLIENT)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await spendRecoveryCode(user, recoveryCodes[0]!, { purpose: "sign_in", client: NO_CLIENT })).toBeNull();
    expect(await signIn({ login: user.username, password: PASSWORD }, "api", NO_CLIENT)).toMatchObject({ ok: true });
  });
});
