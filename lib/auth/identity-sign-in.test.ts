import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { identities, mailOutbox, securityEvents, sessions, users } from "@/db/schema";
import { newUser, NO_CLIENT } from "@/vitest/people";
import { codeAt, enrolled } from "@/vitest/two-factor";
import { getEnv } from "../env";
import { connectIdentityNow } from "../identities/store";
import { providerProfile, type ProviderProfile } from "./identity-providers/profile";
import { NO_EMAIL, signInWithIdentity, SIGNUP_CLOSED, usernameBase } from "./identity-sign-in";
import { completeMfaSignIn } from "./second-step";
import { ACCOUNT_DISABLED } from "./sign-in-tail";

beforeAll(() => getDb());
const client = { ip: "203.0.113.40", userAgent: "vitest" };
const NAME = "Test ID";

const flags = getEnv as unknown as () => { OIDC_ALLOW_SIGNUP: boolean; OIDC_LINK_VERIFIED_EMAIL: boolean };
afterEach(() => {
  flags().OIDC_ALLOW_SIGNUP = true;
  flags().OIDC_LINK_VERIFIED_EMAIL = false;
});

function profile(over: Partial<ProviderProfile> = {}): ProviderProfile {
  const sub = `sub-${randomBytes(5).toString("hex")}`;
  return providerProfile({
    provider: "oidc",
    subject: sub,
    email: `${sub}@idp.test`,
    emailVerified: true,
    preferredUsername: sub,
    name: "Ida Provider",
    authTime: Math.floor(Date.now() / 1000),
    ...over,
  });
}

const identityRows = async (p: ProviderProfile) =>
  (await getDb())
    .select()
    .from(identities)
    .where(and(eq(identities.provider, p.provider), eq(identities.subject, p.subject)));
const userRow = async (id: string) => (await (await getDb()).select().from(users).where(eq(users.id, id)))[0]!;
const eventsOf = async (userId: string) =>
  (await getDb()).select().from(securityEvents).where(eq(securityEvents.userId, userId));
const verify = async (id: string) =>
  (await getDb()).update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, id));

describe("an unknown identity with an email no account has", () => {
  it("makes an account without a password, email verified as the provider says, and signs it in", async () => {
    const p = profile();
    const r = await signInWithIdentity(p, NAME, client);
    expect(r.ok && r.value.kind).toBe("signed_in");
    if (!r.ok || r.value.kind !== "signed_in") return;
    expect(r.value.created).toBe(true);
    const row = await userRow(r.value.signedIn.user.id);
    expect(row.passwordHash).toBeNull();
    expect(row.emailVerifiedAt).not.toBeNull();
    expect(row.username).toBe(p.preferredUsername);
    const [identity] = await identityRows(p);
    expect(identity).toMatchObject({ userId: row.id, email: p.email, emailVerified: true });
    const succeeded = (await eventsOf(row.id)).find((e) => e.type === "sign_in.succeeded");
    expect(succeeded?.detail).toMatchObject({ method: "oidc", provider: "oidc", providerName: NAME });
    // The browser that made the account is its first device, not a new one (issue 30).
    expect(succeeded?.detail).not.toHaveProperty("newDevice");
    const second = await signInWithIdentity(p, NAME, client);
    expect(second.ok && second.value.kind).toBe("signed_in");
    const succeededAgain = (await eventsOf(row.id)).filter((e) => e.type === "sign_in.succeeded");
    expect(succeededAgain.map((e) => e.detail)).toContainEqual(expect.objectContaining({ newDevice: true })); // no device cookie sent
  });

  it("leaves the email unverified when the provider did not verify it", async () => {
    const r = await signInWithIdentity(profile({ emailVerified: false }), NAME, client);
    if (!r.ok || r.value.kind !== "signed_in") throw new Error("expected a sign-in");
    expect((await userRow(r.value.signedIn.user.id)).emailVerifiedAt).toBeNull();
    // … and mails the address the same verification link a password sign-up gets.
    const queued = await (
      await getDb()
    )
      .select({ subject: mailOutbox.subject })
      .from(mailOutbox)
      .where(eq(mailOutbox.to, r.value.signedIn.user.email));
    expect(queued.map((m) => m.subject).join("|")).toMatch(/confirm|verify/i);
  });

  it("makes the username unique when the preferred one is taken", async () => {
    const taken = await newUser("idtaken");
    const r = await signInWithIdentity(profile({ preferredUsername: taken.username }), NAME, client);
    if (!r.ok || r.value.kind !== "signed_in") throw new Error("expected a sign-in");
    expect(r.value.signedIn.user.username).not.toBe(taken.username);
    expect(r.value.signedIn.user.username.startsWith(taken.username)).toBe(true);
  });

  it("is refused with OIDC_ALLOW_SIGNUP=false, and without an email", async () => {
    flags().OIDC_ALLOW_SIGNUP = false;
    const closed = await signInWithIdentity(profile(), NAME, client);
    expect(!closed.ok && closed.error.message).toBe(SIGNUP_CLOSED(NAME));
    flags().OIDC_ALLOW_SIGNUP = true;
    const noEmail = await signInWithIdentity(profile({ email: null }), NAME, client);
    expect(!noEmail.ok && noEmail.error.message).toBe(NO_EMAIL(NAME));
  });

  it("first sign-ins of one identity at once make one account, and the sign-ins that finish are in it", async () => {
    const p = profile();
    const results = await Promise.all([1, 2, 3].map(() => signInWithIdentity(p, NAME, client)));
    const ids = results.map((r) => (r.ok && r.value.kind === "signed_in" ? r.value.signedIn.user.id : null));
    // One account, whoever wins: every sign-in that finished is in it. (Once in CI, on PostgreSQL under load, one
    // of the three did not finish; the outcome is printed so a repeat says which answer it was.)
    const signedIn = ids.filter((id): id is string => id !== null);
    if (signedIn.length < 3)
      console.warn(
        "identity race outcomes",
        results.map((r) => (r.ok ? r.value.kind : r.error)),
      );
    expect(signedIn.length).toBeGreaterThanOrEqual(1);
    expect(new Set(signedIn).size).toBe(1);
    expect(await identityRows(p)).toHaveLength(1);
    const accounts = await (await getDb()).select().from(users).where(eq(users.email, p.email!));
    expect(accounts).toHaveLength(1);
  });
});

describe("a known identity", () => {
  it("signs in to its account again and records when it was last used", async () => {
    const p = profile();
    const first = await signInWithIdentity(p, NAME, client);
    if (!first.ok || first.value.kind !== "signed_in") throw new Error("expected a sign-in");
    const before = (await identityRows(p))[0]!.lastUsedAt;
    await new Promise((r) => setTimeout(r, 20));
    const again = await signInWithIdentity({ ...p, email: "changed@idp.test" }, NAME, client);
    if (!again.ok || again.value.kind !== "signed_in") throw new Error("expected a sign-in");
    expect(again.value.signedIn.user.id).toBe(first.value.signedIn.user.id);
    expect(again.value.created).toBe(false);
    expect((await identityRows(p))[0]!.lastUsedAt!.getTime()).toBeGreaterThan(before?.getTime() ?? 0);
  });

  it("of a disabled account is refused with the password's message, and opens no session", async () => {
    const u = await newUser("iddis");
    const p = profile();
    expect((await connectIdentityNow(u.id, { ...p, providerName: NAME }, NO_CLIENT)).ok).toBe(true);
    await (await getDb()).update(users).set({ disabledAt: new Date() }).where(eq(users.id, u.id));
    const r = await signInWithIdentity(p, NAME, client);
    expect(!r.ok && r.error).toMatchObject({ message: ACCOUNT_DISABLED, reason: "account_disabled" });
    expect(await (await getDb()).select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
  });

  it("of an account with two-factor on asks for the second step, which then opens the session", async () => {
    const { user, secret } = await enrolled("idtf");
    const p = profile();
    await connectIdentityNow(user.id, { ...p, providerName: NAME }, NO_CLIENT);
    const r = await signInWithIdentity(p, NAME, client);
    if (!r.ok || r.value.kind !== "mfa") throw new Error("expected the second step");
    const done = await completeMfaSignIn(
      { challenge: r.value.mfa.challenge, code: await codeAt(secret, 1) },
      "browser",
      client,
    );
    expect(done.ok && done.value.user.id).toBe(user.id);
    // The activity says which way in the second step finished.
    const succeeded = (await eventsOf(user.id)).filter((e) => e.type === "sign_in.succeeded").at(-1);
    expect(succeeded?.detail).toMatchObject({ method: "oidc", provider: "oidc" });
  });

  it("of an account without a password with two-factor on gets its challenge too", async () => {
    const { user } = await enrolled("idtfnp");
    await (await getDb()).update(users).set({ passwordHash: null }).where(eq(users.id, user.id));
    const p = profile();
    await connectIdentityNow(user.id, { ...p, providerName: NAME }, NO_CLIENT);
    const r = await signInWithIdentity(p, NAME, client);
    expect(r.ok && r.value.kind).toBe("mfa");
  });
});

describe("an unknown identity whose email is an account's", () => {
  it("is never linked silently: a pending link, no identity, no session", async () => {
    const u = await newUser("idmatch");
    await verify(u.id);
    const p = profile({ email: u.email, emailVerified: true });
    const r = await signInWithIdentity(p, NAME, client);
    expect(r.ok && r.value).toMatchObject({ kind: "link_pending", userId: u.id, offerReset: false });
    expect(await identityRows(p)).toHaveLength(0);
    expect(await (await getDb()).select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
  });

  it("with OIDC_LINK_VERIFIED_EMAIL links when both emails are verified: event, mail, signed in", async () => {
    flags().OIDC_LINK_VERIFIED_EMAIL = true;
    const u = await newUser("idauto");
    await verify(u.id);
    const p = profile({ email: u.email, emailVerified: true });
    const r = await signInWithIdentity(p, NAME, client);
    expect(r.ok && r.value.kind === "signed_in" && r.value.signedIn.user.id).toBe(u.id);
    expect(await identityRows(p)).toHaveLength(1);
    expect((await eventsOf(u.id)).some((e) => e.type === "identity.connected")).toBe(true);
    const mail = await (await getDb()).select().from(mailOutbox).where(eq(mailOutbox.to, u.email));
    expect(mail.some((m) => m.subject.includes("Test ID sign-in was connected"))).toBe(true);
  });

  it("with OIDC_LINK_VERIFIED_EMAIL never joins an unverified account, nor with an unverified identity", async () => {
    flags().OIDC_LINK_VERIFIED_EMAIL = true;
    const unverifiedAccount = await newUser("idunv");
    const a = await signInWithIdentity(profile({ email: unverifiedAccount.email }), NAME, client);
    expect(a.ok && a.value).toMatchObject({ kind: "link_pending", offerReset: true });
    const verifiedAccount = await newUser("idver");
    await verify(verifiedAccount.id);
    const b = await signInWithIdentity(profile({ email: verifiedAccount.email, emailVerified: false }), NAME, client);
    expect(b.ok && b.value).toMatchObject({ kind: "link_pending", offerReset: false });
    expect((await eventsOf(verifiedAccount.id)).some((e) => e.type === "identity.connected")).toBe(false);
  });

  it("with OIDC_LINK_VERIFIED_EMAIL still asks for the second step before linking", async () => {
    flags().OIDC_LINK_VERIFIED_EMAIL = true;
    const { user } = await enrolled("idautotf");
    await verify(user.id);
    const p = profile({ email: user.email, emailVerified: true });
    const r = await signInWithIdentity(p, NAME, client);
    expect(r.ok && r.value.kind === "link_pending" && r.value.mfa?.challenge).toBeTruthy();
    expect(await identityRows(p)).toHaveLength(0);
  });
});

describe("connecting", () => {
  it("refuses an identity already connected to another account, and writes nothing", async () => {
    const a = await newUser("idca");
    const b = await newUser("idcb");
    const p = profile();
    expect((await connectIdentityNow(a.id, { ...p, providerName: NAME }, NO_CLIENT)).ok).toBe(true);
    const again = await connectIdentityNow(b.id, { ...p, providerName: NAME }, NO_CLIENT);
    expect(again).toEqual({ ok: false, reason: "other_account" });
    expect((await eventsOf(b.id)).some((e) => e.type === "identity.connected")).toBe(false);
  });
});

describe("the username", () => {
  it("comes from the preferred username or the email's local part, in the username's alphabet", () => {
    expect(usernameBase({ preferredUsername: "Jöhn Doe!", email: null })).toBe("JohnDoe");
    expect(usernameBase({ preferredUsername: null, email: "a.b+c@x.test" })).toBe("a.bc");
    expect(usernameBase({ preferredUsername: "x", email: null })).toBe("xuser");
    expect(usernameBase({ preferredUsername: "admin", email: null })).toBe("admin-user");
  });
});
