import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/users/me/export/route";
import { getDb } from "@/db/client";
import {
  apiKeys,
  emailTokens,
  follows,
  identities,
  mailOutbox,
  passkeys,
  posts,
  securityEvents,
  sessions,
  users,
} from "@/db/schema";
import { addIdentity, addPasskeyRow, staleProof } from "@/vitest/passwordless";
import { newUser, NO_CLIENT } from "@/vitest/people";
import { enrolled } from "@/vitest/two-factor";
import { hashToken, newToken } from "../crypto/tokens";
import { createSession } from "../sessions/create";
import { exportAccount } from "./export";

const noCtx = { params: Promise.resolve({}) };
const get = (token?: string) =>
  exportRoute(
    new Request("http://localhost/api/users/me/export", {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    }),
    noCtx,
  );

/** An account with something of every kind: two-factor, a passkey, an identity, keys, posts, an impersonation. */
async function richAccount() {
  const { user, recoveryCodes } = await enrolled("ex");
  const db = await getDb();
  // The API session `enrolled` signed in with: its token is what the route is called with.
  const own = await createSession(user.id, "api", { ip: "203.0.113.7", userAgent: "curl/8.5" });
  await db.update(users).set({ emailVerifiedAt: new Date(), bio: "Analyst." }).where(eq(users.id, user.id));
  const browser = await createSession(user.id, "browser", {
    ip: "198.51.100.4",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  });
  const key = `acc_${randomBytes(32).toString("base64url")}`;
  await db.insert(apiKeys).values({
    userId: user.id,
    name: "Backup script",
    prefix: key.slice(0, 12),
    keyHash: hashToken(key),
    scopes: ["posts:read"],
  });
  const identity = await addIdentity(user.id, "github", "ada@github.example");
  await addPasskeyRow(user.id, "Laptop");
  await db.insert(posts).values({
    id: randomBytes(16).toString("base64url"),
    authorId: user.id,
    title: "Engines",
    body: "On the analytical engine.",
  });
  const change = newToken();
  await db.insert(emailTokens).values({
    userId: user.id,
    purpose: "change_email",
    tokenHash: change.hash,
    email: `new-${user.username}@example.com`,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  const admin = await newUser("exa");
  await db.update(users).set({ role: "admin" }).where(eq(users.id, admin.id));
  const adminSession = await createSession(admin.id, "browser", NO_CLIENT);
  const impersonation = newToken();
  await db.insert(sessions).values({
    userId: user.id,
    tokenHash: impersonation.hash,
    kind: "browser",
    expiresAt: new Date(Date.now() + 30 * 60_000),
    impersonatorId: admin.id,
    impersonationReason: "Helping with a stuck post",
    parentSessionId: adminSession.id,
  });
  // Someone else's things must not show.
  const other = await newUser("exo");
  await db
    .insert(posts)
    .values({ id: randomBytes(16).toString("base64url"), authorId: other.id, title: "Not theirs", body: "x" });
  // It follows `other`; the administrator follows it; `other` follows the administrator (not its to export);
  // a disabled account follows it (left out, as in the public lists and the counts).
  const gone = await newUser("exd");
  await db.insert(follows).values([
    { followerId: user.id, followeeId: other.id },
    { followerId: admin.id, followeeId: user.id },
    { followerId: other.id, followeeId: admin.id },
    { followerId: gone.id, followeeId: user.id },
  ]);
  await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, gone.id));
  const secrets = [
    own.token,
    browser.token,
    key,
    change.token,
    change.hash,
    impersonation.token,
    impersonation.hash,
    identity.subject,
    ...recoveryCodes,
  ];
  return { user, own, secrets, admin, other };
}

/** Every hash, sealed secret and credential the database holds for the account, read back from it. */
async function storedSecrets(userId: string): Promise<string[]> {
  const db = await getDb();
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  const s = await db.select({ h: sessions.tokenHash }).from(sessions).where(eq(sessions.userId, userId));
  const k = await db.select({ h: apiKeys.keyHash, p: apiKeys.prefix }).from(apiKeys).where(eq(apiKeys.userId, userId));
  const p = await db
    .select({ c: passkeys.credentialId, k: passkeys.publicKey, id: passkeys.id })
    .from(passkeys)
    .where(eq(passkeys.userId, userId));
  const i = await db.select({ s: identities.subject }).from(identities).where(eq(identities.userId, userId));
  return [
    u!.passwordHash!,
    u!.totpSecret!,
    ...s.map((r) => r.h),
    ...k.flatMap((r) => [r.h, r.p]),
    ...p.flatMap((r) => [r.c, r.k, r.id]),
    ...i.map((r) => r.s),
  ].filter(Boolean);
}

/** The shapes a secret has here: bcrypt, a 32-byte base64url token or hash, an API key, a webhook secret, base32. */
const SECRET_SHAPES: [string, RegExp][] = [
  ["bcrypt hash", /\$2[aby]?\$\d\d\$/],
  ["43-char base64url token or SHA-256", /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/],
  ["API key", /acc_/],
  ["webhook secret", /whsec_/],
  ["TOTP base32 secret", /(?<![A-Za-z0-9])[A-Z2-7]{16,}(?![A-Za-z0-9])/],
  ["sealed value", /v\d+\.[A-Za-z0-9_-]{20,}/],
  ["recovery code (xxxx-xxxx-xxxx)", /(?<![A-Za-z0-9-])[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}(?![A-Za-z0-9-])/],
];

describe("GET /api/users/me/export", () => {
  it("answers one JSON attachment with every part of the account, and nothing of anyone else's", async () => {
    const { user, own, admin, other } = await richAccount();
    const response = await get(own.token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="[\w.-]+\.json"$/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const doc = await response.json();
    expect(doc.profile).toMatchObject({ id: user.id, username: user.username, bio: "Analyst." });
    expect(doc.emails).toEqual([
      expect.objectContaining({ address: user.email, primary: true, verified: true }),
      expect.objectContaining({ address: `new-${user.username}@example.com`, primary: false }),
    ]);
    expect(doc.sessions).toContainEqual(
      expect.objectContaining({ kind: "browser", device: "Firefox on Linux", ip: "198.51.100.4", current: false }),
    );
    expect(doc.sessions).toContainEqual(expect.objectContaining({ id: own.id, ip: "203.0.113.7", current: true }));
    expect(doc.sessions).toContainEqual(
      expect.objectContaining({ impersonation: { byAnAdministrator: true, reason: "Helping with a stuck post" } }),
    );
    expect(doc.apiKeys).toEqual([expect.objectContaining({ name: "Backup script", scopes: ["posts:read"] })]);
    expect(doc.connectedIdentities).toEqual([
      expect.objectContaining({ provider: "github", providerName: "GitHub", email: "ada@github.example" }),
    ]);
    expect(doc.passkeys).toEqual([expect.objectContaining({ name: "Laptop" })]);
    expect(doc.twoFactor).toMatchObject({ enabled: true });
    expect(doc.posts.map((p: { title: string }) => p.title)).toEqual(["Engines"]);
    expect(doc.following).toEqual({ total: 1, accounts: [{ username: other.username, since: expect.any(String) }] });
    expect(doc.followers).toEqual({ total: 1, accounts: [{ username: admin.username, since: expect.any(String) }] });
    expect(doc.activity.map((e: { type: string }) => e.type)).toContain("mfa.enabled");
    expect(doc.activity[0]).toMatchObject({ description: expect.any(String), at: expect.any(String) });
  });

  it("holds no secret: no stored hash, token, key, code or credential, and nothing shaped like one", async () => {
    const { user, own, secrets } = await richAccount();
    const response = await get(own.token);
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const secret of [...secrets, ...(await storedSecrets(user.id))].filter((s) => s.length >= 8))
      expect(text.includes(secret), `the export holds a secret (${secret.slice(0, 6)}…)`).toBe(false);
    for (const [name, shape] of SECRET_SHAPES) expect(text, name).not.toMatch(shape);
    // The keys a secret would sit under are not there either.
    expect(text).not.toMatch(
      /"(passwordHash|password_hash|tokenHash|keyHash|totpSecret|codeHash|publicKey|credentialId|subject|prefix)"/,
    );
  });

  it("needs a recent re-authentication: 403 reauthentication_required, which costs none of the day's exports", async () => {
    const { caller } = await enrolled("exr");
    const db = await getDb();
    const session = await createSession(caller.user.id, "api", NO_CLIENT);
    const [row] = await db.select().from(sessions).where(eq(sessions.id, session.id));
    await staleProof({ ...caller, session: { ...caller.session, id: row!.id } });
    for (let i = 0; i < 4; i++) {
      const response = await get(session.token);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: "reauthentication_required" });
    }
    expect(await eventCount(caller.user.id, "account.exported")).toBe(0);
    // Fresh again: the day's three are all still there.
    await db.update(sessions).set({ reauthenticatedAt: new Date() }).where(eq(sessions.id, session.id));
    for (let i = 0; i < 3; i++) expect((await get(session.token)).status).toBe(200);
  });

  it("is limited to 3 a day per account (429 with Retry-After), each recorded and mailed once", async () => {
    const { user, own } = await richAccount();
    const answers = await Promise.all(Array.from({ length: 6 }, () => get(own.token)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3600);
    expect(await eventCount(user.id, "account.exported")).toBe(3);
    const db = await getDb();
    const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.to, user.email));
    expect(mails.filter((m) => /data was exported/.test(m.subject))).toHaveLength(3);
  });

  it("answers 401 to a token that names no session, and exportAccount refuses a stale proof in lib too", async () => {
    // (Without any header the route tries the browser's cookie, which needs a request scope: e2e checks that.)
    expect((await get("not-a-token")).status).toBe(401);
    expect((await get(newToken().token)).status).toBe(401);
    const { caller } = await enrolled("exl");
    const stale = await staleProof(caller);
    expect(await exportAccount(stale, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "forbidden", reason: "reauthentication_required" },
    });
  });
});

async function eventCount(userId: string, type: string): Promise<number> {
  const db = await getDb();
  const rows = await db
    .select({ id: securityEvents.id })
    .from(securityEvents)
    .where(and(eq(securityEvents.userId, userId), eq(securityEvents.type, type)));
  return rows.length;
}
