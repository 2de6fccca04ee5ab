import { and, eq, lte, sql } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { securityEvents, webauthnChallenges } from "@/db/schema";
import { startMailbox } from "@/vitest/mailbox";
import { newUser, PASSWORD } from "@/vitest/people";
import { SoftAuthenticator } from "@/vitest/soft-authenticator";
import { PASSKEY_REFUSED, signInOptions, signInWithPasskey } from "../auth/passkey-sign-in";
import { signIn } from "../auth/sign-in";
import { hashToken, newToken } from "../crypto/tokens";
import { resolveSessionToken } from "../sessions/resolve";
import { clientKeyOf, issueSignInChallenge, PURGE_PER_ISSUE } from "./challenges";
import { finishRegistration, registrationOptions } from "./register";
import { unfoldTries } from "@/vitest/tries";

// Small caps, read by lib/env.ts on its first use (after this runs): this file's database is its own.
vi.hoisted(() => {
  process.env.PASSKEY_CHALLENGES_PER_CLIENT = "5";
  process.env.PASSKEY_CHALLENGES_TOTAL = "30";
});

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

const SITE = { origin: "http://localhost:3000", rpId: "localhost" };
const UA = "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36";
let ipN = 0;
const freshIp = () => `203.0.113.${++ipN}`;
const client = (ip = freshIp()) => ({ ip, userAgent: UA });

async function withPasskey() {
  const user = await newUser("ch");
  const signedIn = await signIn({ login: user.username, password: PASSWORD }, "api", client());
  if (!signedIn.ok || !("session" in signedIn.value)) throw new Error("sign-in failed");
  const caller = (await resolveSessionToken(signedIn.value.session.token))!;
  const authenticator = new SoftAuthenticator(SITE);
  const options = await registrationOptions(caller);
  if (!options.ok) throw new Error(options.error.message);
  const added = await finishRegistration(caller, { response: authenticator.register(options.value) }, client());
  if (!added.ok) throw new Error(added.error.message);
  return { user, authenticator };
}

async function live(where = sql`true`) {
  const db = await getDb();
  const rows = await db
    .select({ id: webauthnChallenges.id })
    .from(webauthnChallenges)
    .where(and(sql`${webauthnChallenges.expiresAt} > now()`, where));
  return rows.length;
}

/** Every challenge so far ends now, so a test starts from an empty count. */
async function expireAll() {
  const db = await getDb();
  await db
    .update(webauthnChallenges)
    .set({ expiresAt: sql`now() - interval '1 second'` })
    .where(sql`${webauthnChallenges.expiresAt} > now()`);
}

describe("a sign-in challenge is bound to the client that asked", () => {
  it("an answer sent without its binding, or with another, finds no challenge; its own client's works", async () => {
    const { user, authenticator } = await withPasskey();
    const ip = freshIp();
    const asked = await signInOptions(client(ip));
    if (!asked.ok) throw new Error(asked.error.message);
    const { options, binding } = asked.value;
    // Only the binding's hash is stored, on the challenge's row.
    const db = await getDb();
    const [row] = await db
      .select()
      .from(webauthnChallenges)
      .where(eq(webauthnChallenges.challengeHash, hashToken(options.challenge)));
    expect(row!.bindingHash).toBe(hashToken(binding));
    expect(row!.clientKey).toBe(clientKeyOf(ip));

    const response = authenticator.assert(options);
    // An API client must send a binding: without it the request is incomplete (400, nothing spent).
    const missing = await signInWithPasskey({ response }, "api", client());
    expect(!missing.ok && missing.error.code).toBe("validation");
    expect(!missing.ok && missing.error.fields).toHaveProperty("binding");
    // Another client's binding, a browser without the cookie or with other ones: refused like a spent challenge.
    const others = [
      signInWithPasskey({ response, binding: newToken().token }, "api", client()),
      signInWithPasskey({ response }, "browser", client(), {}),
      signInWithPasskey({ response }, "browser", client(), { bindings: [newToken().token, newToken().token] }),
      signInWithPasskey({ response }, "browser", client(), { bindings: ["not a binding"] }),
    ];
    for (const r of await Promise.all(others)) {
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatchObject({ code: "unauthorized", message: PASSKEY_REFUSED });
    }
    // Just as an answer to a challenge that is gone.
    const events = unfoldTries(await db.select().from(securityEvents).where(eq(securityEvents.userId, user.id)));
    const reasons = events
      .filter((e) => e.type === "sign_in.failed")
      .map((e) => (e.detail as { reason: string }).reason);
    expect(reasons).toEqual(Array(4).fill("passkey_expired"));
    // None of them spent it: the client that asked still signs in with it, once.
    expect(await live(eq(webauthnChallenges.challengeHash, hashToken(options.challenge)))).toBe(1);
    const own = await signInWithPasskey({ response, binding }, "api", client());
    expect(own.ok).toBe(true);
    expect((await signInWithPasskey({ response, binding }, "api", client())).ok).toBe(false);
  });

  it("a browser's cookie may hold several bindings (two sign-in tabs); the matching one spends it", async () => {
    const { authenticator } = await withPasskey();
    const first = await signInOptions(client());
    const second = await signInOptions(client());
    if (!first.ok || !second.ok) throw new Error("options");
    const cookie = [second.value.binding, first.value.binding];
    const response = authenticator.assert(first.value.options);
    const r = await signInWithPasskey({ response }, "browser", client(), { bindings: cookie });
    expect(r.ok).toBe(true);
  });
});

describe("live sign-in challenges are capped", () => {
  it("per client: parallel requests from one address never get more than PASSKEY_CHALLENGES_PER_CLIENT", async () => {
    await expireAll();
    const ip = freshIp();
    const answers = await Promise.all(Array.from({ length: 20 }, () => signInOptions(client(ip))));
    expect(answers.filter((a) => a.ok)).toHaveLength(5);
    const refused = answers.filter((a) => !a.ok);
    expect(refused).toHaveLength(15);
    for (const a of refused) {
      expect(!a.ok && a.error.code).toBe("rate_limited");
      expect(!a.ok && a.error.message).toMatch(/Too many passkey sign-ins are waiting from your network/);
      expect(!a.ok && a.error.retryAfter).toBeGreaterThan(0);
      expect(!a.ok && a.error.retryAfter).toBeLessThanOrEqual(300);
    }
    expect(await live(eq(webauthnChallenges.clientKey, clientKeyOf(ip)))).toBe(5);
    // Another address of the same IPv6 /64 is the same client; another address is not.
    const v6 = await Promise.all(
      Array.from({ length: 8 }, (_, i) => issueSignInChallenge(`2001:db8:1:2::${(i + 1).toString(16)}`)),
    );
    expect(v6.filter((r) => r.ok)).toHaveLength(5);
    expect((await signInOptions(client())).ok).toBe(true);
    // A place frees up when one of them is spent or ends.
    const db = await getDb();
    const [oldest] = await db
      .select({ id: webauthnChallenges.id })
      .from(webauthnChallenges)
      .where(eq(webauthnChallenges.clientKey, clientKeyOf(ip)))
      .limit(1);
    await db
      .update(webauthnChallenges)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(webauthnChallenges.id, oldest!.id));
    expect((await signInOptions(client(ip))).ok).toBe(true);
    expect((await signInOptions(client(ip))).ok).toBe(false);
  });

  it("overall: past PASSKEY_CHALLENGES_TOTAL every client waits (503 + Retry-After)", async () => {
    await expireAll();
    // 6 clients × 5 = the total of 30.
    for (let c = 0; c < 6; c++) {
      const ip = freshIp();
      const answers = await Promise.all(Array.from({ length: 5 }, () => issueSignInChallenge(ip)));
      expect(answers.every((a) => a.ok)).toBe(true);
    }
    const stranger = await signInOptions(client());
    expect(!stranger.ok && stranger.error).toMatchObject({
      code: "unavailable",
      message: expect.stringMatching(/Too many passkey sign-ins are under way/),
    });
    expect(!stranger.ok && stranger.error.retryAfter).toBeGreaterThan(0);
    expect(await live()).toBe(30);
    await expireAll();
    expect((await signInOptions(client())).ok).toBe(true);
  });
});

describe("issuing cleans up on its way", () => {
  it("each issuance deletes expired challenges, so they never pile up faster than they go", async () => {
    await expireAll();
    const db = await getDb();
    await db.insert(webauthnChallenges).values(
      Array.from({ length: 25 }, () => ({
        challengeHash: newToken().hash,
        purpose: "sign_in" as const,
        bindingHash: newToken().hash,
        clientKey: clientKeyOf("192.0.2.1"),
        expiresAt: sql`now() - interval '1 minute'`,
      })),
    );
    const expired = async () =>
      (
        await db
          .select({ id: webauthnChallenges.id })
          .from(webauthnChallenges)
          .where(lte(webauthnChallenges.expiresAt, sql`now()`))
      ).length;
    const before = await expired();
    expect(before).toBeGreaterThanOrEqual(25);
    expect((await signInOptions(client())).ok).toBe(true);
    expect(await expired()).toBe(before - PURGE_PER_ISSUE);
    for (let i = 0; i < Math.ceil(before / PURGE_PER_ISSUE); i++) await signInOptions(client());
    expect(await expired()).toBe(0);
  });
});
