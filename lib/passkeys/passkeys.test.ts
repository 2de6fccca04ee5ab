import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { passkeys, securityEvents, sessions, users, webauthnChallenges } from "@/db/schema";
import { startMailbox } from "@/vitest/mailbox";
import { newUser, NO_CLIENT, PASSWORD } from "@/vitest/people";
import { SoftAuthenticator } from "@/vitest/soft-authenticator";
import { signIn } from "../auth/sign-in";
import { hashToken } from "../crypto/tokens";
import { reauthenticate } from "../reauth/reauthenticate";
import { resolveSessionToken, type Caller } from "../sessions/resolve";
import { listPasskeys, removePasskey, renamePasskey } from "./manage";
import { reauthOptions } from "./reauth";
import { finishRegistration, MAX_PASSKEYS, registrationOptions } from "./register";
import { signInOptions, signInWithPasskey } from "../auth/passkey-sign-in";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

// vitest runs without APP_URL: the site is http://localhost:3000, its RP ID "localhost".
const SITE = { origin: "http://localhost:3000", rpId: "localhost" };
const client = (ip: string) => ({ ip, userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36" });
let ipN = 0;
const freshIp = () => `198.51.100.${++ipN}`;

async function signedIn(prefix = "pk") {
  const user = await newUser(prefix);
  const r = await signIn({ login: user.username, password: PASSWORD }, "api", NO_CLIENT);
  if (!r.ok) throw new Error("sign-in failed");
  const token = r.value.session.token;
  return { user, token, caller: (await resolveSessionToken(token))! };
}

async function withPasskey(prefix = "pk") {
  const { user, caller } = await signedIn(prefix);
  const authenticator = new SoftAuthenticator(SITE);
  const options = await registrationOptions(caller);
  if (!options.ok) throw new Error(options.error.message);
  const added = await finishRegistration(
    caller,
    { response: authenticator.register(options.value) },
    client(freshIp()),
  );
  if (!added.ok) throw new Error(added.error.message);
  return { user, caller, authenticator, passkey: added.value };
}

async function signInAnswer(authenticator: SoftAuthenticator, forge: Parameters<SoftAuthenticator["assert"]>[1] = {}) {
  const options = await signInOptions(client(freshIp()));
  if (!options.ok) throw new Error(options.error.message);
  return { response: authenticator.assert(options.value.options, forge), binding: options.value.binding };
}

async function eventTypes(userId: string) {
  const db = await getDb();
  const rows = await db.select().from(securityEvents).where(eq(securityEvents.userId, userId));
  return rows.map((r) => r.type);
}

async function staleProof(caller: Caller): Promise<Caller> {
  const db = await getDb();
  await db
    .update(sessions)
    .set({ reauthenticatedAt: sql`now() - interval '1 day'` })
    .where(eq(sessions.id, caller.session.id));
  return { ...caller, session: { ...caller.session, reauthenticatedAt: new Date(Date.now() - 86_400_000) } };
}

describe("adding a passkey", () => {
  it("needs a fresh re-authentication; adds it, names it after the browser, records and mails it", async () => {
    const { user, caller } = await signedIn();
    const stale = await staleProof(caller);
    const refused = await registrationOptions(stale);
    expect(refused.ok || refused.error.reason).toBe("reauthentication_required");

    const options = await registrationOptions(caller);
    if (!options.ok) throw new Error("options");
    expect(options.value.rp.id).toBe("localhost");
    expect(options.value.authenticatorSelection).toMatchObject({
      residentKey: "required",
      userVerification: "required",
    });
    const authenticator = new SoftAuthenticator(SITE);
    const added = await finishRegistration(
      caller,
      { response: authenticator.register(options.value) },
      client("192.0.2.1"),
    );
    expect(added.ok && added.value).toMatchObject({ name: "Chrome on Linux", lastUsedAt: null, backedUp: false });
    expect(await listPasskeys(user.id)).toHaveLength(1);
    expect(await eventTypes(user.id)).toContain("passkey.added");
    await mailbox.waitFor(user.email, /A passkey was added/);

    // The next options exclude it, so one authenticator is not added twice.
    const again = await registrationOptions(caller);
    expect(again.ok && again.value.excludeCredentials).toHaveLength(1);
  });

  it("refuses an answer for another origin, without user verification, replayed, or to another session's challenge", async () => {
    const { caller } = await signedIn();
    const other = await signedIn();
    const authenticator = new SoftAuthenticator(SITE);
    const cases = [
      { origin: "http://evil.localhost:3000" },
      { origin: "https://localhost:3000" },
      { userVerified: false },
    ];
    for (const forge of cases) {
      const options = await registrationOptions(caller);
      if (!options.ok) throw new Error("options");
      const r = await finishRegistration(caller, { response: authenticator.register(options.value, forge) }, NO_CLIENT);
      expect(r.ok, JSON.stringify(forge)).toBe(false);
    }
    const options = await registrationOptions(caller);
    if (!options.ok) throw new Error("options");
    const answer = authenticator.register(options.value);
    // Another session cannot spend this session's challenge …
    expect((await finishRegistration(other.caller, { response: answer }, NO_CLIENT)).ok).toBe(false);
    // … and it still works once for its own, then never again.
    expect((await finishRegistration(caller, { response: answer }, NO_CLIENT)).ok).toBe(true);
    expect((await finishRegistration(caller, { response: answer }, NO_CLIENT)).ok).toBe(false);
    expect(await listPasskeys(caller.user.id)).toHaveLength(1);
    expect(await listPasskeys(other.user.id)).toHaveLength(0);
  });
});

describe("the re-authentication window when the passkey is saved", () => {
  it("is checked again: closed since the options were issued, the same answer as the options step", async () => {
    const { user, token, caller } = await signedIn();
    const options = await registrationOptions(caller);
    if (!options.ok) throw new Error("options");
    const answer = { response: new SoftAuthenticator(SITE).register(options.value) };
    // The window closes while the authenticator is busy: the session's proof is now a day old.
    const db = await getDb();
    const setProof = (when: ReturnType<typeof sql>) =>
      db.update(sessions).set({ reauthenticatedAt: when }).where(eq(sessions.id, caller.session.id));
    await setProof(sql`now() - interval '1 day'`);
    const late = (await resolveSessionToken(token))!;
    const refused = await finishRegistration(late, answer, NO_CLIENT);
    const atOptions = await registrationOptions(late);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toEqual(!atOptions.ok && atOptions.error);
    expect(!refused.ok && refused.error.reason).toBe("reauthentication_required");
    expect(await listPasskeys(user.id)).toHaveLength(0);
    expect(await eventTypes(user.id)).not.toContain("passkey.added");
    // Re-authenticated again, the answer to the (unspent) challenge is good.
    await setProof(sql`now()`);
    const again = await finishRegistration((await resolveSessionToken(token))!, answer, NO_CLIENT);
    expect(again.ok).toBe(true);
    expect(await listPasskeys(user.id)).toHaveLength(1);
  });
});

describe("the cap of 25 passkeys", () => {
  it("holds when two sessions add the 25th at once", async () => {
    const { user, caller } = await signedIn();
    const db = await getDb();
    await db.insert(passkeys).values(
      Array.from({ length: MAX_PASSKEYS - 1 }, (_, i) => ({
        id: `cap${String(i).padStart(19, "0")}`,
        userId: user.id,
        credentialId: `cred-${user.id}-${i}`,
        publicKey: "AAAA",
        deviceType: "singleDevice",
        backedUp: false,
        name: `Key ${i}`,
      })),
    );
    const second = await signIn({ login: user.username, password: PASSWORD }, "api", NO_CLIENT);
    if (!second.ok) throw new Error("sign-in failed");
    const other = (await resolveSessionToken(second.value.session.token))!;
    const answers = await Promise.all(
      [caller, other].map(async (c) => {
        const options = await registrationOptions(c);
        if (!options.ok) throw new Error(options.error.message);
        return { c, response: new SoftAuthenticator(SITE).register(options.value) };
      }),
    );
    const results = await Promise.all(answers.map(({ c, response }) => finishRegistration(c, { response }, NO_CLIENT)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === "conflict")).toHaveLength(1);
    expect(await listPasskeys(user.id)).toHaveLength(MAX_PASSKEYS);
  });
});

describe("signing in with a passkey", () => {
  it("opens a session (skipping two-factor's step), records passkey.used, moves the counter", async () => {
    const { user, authenticator, passkey } = await withPasskey();
    const db = await getDb();
    await db.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, user.id)); // two-factor on
    const r = await signInWithPasskey(await signInAnswer(authenticator), "api", client(freshIp()));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.user.username).toBe(user.username);
    expect(await resolveSessionToken(r.value.session.token)).not.toBeNull();
    const [row] = await db.select().from(passkeys).where(eq(passkeys.id, passkey.id));
    expect(row!.counter).toBe(1);
    expect(row!.lastUsedAt).not.toBeNull();
    expect(await eventTypes(user.id)).toEqual(expect.arrayContaining(["sign_in.succeeded", "passkey.used"]));
  });

  it("one answer works once, even sent ten times at once", async () => {
    const { authenticator } = await withPasskey();
    const answer = await signInAnswer(authenticator);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => signInWithPasskey(answer, "api", client(freshIp()))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("refuses another origin, another RP ID, no user verification, a counter gone back (recorded), a removed passkey", async () => {
    const { user, caller, authenticator, passkey } = await withPasskey();
    for (const forge of [{ origin: "http://evil.localhost:3000" }, { rpId: "evil.example" }, { userVerified: false }]) {
      const r = await signInWithPasskey(await signInAnswer(authenticator, forge), "api", client(freshIp()));
      expect(r.ok, JSON.stringify(forge)).toBe(false);
      expect(!r.ok && r.error.code).toBe("unauthorized");
    }
    expect((await signInWithPasskey(await signInAnswer(authenticator, { counter: 10 }), "api", NO_CLIENT)).ok).toBe(
      true,
    );
    // A clone still at counter 5: refused, and recorded.
    const cloned = await signInWithPasskey(await signInAnswer(authenticator, { counter: 5 }), "api", client(freshIp()));
    expect(cloned.ok).toBe(false);
    expect(await eventTypes(user.id)).toContain("passkey.counter_regressed");

    expect((await removePasskey(caller, passkey.id, NO_CLIENT)).ok).toBe(true);
    const answer = await signInAnswer(authenticator);
    const removed = await signInWithPasskey(answer, "api", client(freshIp()));
    expect(!removed.ok && removed.error.message).toMatch(/not registered here/);
    // Its challenge was spent all the same.
    const db = await getDb();
    const challenge = JSON.parse(
      Buffer.from(answer.response.response.clientDataJSON, "base64url").toString(),
    ).challenge;
    expect(
      await db
        .select()
        .from(webauthnChallenges)
        .where(eq(webauthnChallenges.challengeHash, hashToken(challenge))),
    ).toHaveLength(0);
  });

  it("a disabled account is refused with account_disabled; a wrong answer counts against the sign-in limits", async () => {
    const { user, authenticator } = await withPasskey();
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      const r = await signInWithPasskey(
        await signInAnswer(authenticator, { origin: "http://evil.test" }),
        "api",
        client(ip),
      );
      expect(!r.ok && r.error.code).toBe("unauthorized");
    }
    const limited = await signInWithPasskey(await signInAnswer(authenticator), "api", client(ip));
    expect(!limited.ok && limited.error.code).toBe("rate_limited");

    const db = await getDb();
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    const disabled = await signInWithPasskey(await signInAnswer(authenticator), "api", client(freshIp()));
    expect(!disabled.ok && disabled.error.reason).toBe("account_disabled");
  });

  it("sign-in challenges live 5 minutes and are stored hashed", async () => {
    const options = await signInOptions(client(freshIp()));
    if (!options.ok) throw new Error("options");
    const db = await getDb();
    const rows = await db.select().from(webauthnChallenges).where(eq(webauthnChallenges.purpose, "sign_in"));
    expect(rows.some((r) => r.challengeHash === options.value.options.challenge)).toBe(false);
    expect(rows.some((r) => r.challengeHash === hashToken(options.value.options.challenge))).toBe(true);
    const { authenticator } = await withPasskey();
    const answer = await signInAnswer(authenticator);
    await db
      .update(webauthnChallenges)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(webauthnChallenges.purpose, "sign_in"));
    expect((await signInWithPasskey(answer, "api", client(freshIp()))).ok).toBe(false);
  });
});

describe("re-authenticating with a passkey", () => {
  it("renews the session's proof; another session's challenge or another account's passkey is refused", async () => {
    const { caller, authenticator } = await withPasskey();
    const stranger = await withPasskey();
    const stale = await staleProof(caller);
    const options = await reauthOptions(stale);
    if (!options.ok) throw new Error("options");
    expect(options.value.allowCredentials).toHaveLength(1);

    // The stranger's own passkey, answering this session's challenge: refused.
    const foreign = stranger.authenticator.assert(options.value);
    expect((await reauthenticate(stale, { passkey: foreign }, NO_CLIENT)).ok).toBe(false);

    const fresh = await reauthOptions(stale);
    if (!fresh.ok) throw new Error("options");
    const answer = authenticator.assert(fresh.value);
    expect((await reauthenticate(stranger.caller, { passkey: answer }, NO_CLIENT)).ok).toBe(false);
    const again = await reauthOptions(stale);
    if (!again.ok) throw new Error("options");
    expect((await reauthenticate(stale, { passkey: authenticator.assert(again.value) }, NO_CLIENT)).ok).toBe(true);
    const db = await getDb();
    const [row] = await db.select().from(sessions).where(eq(sessions.id, caller.session.id));
    expect(Date.now() - row!.reauthenticatedAt.getTime()).toBeLessThan(60_000);
  });

  it("an account without passkeys gets no options", async () => {
    const { caller } = await signedIn();
    const r = await reauthOptions(caller);
    expect(!r.ok && r.error.code).toBe("not_found");
  });
});

describe("managing passkeys", () => {
  it("rename and remove work for the owner only; removal needs a fresh proof, records and mails it", async () => {
    const { user, caller, passkey } = await withPasskey();
    const other = await signedIn();
    expect((await renamePasskey(other.user.id, passkey.id, { name: "mine now" })).ok).toBe(false);
    const renamed = await renamePasskey(user.id, passkey.id, { name: "  Work laptop  " });
    expect(renamed.ok && renamed.value.name).toBe("Work laptop");
    expect((await renamePasskey(user.id, passkey.id, { name: "bad\u0000name" })).ok).toBe(false);
    expect((await renamePasskey(user.id, passkey.id, { name: "x".repeat(65) })).ok).toBe(false);

    expect((await removePasskey(other.caller, passkey.id, NO_CLIENT)).ok).toBe(false);
    const stale = await removePasskey(await staleProof(caller), passkey.id, NO_CLIENT);
    expect(!stale.ok && stale.error.reason).toBe("reauthentication_required");
    expect(await listPasskeys(user.id)).toHaveLength(1);

    const db = await getDb();
    await db
      .update(sessions)
      .set({ reauthenticatedAt: sql`now()` })
      .where(eq(sessions.id, caller.session.id));
    expect(
      (
        await removePasskey(
          { ...caller, session: { ...caller.session, reauthenticatedAt: new Date() } },
          passkey.id,
          NO_CLIENT,
        )
      ).ok,
    ).toBe(true);
    expect(await listPasskeys(user.id)).toHaveLength(0);
    expect(await eventTypes(user.id)).toContain("passkey.removed");
    await mailbox.waitFor(user.email, /A passkey was removed/);
  });

  it("passkeys go with the account", async () => {
    const { user } = await withPasskey();
    const db = await getDb();
    await db.delete(users).where(eq(users.id, user.id));
    expect(
      await db
        .select()
        .from(passkeys)
        .where(and(eq(passkeys.userId, user.id))),
    ).toHaveLength(0);
  });
});
