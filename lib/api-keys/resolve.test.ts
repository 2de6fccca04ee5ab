import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { DatabaseError } from "@/db/safe-errors";
import { apiKeys, users } from "@/db/schema";
import { startMailbox } from "@/vitest/mailbox";
import { signedInAccount } from "@/vitest/passwordless";
import { NO_CLIENT } from "@/vitest/people";
import { enrolled } from "@/vitest/two-factor";
import { hashToken } from "../crypto/tokens";
import { createSession } from "../sessions/create";
import { resolveSessionToken, type Caller } from "../sessions/resolve";
import { createApiKey } from "./create";
import { resolveApiKey } from "./resolve";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

async function keyOf(caller: Caller, scopes: string[], expiresInDays?: number) {
  const made = await createApiKey(caller, { name: "k", scopes, expiresInDays }, NO_CLIENT);
  if (!made.ok) throw new Error(`create failed: ${made.error.message}`);
  return made.value;
}

const lastUsed = async (id: string) =>
  (await (await getDb()).select().from(apiKeys).where(eq(apiKeys.id, id)))[0]!.lastUsedAt;

describe("resolveApiKey", () => {
  it("reads every column in its place: the key, its scopes and expiry, the owner's profile, two-factor and codes", async () => {
    const { user, caller, recoveryCodes } = await enrolled("rk");
    const db = await getDb();
    const verifiedAt = new Date("2026-01-02T03:04:05.678Z");
    // An administrator's key: the caller is still a plain user.
    await db
      .update(users)
      .set({ displayName: "Ré Sol", bio: "a bio", avatarUrl: "https://example.com/a.png", emailVerifiedAt: verifiedAt })
      .where(eq(users.id, user.id));
    await db.update(users).set({ role: "admin" }).where(eq(users.id, user.id));
    const { apiKey, key } = await keyOf(caller, ["profile:read", "posts:write"], 30);
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));

    const resolved = (await resolveApiKey(key))!;
    expect(resolved.session).toEqual({
      id: apiKey.id,
      kind: "api",
      expiresAt: row!.expiresAt,
      reauthenticatedAt: new Date(0),
      impersonator: null,
    });
    expect(resolved.role).toBe("user");
    expect(resolved.apiKey).toEqual({ id: apiKey.id, scopes: ["profile:read", "posts:write"] });
    // Never used before (its last use is not its expiry): written now.
    expect(await lastUsed(apiKey.id)).not.toBeNull();
    expect(resolved.user).toEqual({
      id: user.id,
      username: user.username,
      email: user.email,
      emailVerified: true,
      displayName: "Ré Sol",
      avatarUrl: "https://example.com/a.png",
      bio: "a bio",
      createdAt: user.createdAt,
      hasPassword: true,
      twoFactor: { totp: true, recoveryCodesLeft: recoveryCodes.length },
    });
    // The same user, read the same way as through a session.
    const viaSession = (await resolveSessionToken((await createSession(user.id, "api", NO_CLIENT)).token))!;
    expect(resolved.user).toEqual(viaSession.user);
  });

  it("a key that never expires, of an account without password or two-factor", async () => {
    const { user, caller } = await signedInAccount("rk", { password: false });
    const { apiKey, key } = await keyOf(caller, ["posts:read"]);
    const resolved = (await resolveApiKey(key))!;
    expect(resolved.session.expiresAt).toEqual(new Date(8_640_000_000_000_000));
    expect(resolved.apiKey).toEqual({ id: apiKey.id, scopes: ["posts:read"] });
    expect(resolved.user).toEqual({ ...user, hasPassword: false });
    expect(resolved.user).toMatchObject({ emailVerified: false, twoFactor: { totp: false, recoveryCodesLeft: 0 } });
  });

  it("refuses missing, malformed, unknown and session tokens", async () => {
    const { token } = await signedInAccount("rk");
    expect(await resolveApiKey(null)).toBeNull();
    expect(await resolveApiKey("acc_short")).toBeNull();
    expect(await resolveApiKey(`acc_${"A".repeat(43)}`)).toBeNull();
    expect(await resolveApiKey(token)).toBeNull();
  });

  it("signs out an expired key, a revoked one and a disabled account's, at once", async () => {
    const { user, caller } = await signedInAccount("rk");
    const db = await getDb();
    const expiring = await keyOf(caller, ["posts:read"], 7);
    expect(await resolveApiKey(expiring.key)).not.toBeNull();
    await db
      .update(apiKeys)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiKeys.id, expiring.apiKey.id));
    expect(await resolveApiKey(expiring.key)).toBeNull();

    const revoked = await keyOf(caller, ["posts:read"]);
    await db.delete(apiKeys).where(eq(apiKeys.id, revoked.apiKey.id));
    expect(await resolveApiKey(revoked.key)).toBeNull();

    const live = await keyOf(caller, ["posts:read"]);
    expect(await resolveApiKey(live.key)).not.toBeNull();
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect(await resolveApiKey(live.key)).toBeNull();
  });

  it("writes last_used_at on first use, then at most once a minute", async () => {
    const { caller } = await signedInAccount("rk");
    const { apiKey, key } = await keyOf(caller, ["posts:read"]);
    expect(await lastUsed(apiKey.id)).toBeNull();
    await resolveApiKey(key);
    const first = (await lastUsed(apiKey.id))!;
    expect(first).not.toBeNull();
    await resolveApiKey(key);
    expect(await lastUsed(apiKey.id)).toEqual(first);
    const old = new Date(Date.now() - 5 * 60_000);
    await (await getDb()).update(apiKeys).set({ lastUsedAt: old }).where(eq(apiKeys.id, apiKey.id));
    await resolveApiKey(key);
    expect((await lastUsed(apiKey.id))!.getTime()).toBeGreaterThan(old.getTime() + 60_000);
  });

  // Last: it breaks the table for a moment.
  it("fails with the safe DatabaseError: no SQL text, no key hash", async () => {
    const token = `acc_${"B".repeat(43)}`;
    const db = await getDb();
    await db.execute(sql`alter table api_keys rename column scopes to scopes_gone`);
    try {
      const error = await resolveApiKey(token).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DatabaseError);
      expect(error).toMatchObject({ code: "42703" });
      const said = `${String(error)} ${(error as Error).stack} ${JSON.stringify(error)}`;
      expect(said).not.toContain(hashToken(token));
      expect(said).not.toMatch(/select|api_keys|key_hash/i);
    } finally {
      await db.execute(sql`alter table api_keys rename column scopes_gone to scopes`);
    }
  });
});
