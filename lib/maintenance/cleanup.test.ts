import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import {
  emailSignIns,
  emailTokens,
  mfaChallenges,
  rateLimits,
  securityEvents,
  sessions,
  users,
  webauthnChallenges,
  webhookEndpoints,
  webhookEvents,
  webhookMessages,
} from "@/db/schema";
import { cleanupExpired } from "./cleanup";

const past = () => new Date(Date.now() - 60_000);
const future = () => new Date(Date.now() + 3_600_000);
const hash = () => randomBytes(32).toString("base64url");

async function newUserId(): Promise<string> {
  const db = await getDb();
  const key = `c${randomBytes(6).toString("hex")}`;
  const [row] = await db
    .insert(users)
    .values({ username: key, usernameKey: key, email: `${key}@example.com`, passwordHash: "x" })
    .returning({ id: users.id });
  return row!.id;
}

describe("cleanupExpired", () => {
  it("deletes expired sessions, email tokens, two-factor challenges and rate-limit rows in batches, and keeps live ones", async () => {
    const db = await getDb();
    const userId = await newUserId();
    const session = (expiresAt: Date) => ({ userId, tokenHash: hash(), kind: "api" as const, expiresAt });
    await db.insert(sessions).values([...Array.from({ length: 7 }, () => session(past())), session(future())]);
    const token = (expiresAt: Date) => ({
      userId,
      purpose: "reset_password" as const,
      tokenHash: hash(),
      email: "x@example.com",
      expiresAt,
    });
    await db.insert(emailTokens).values([token(past()), token(past()), token(past()), token(future())]);
    // One sign-in email per account: an expired one here, a live one for a second account.
    const signInEmail = (user: string, expiresAt: Date) => ({
      userId: user,
      tokenHash: hash(),
      codeHash: hash(),
      expiresAt,
    });
    await db.insert(emailSignIns).values([signInEmail(userId, past()), signInEmail(await newUserId(), future())]);
    const challenge = (expiresAt: Date) => ({ userId, tokenHash: hash(), kind: "browser" as const, expiresAt });
    await db
      .insert(mfaChallenges)
      .values([challenge(past()), challenge(past()), challenge(past()), challenge(future())]);
    const ceremony = (expiresAt: Date) => ({ challengeHash: hash(), purpose: "sign_in" as const, expiresAt });
    await db.insert(webauthnChallenges).values([ceremony(past()), ceremony(past()), ceremony(future())]);
    await db.insert(rateLimits).values([
      { key: `old:${hash()}`, count: 3, resetAt: past() },
      { key: `live:${hash()}`, count: 1, resetAt: future() },
    ]);
    // A webhook event older than WEBHOOKS_KEEP_DAYS (30) goes with its delivery (cascade); a recent one stays.
    const event = (id: string, createdAt: Date) => ({
      id,
      type: "user.created",
      payload: { type: "user.created", timestamp: createdAt.toISOString(), data: {} },
      createdAt,
    });
    const oldId = `msg_old_${hash()}`;
    await db
      .insert(webhookEvents)
      .values([event(oldId, new Date(Date.now() - 31 * 86_400_000)), event(`msg_new_${hash()}`, new Date())]);
    const [endpoint] = await db
      .insert(webhookEndpoints)
      .values({ url: "https://receiver.example/hook", events: [], secretSealed: "x" })
      .returning();
    await db.insert(webhookMessages).values({ endpointId: endpoint!.id, eventId: oldId, status: "succeeded" });
    // The activity trail keeps EVENTS_KEEP_DAYS (400): one event older goes, one younger stays.
    await db.insert(securityEvents).values([
      {
        userId,
        type: "sign_in.succeeded",
        ip: null,
        userAgent: null,
        createdAt: new Date(Date.now() - 401 * 86_400_000),
      },
      {
        userId,
        type: "sign_in.succeeded",
        ip: null,
        userAgent: null,
        createdAt: new Date(Date.now() - 399 * 86_400_000),
      },
    ]);

    // Batches of 2: seven expired sessions take four statements, all in one run.
    expect(await cleanupExpired({ batchSize: 2 })).toEqual({
      mail: 0,
      webhookEvents: 1,
      securityEvents: 1,
      sessions: 7,
      emailTokens: 3,
      emailSignIns: 1,
      mfaChallenges: 3,
      webauthnChallenges: 2,
      rateLimits: 1,
    });

    const left = await db.select({ expiresAt: sessions.expiresAt }).from(sessions);
    expect(left).toHaveLength(1);
    expect(left[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await db.select().from(emailTokens)).toHaveLength(1);
    expect(await db.select().from(emailSignIns)).toHaveLength(1);
    const challenges = await db.select({ expiresAt: mfaChallenges.expiresAt }).from(mfaChallenges);
    expect(challenges).toHaveLength(1);
    expect(challenges[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now());
    const ceremonies = await db.select({ expiresAt: webauthnChallenges.expiresAt }).from(webauthnChallenges);
    expect(ceremonies).toHaveLength(1);
    expect(ceremonies[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now());
    const limits = await db.select({ key: rateLimits.key }).from(rateLimits);
    expect(limits.map((l) => l.key.split(":")[0])).toEqual(["live"]);

    expect(await db.select({ id: webhookEvents.id }).from(webhookEvents)).toHaveLength(1);
    expect(await db.select().from(webhookMessages)).toEqual([]);

    expect(await cleanupExpired()).toEqual({
      mail: 0,
      webhookEvents: 0,
      securityEvents: 0,
      sessions: 0,
      emailTokens: 0,
      emailSignIns: 0,
      mfaChallenges: 0,
      webauthnChallenges: 0,
      rateLimits: 0,
    });
  });

  it("stops after maxBatches and leaves the rest for the next run", async () => {
    const db = await getDb();
    const userId = await newUserId();
    await db
      .insert(sessions)
      .values(
        Array.from({ length: 5 }, () => ({ userId, tokenHash: hash(), kind: "browser" as const, expiresAt: past() })),
      );
    expect((await cleanupExpired({ batchSize: 2, maxBatches: 1 })).sessions).toBe(2);
    expect((await cleanupExpired({ batchSize: 2, maxBatches: 10 })).sessions).toBe(3);
  });
});
