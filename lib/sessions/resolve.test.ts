import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { registerUser } from "../account/register";
import { createSession } from "./create";
import { resolveSessionToken } from "./resolve";
import { revokeSession } from "./revoke";
import { enrolled } from "@/vitest/two-factor";

const client = { ip: null, userAgent: null };
let n = 0;
async function user() {
  const name = `r${Date.now().toString(36)}${(n++).toString(36)}`;
  const result = await registerUser({ username: name, email: `${name}@example.com`, password: "a good long password" });
  if (!result.ok) throw new Error("setup failed");
  return result.value;
}

describe("resolveSessionToken", () => {
  it("finds the caller of a live token", async () => {
    const u = await user();
    const s = await createSession(u.id, "browser", client);
    const caller = await resolveSessionToken(s.token);
    expect(caller?.user).toEqual(u);
    expect(caller?.session).toMatchObject({ id: s.id, kind: "browser" });
  });

  it("reads every column in its place: the session's times as dates, the profile, two-factor and its codes", async () => {
    const u = await user();
    const s = await createSession(u.id, "api", client);
    const db = await getDb();
    const verifiedAt = new Date("2026-01-02T03:04:05.678Z");
    await db
      .update(users)
      .set({ displayName: "Ré Sol", bio: "a bio", avatarUrl: "https://example.com/a.png", emailVerifiedAt: verifiedAt })
      .where(eq(users.id, u.id));
    const caller = (await resolveSessionToken(s.token))!;
    expect(caller.session).toEqual({
      id: s.id,
      kind: "api",
      expiresAt: s.expiresAt,
      reauthenticatedAt: expect.any(Date),
      impersonator: null,
    });
    expect(Math.abs(caller.session.reauthenticatedAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(caller.role).toBe("user");
    expect(caller.user).toEqual({
      ...u,
      emailVerified: true,
      displayName: "Ré Sol",
      bio: "a bio",
      avatarUrl: "https://example.com/a.png",
    });

    const { caller: withTotp, recoveryCodes } = await enrolled("rtf");
    const again = (await resolveSessionToken((await createSession(withTotp.user.id, "browser", client)).token))!;
    expect(again.user.twoFactor).toEqual({ totp: true, recoveryCodesLeft: recoveryCodes.length });
    expect(again.user.hasPassword).toBe(true);
  });

  it("refuses missing, malformed and unknown tokens", async () => {
    expect(await resolveSessionToken(null)).toBeNull();
    expect(await resolveSessionToken("short")).toBeNull();
    expect(await resolveSessionToken("x".repeat(43))).toBeNull();
  });

  it("refuses a revoked token at once, and revoking someone else's session changes nothing", async () => {
    const [a, b] = [await user(), await user()];
    const s = await createSession(a.id, "api", client);
    expect(await revokeSession(b.id, s.id)).toBe(false);
    expect(await resolveSessionToken(s.token)).not.toBeNull();
    expect(await revokeSession(a.id, s.id)).toBe(true);
    expect(await resolveSessionToken(s.token)).toBeNull();
  });

  it("refuses an expired token and deletes its row", async () => {
    const u = await user();
    const s = await createSession(u.id, "api", client);
    const db = await getDb();
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, s.id));
    expect(await resolveSessionToken(s.token)).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.id, s.id))).toHaveLength(0);
  });

  it("writes last seen at most once a minute", async () => {
    const u = await user();
    const s = await createSession(u.id, "api", client);
    const db = await getDb();
    const read = async () => (await db.select().from(sessions).where(eq(sessions.id, s.id)))[0]!.lastSeenAt.getTime();
    const first = await read();
    await resolveSessionToken(s.token);
    expect(await read()).toBe(first);
    const old = new Date(Date.now() - 5 * 60_000);
    await db.update(sessions).set({ lastSeenAt: old }).where(eq(sessions.id, s.id));
    await resolveSessionToken(s.token);
    expect(await read()).toBeGreaterThan(old.getTime() + 60_000);
  });

  it("reads the user afresh on every call: a profile change or a disabled account shows at once", async () => {
    const u = await user();
    const s = await createSession(u.id, "api", client);
    expect((await resolveSessionToken(s.token))?.user.displayName).toBeNull();
    const db = await getDb();
    await db.update(users).set({ displayName: "Renamed" }).where(eq(users.id, u.id));
    expect((await resolveSessionToken(s.token))?.user.displayName).toBe("Renamed");
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, u.id));
    expect(await resolveSessionToken(s.token)).toBeNull();
  });

  it("is gone with its user (cascade)", async () => {
    const u = await user();
    const s = await createSession(u.id, "browser", client);
    const db = await getDb();
    await db.delete(users).where(eq(users.id, u.id));
    expect(await resolveSessionToken(s.token)).toBeNull();
  });
});
