import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailSignIns, identities, passkeys, recoveryCodes, securityEvents, sessions, users } from "@/db/schema";
import { startMailbox, tokenFrom, type Mail } from "@/vitest/mailbox";
import { newUser, PASSWORD } from "@/vitest/people";
import { codeAt, enrolled } from "@/vitest/two-factor";
import { drainOutbox } from "../email/outbox";
import { resolveSessionToken } from "../sessions/resolve";
import { completeMfaSignIn } from "./second-step";
import { signIn } from "./sign-in";
import { confirmEmailSignInCode, confirmEmailSignInLink, INVALID_EMAIL_CODE } from "./email-sign-in";
import { EMAIL_SIGN_IN_REQUESTED, requestEmailSignIn } from "./email-sign-in-request";
import { peekEmailSignInLink } from "./email-sign-in-store";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

let n = 0;
/** Each test signs in from its own address, so the per-address limits of one test do not reach another. */
const fresh = () => ({ ip: `10.29.${Math.floor(n / 250)}.${(n++ % 250) + 1}`, userAgent: "vitest" });
const binding = () => randomBytes(32).toString("base64url");
const codeFrom = (mail: Mail) => /sign-in code: (\d{8})/.exec(mail.text)![1]!;

/** An account whose address is verified (the ordinary case), and its own client address. */
async function verifiedUser(prefix = "es") {
  const user = await newUser(prefix);
  await (await getDb()).update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, user.id));
  return { ...user, client: fresh() };
}

/** Asks for a sign-in message (from a browser holding `bound`, if given) and answers the newest one's secrets. */
async function ask(login: string, email: string, client = fresh(), bound: string | null = null) {
  const signInMails = () => mailbox.sentTo(email).filter((m) => /sign-in link and code/.test(m.subject));
  const before = signInMails().length;
  const answer = await requestEmailSignIn({ login }, client, bound);
  expect(answer).toEqual({ ok: true, value: { message: EMAIL_SIGN_IN_REQUESTED } });
  await drainOutbox();
  const mails = signInMails();
  expect(mails.length).toBe(before + 1);
  const mail = mails.at(-1)!;
  return { mail, token: tokenFrom(mail), code: codeFrom(mail) };
}

const wrong = (code: string) => String((Number(code) + 1) % 100_000_000).padStart(8, "0");
const sessionCount = async (userId: string) =>
  (await (await getDb()).select().from(sessions).where(eq(sessions.userId, userId))).length;
const invalid = { ok: false, error: { code: "validation", reason: "invalid_code", message: INVALID_EMAIL_CODE } };

describe("asking for a sign-in email", () => {
  it("sends one message with a link and an 8-digit code; an unknown login gets the same answer", async () => {
    const user = await verifiedUser();
    const { mail, token, code } = await ask(user.username, user.email);
    expect(code).toMatch(/^\d{8}$/);
    expect(mail.text).toContain(`/sign-in/email/link?token=${token}`);
    // Only hashes are stored.
    const [row] = await (await getDb()).select().from(emailSignIns).where(eq(emailSignIns.userId, user.id));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(code);

    const client = fresh();
    for (const login of ["nobody-here-at-all", `nobody-${Date.now()}@example.com`])
      expect(await requestEmailSignIn({ login }, client)).toEqual({
        ok: true,
        value: { message: EMAIL_SIGN_IN_REQUESTED },
      });
    expect((await requestEmailSignIn({ login: "" }, client)).ok).toBe(false);
  });

  it("is limited per address asked for (3 per 15 minutes), whoever asks", async () => {
    const user = await verifiedUser();
    for (let i = 0; i < 3; i++) expect((await requestEmailSignIn({ login: user.email }, fresh())).ok).toBe(true);
    expect(await requestEmailSignIn({ login: user.username }, fresh())).toMatchObject({
      ok: false,
      error: { code: "rate_limited" },
    });
  });

  it("a newer request voids the older link and code", async () => {
    const user = await verifiedUser();
    const bound = binding();
    const first = await ask(user.email, user.email, user.client, bound);
    const second = await ask(user.email, user.email, user.client, bound);
    expect(await peekEmailSignInLink(first.token, bound)).toBeNull();
    expect(await confirmEmailSignInCode({ login: user.email, code: first.code }, "api", user.client)).toMatchObject(
      invalid,
    );
    const done = await confirmEmailSignInCode({ login: user.email, code: second.code }, "api", user.client);
    expect(done.ok).toBe(true);
  });
});

describe("the code", () => {
  it("signs in anywhere, once, recorded as method email", async () => {
    const user = await verifiedUser();
    const { code } = await ask(user.username, user.email);
    const done = await confirmEmailSignInCode(
      { login: user.email, code: code.slice(0, 4) + " " + code.slice(4) },
      "api",
      user.client,
    );
    if (!done.ok || "mfa" in done.value) throw new Error("expected a session");
    expect(await resolveSessionToken(done.value.session.token)).not.toBeNull();
    expect(done.value.addressVerified).toBe(false);
    expect(await confirmEmailSignInCode({ login: user.email, code }, "api", user.client)).toMatchObject(invalid);
    const events = await (
      await getDb()
    )
      .select()
      .from(securityEvents)
      .where(and(eq(securityEvents.userId, user.id), eq(securityEvents.type, "sign_in.succeeded")));
    expect(events.map((e) => e.detail)).toEqual([{ kind: "api", method: "email" }]);
  });

  it("the 6th code is refused even when right", async () => {
    const user = await verifiedUser();
    const { code } = await ask(user.username, user.email);
    for (let i = 0; i < 5; i++)
      expect(
        await confirmEmailSignInCode({ login: user.username, code: wrong(code) }, "api", user.client),
      ).toMatchObject(invalid);
    expect(await confirmEmailSignInCode({ login: user.username, code }, "api", user.client)).toMatchObject(invalid);
  });

  it("a resend keeps the count: 3 wrong, a new message, 2 wrong, then the right code is refused", async () => {
    const user = await verifiedUser();
    const first = await ask(user.username, user.email);
    for (let i = 0; i < 3; i++)
      await confirmEmailSignInCode({ login: user.email, code: wrong(first.code) }, "api", user.client);
    const second = await ask(user.username, user.email);
    for (let i = 0; i < 2; i++)
      await confirmEmailSignInCode({ login: user.email, code: wrong(second.code) }, "api", user.client);
    expect(await confirmEmailSignInCode({ login: user.email, code: second.code }, "api", fresh())).toMatchObject(
      invalid,
    );
    expect(await sessionCount(user.id)).toBe(0);
  });

  it("20 parallel guesses from many addresses get at most 5 compares; nothing opens", async () => {
    const user = await verifiedUser();
    const { code } = await ask(user.username, user.email);
    const guesses = Array.from({ length: 20 }, (_, i) =>
      confirmEmailSignInCode({ login: user.email, code: wrong(String(Number(code) + i)) }, "api", fresh()),
    );
    const answers = await Promise.all(guesses);
    expect(answers.every((a) => !a.ok && a.error.reason === "invalid_code")).toBe(true);
    const [row] = await (await getDb()).select().from(emailSignIns).where(eq(emailSignIns.userId, user.id));
    expect(row!.failures).toBeLessThanOrEqual(5);
    expect(await confirmEmailSignInCode({ login: user.email, code }, "api", fresh())).toMatchObject(invalid);
  });

  it("asks for the second factor exactly as a password does", async () => {
    const { user, secret } = await enrolled("es2f");
    await (await getDb()).update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, user.id));
    const { code } = await ask(user.username, user.email);
    const client = fresh();
    const step = await confirmEmailSignInCode({ login: user.username, code }, "api", client);
    if (!step.ok || !("mfa" in step.value)) throw new Error("expected the second step");
    const before = await sessionCount(user.id);
    const done = await completeMfaSignIn(
      { challenge: step.value.mfa.challenge, code: await codeAt(secret, 1) },
      "api",
      client,
    );
    expect(done.ok).toBe(true);
    expect(await sessionCount(user.id)).toBe(before + 1);
    const [succeeded] = await (
      await getDb()
    )
      .select()
      .from(securityEvents)
      .where(and(eq(securityEvents.userId, user.id), eq(securityEvents.type, "sign_in.succeeded")))
      .orderBy(desc(securityEvents.id))
      .limit(1);
    expect(succeeded?.detail).toMatchObject({ method: "email" });
  });

  it("a disabled account is refused (403) and gets no session", async () => {
    const user = await verifiedUser();
    const { code } = await ask(user.username, user.email);
    await (await getDb()).update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect(await confirmEmailSignInCode({ login: user.username, code }, "api", user.client)).toMatchObject({
      ok: false,
      error: { code: "forbidden", reason: "account_disabled" },
    });
    expect(await sessionCount(user.id)).toBe(0);
    // And a disabled account is sent nothing.
    const before = mailbox.sentTo(user.email).length;
    await requestEmailSignIn({ login: user.username }, fresh());
    await drainOutbox();
    expect(mailbox.sentTo(user.email).length).toBe(before);
  });
});

describe("the link", () => {
  it("reading it spends nothing; only the asking browser's binding spends it", async () => {
    const user = await verifiedUser();
    const bound = binding();
    const { token } = await ask(user.username, user.email, user.client, bound);
    expect(await peekEmailSignInLink(token, bound)).toMatchObject({ here: true });
    expect(await peekEmailSignInLink(token, bound)).toMatchObject({ here: true });
    expect(await peekEmailSignInLink(token, binding())).toMatchObject({ here: false });
    expect(await peekEmailSignInLink(token, null)).toMatchObject({ here: false });
    for (const other of [binding(), null])
      expect(await confirmEmailSignInLink(token, other, "browser", user.client)).toMatchObject({
        ok: false,
        error: { reason: "invalid_code" },
      });
    const done = await confirmEmailSignInLink(token, bound, "browser", user.client);
    expect(done.ok).toBe(true);
    expect((await confirmEmailSignInLink(token, bound, "browser", user.client)).ok).toBe(false);
  });

  it("asked for by a program (no browser binding), it opens nothing; the code does", async () => {
    const user = await verifiedUser();
    const { token, code } = await ask(user.username, user.email);
    expect((await confirmEmailSignInLink(token, binding(), "browser", user.client)).ok).toBe(false);
    expect((await confirmEmailSignInCode({ login: user.email, code }, "browser", user.client)).ok).toBe(true);
  });

  it("raced 8 times, opens one session", async () => {
    const user = await verifiedUser();
    const bound = binding();
    const { token } = await ask(user.username, user.email, user.client, bound);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => confirmEmailSignInLink(token, bound, "browser", user.client)),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(await sessionCount(user.id)).toBe(1);
  });
});

describe("an address not verified yet", () => {
  it("the first email sign-in verifies it, voids the password and ends every other session", async () => {
    const user = await newUser("esu"); // registered with a password, address unproven
    const client = fresh();
    const other = await signIn({ login: user.username, password: PASSWORD }, "api", client);
    if (!other.ok) throw new Error("setup");
    const { code } = await ask(user.username, user.email);
    const done = await confirmEmailSignInCode({ login: user.username, code }, "api", client);
    if (!done.ok || "mfa" in done.value) throw new Error("expected a session");
    expect(done.value.addressVerified).toBe(true);
    expect(done.value.user.emailVerified).toBe(true);
    expect(await resolveSessionToken(other.value.session.token)).toBeNull();
    expect(await resolveSessionToken(done.value.session.token)).not.toBeNull();
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).toBeNull();
    expect(row!.emailVerifiedAt).not.toBeNull();
    expect((await signIn({ login: user.username, password: PASSWORD }, "api", fresh())).ok).toBe(false);

    // The next email sign-in changes nothing more.
    const again = await ask(user.username, user.email);
    const second = await confirmEmailSignInCode({ login: user.username, code: again.code }, "api", client);
    if (!second.ok || "mfa" in second.value) throw new Error("expected a session");
    expect(second.value.addressVerified).toBe(false);
    expect(await resolveSessionToken(done.value.session.token)).not.toBeNull();
  });

  it("also removes the passkeys, two-factor and identities set up before the address was proven", async () => {
    // A squatter registered the address, turned two-factor on, added a passkey and connected an identity.
    const { user } = await enrolled("esq");
    const db = await getDb();
    await db.insert(passkeys).values({
      id: `sq${randomBytes(9).toString("hex")}`,
      userId: user.id,
      credentialId: `cred-${user.id}`,
      publicKey: "AAAA",
      deviceType: "singleDevice",
      backedUp: false,
      name: "Squatter's key",
    });
    await db.insert(identities).values({ userId: user.id, provider: "oidc", subject: `sq-${user.id}` });
    // The address's owner signs in by email: no second step stands in their way (it was the squatter's).
    const { code } = await ask(user.username, user.email);
    const done = await confirmEmailSignInCode({ login: user.username, code }, "api", fresh());
    if (!done.ok || "mfa" in done.value) throw new Error("expected a session, not the squatter's second step");
    expect(done.value.addressVerified).toBe(true);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.totpEnabledAt).toBeNull();
    expect(row!.totpSecret).toBeNull();
    expect(row!.factorsChangedAt).not.toBeNull();
    expect(await db.select().from(passkeys).where(eq(passkeys.userId, user.id))).toEqual([]);
    expect(await db.select().from(identities).where(eq(identities.userId, user.id))).toEqual([]);
    expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toEqual([]);
  });
});
