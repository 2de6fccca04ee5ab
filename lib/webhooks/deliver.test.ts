// The receivers listen on loopback: this file allows private addresses (deliver-ssrf.test.ts does not).
process.env.WEBHOOKS_ALLOW_PRIVATE = "true";

import { and, asc, eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailOutbox, users, webhookAttempts, webhookEndpoints, webhookMessages } from "@/db/schema";
import { emitWebhook } from "../webhook-events/emit";
import { seal } from "../crypto/sealed";
import { drainWebhooks } from "./deliver-worker";
import { insertEndpoint, makeDue, newSecret, startReceiver, type Received } from "@/vitest/webhook-receiver";

const receivers: { close: () => Promise<void> }[] = [];
const receiver = async (...args: Parameters<typeof startReceiver>) => {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
};
beforeEach(async () => {
  await (await getDb()).delete(webhookEndpoints); // each test's events go to its own endpoints only
});
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
});

const verify = (secret: string, r: Received) =>
  new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as { type: string };
const attemptsOf = async (endpointId: string) =>
  (await getDb())
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.endpointId, endpointId))
    .orderBy(asc(webhookAttempts.id));
const messageOf = async (endpointId: string) =>
  (await (await getDb()).select().from(webhookMessages).where(eq(webhookMessages.endpointId, endpointId)))[0]!;
const endpointRow = async (id: string) =>
  (await (await getDb()).select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)))[0]!;

describe("webhook delivery", () => {
  it("signs for standardwebhooks; 500, 500, 200 → the same id three times, three attempt rows", async () => {
    const r = await receiver([{ status: 500 }, { status: 500 }, { status: 200 }]);
    const secret = newSecret();
    const endpoint = await insertEndpoint(r.url, secret);
    await emitWebhook("user.created", { user: { id: "u-1", username: "ada" } }, await getDb());
    await drainWebhooks();
    expect(r.received).toHaveLength(1);
    await makeDue(endpoint.id);
    await drainWebhooks();
    await makeDue(endpoint.id);
    await drainWebhooks();
    expect(r.received).toHaveLength(3);
    const ids = new Set(r.received.map((x) => x.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^msg_/);
    for (const x of r.received) {
      expect(verify(secret, x)).toMatchObject({ type: "user.created", data: { user: { id: "u-1" } } });
      expect(x.headers["content-type"]).toBe("application/json");
      expect(Math.abs(Number(x.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(30);
    }
    expect(() => verify(newSecret(), r.received[0]!)).toThrow();
    const attempts = await attemptsOf(endpoint.id);
    expect(attempts.map((a) => [a.attempt, a.status, a.error])).toEqual([
      [1, 500, "HTTP 500"],
      [2, 500, "HTTP 500"],
      [3, 200, null],
    ]);
    expect(attempts[0]!.nextAttemptAt).not.toBeNull();
    expect(attempts[2]!.nextAttemptAt).toBeNull();
    for (const a of attempts) expect(a.durationMs).toBeGreaterThanOrEqual(0);
    expect(await messageOf(endpoint.id)).toMatchObject({ status: "succeeded", attempts: 3 });
    expect((await endpointRow(endpoint.id)).failingSince).toBeNull();
  });

  it("backs off exponentially with jitter, and honours Retry-After", async () => {
    const r = await receiver([{ status: 503 }, { status: 429, headers: { "retry-after": "120" } }]);
    const endpoint = await insertEndpoint(r.url, newSecret());
    await emitWebhook("user.updated", { user: { id: "u-2" } }, await getDb());
    const seconds = async () =>
      Number(
        (
          await (
            await getDb()
          )
            .select({ s: sql<number>`extract(epoch from ${webhookMessages.nextAttemptAt} - now())::float8` })
            .from(webhookMessages)
            .where(eq(webhookMessages.endpointId, endpoint.id))
        )[0]!.s,
      );
    await drainWebhooks();
    const first = await seconds();
    expect(first).toBeGreaterThan(1);
    expect(first).toBeLessThanOrEqual(5);
    expect((await endpointRow(endpoint.id)).failingSince).not.toBeNull();
    await makeDue(endpoint.id);
    await drainWebhooks();
    const second = await seconds();
    expect(second).toBeGreaterThan(110);
    expect(second).toBeLessThanOrEqual(120);
    expect(r.received).toHaveLength(2);
  });

  it("410 Gone disables the endpoint, fails the message and mails every administrator once", async () => {
    const db = await getDb();
    const adminEmail = `admin-${Date.now()}@example.com`;
    await db
      .insert(users)
      .values({ username: `adm${Date.now()}`, usernameKey: `adm${Date.now()}`, email: adminEmail, role: "admin" });
    const r = await receiver([{ status: 410 }]);
    const endpoint = await insertEndpoint(r.url, newSecret());
    await emitWebhook("user.deleted", { user: { id: "u-3" } }, db);
    await emitWebhook("user.deleted", { user: { id: "u-4" } }, db);
    await drainWebhooks();
    expect(r.received).toHaveLength(1); // the second message waits: a disabled endpoint's are not claimed
    const row = await endpointRow(endpoint.id);
    expect(row.enabled).toBe(false);
    expect(row.disabledReason).toBe("it answered 410 Gone");
    const statuses = (await db.select().from(webhookMessages).where(eq(webhookMessages.endpointId, endpoint.id)))
      .map((m) => m.status)
      .sort();
    expect(statuses).toEqual(["failed", "pending"]);
    const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.to, adminEmail));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/webhook endpoint was disabled/);
  });

  it("an endpoint failing for a day is disabled (and its administrators mailed)", async () => {
    const db = await getDb();
    const adminEmail = `admin2-${Date.now()}@example.com`;
    await db
      .insert(users)
      .values({ username: `ad2${Date.now()}`, usernameKey: `ad2${Date.now()}`, email: adminEmail, role: "admin" });
    const r = await receiver([], { status: 502 });
    const endpoint = await insertEndpoint(r.url, newSecret(), {
      failingSince: sql`now() - interval '25 hours'` as unknown as Date,
    });
    await emitWebhook("user.updated", { user: { id: "u-5" } }, db);
    await drainWebhooks();
    const row = await endpointRow(endpoint.id);
    expect(row.enabled).toBe(false);
    expect(row.disabledReason).toBe("its deliveries failed for 24 hours");
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.to, adminEmail))).toHaveLength(1);
  });

  it("a message older than a day that fails is given up (failed), not retried", async () => {
    const r = await receiver([], { status: 500 });
    const endpoint = await insertEndpoint(r.url, newSecret());
    const db = await getDb();
    await emitWebhook("user.updated", { user: { id: "u-6" } }, db);
    await db
      .update(webhookMessages)
      .set({ createdAt: sql`now() - interval '23 hours 59 minutes 59 seconds'` })
      .where(eq(webhookMessages.endpointId, endpoint.id));
    await drainWebhooks();
    expect(await messageOf(endpoint.id)).toMatchObject({ status: "failed" });
    expect((await attemptsOf(endpoint.id))[0]!.nextAttemptAt).toBeNull();
  });

  it("in a rotation both secrets sign, either verifies; an expired previous secret no longer signs", async () => {
    const r = await receiver();
    const [current, previous] = [newSecret(), newSecret()];
    const endpoint = await insertEndpoint(r.url, current, {
      previousSecretSealed: seal("webhook-secret", previous),
      previousSecretExpiresAt: new Date(Date.now() + 24 * 3600_000),
    });
    await emitWebhook("user.updated", { user: { id: "u-7" } }, await getDb());
    await drainWebhooks();
    const [during] = r.received;
    expect(String(during!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verify(current, during!)).toMatchObject({ type: "user.updated" });
    expect(verify(previous, during!)).toMatchObject({ type: "user.updated" });
    await (
      await getDb()
    )
      .update(webhookEndpoints)
      .set({ previousSecretExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(webhookEndpoints.id, endpoint.id));
    await emitWebhook("user.updated", { user: { id: "u-8" } }, await getDb());
    await drainWebhooks();
    const after = r.received[1]!;
    expect(String(after.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(verify(current, after)).toMatchObject({ type: "user.updated" });
    expect(() => verify(previous, after)).toThrow();
  });

  it("does not follow a redirect: a 3xx is a failed attempt", async () => {
    const r = await receiver([{ status: 307, headers: { location: "/elsewhere" } }], { status: 200 });
    const endpoint = await insertEndpoint(r.url, newSecret());
    await emitWebhook("user.updated", { user: { id: "u-9" } }, await getDb());
    await drainWebhooks();
    expect(r.received.map((x) => x.path)).toEqual(["/hook"]);
    const [attempt] = await attemptsOf(endpoint.id);
    expect(attempt).toMatchObject({ status: 307, error: "HTTP 307" });
    expect(await messageOf(endpoint.id)).toMatchObject({ status: "pending" });
  });

  it("a receiver that does not answer in time is an attempt that timed out (the cut-off is an option)", async () => {
    const r = await receiver(["hang"]);
    const endpoint = await insertEndpoint(r.url, newSecret());
    await emitWebhook("user.updated", { user: { id: "u-10" } }, await getDb());
    const started = Date.now();
    await drainWebhooks({ timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5_000);
    const [attempt] = await attemptsOf(endpoint.id);
    expect(attempt).toMatchObject({ status: null, error: "timed out after 0.3 s" });
    expect(attempt!.nextAttemptAt).not.toBeNull();
  });

  it("a refused connection is a failed attempt in plain words, and nothing secret is recorded", async () => {
    const r = await receiver();
    const port = r.port;
    await r.close();
    const secret = newSecret();
    const endpoint = await insertEndpoint(`http://user:pa55word@127.0.0.1:${port}/hook?token=t0ken`, secret);
    await emitWebhook("user.updated", { user: { id: "u-11" } }, await getDb());
    await drainWebhooks();
    const [attempt] = await attemptsOf(endpoint.id);
    expect(attempt).toMatchObject({ status: null, error: "connection refused" });
    const recorded = JSON.stringify(await attemptsOf(endpoint.id));
    for (const s of ["pa55word", "t0ken", secret, secret.slice(6)]) expect(recorded).not.toContain(s);
  });

  it("several workers at once deliver each message once", async () => {
    const r = await receiver();
    const endpoint = await insertEndpoint(r.url, newSecret());
    const db = await getDb();
    for (let i = 0; i < 8; i++) await emitWebhook("user.updated", { user: { id: `many-${i}` } }, db);
    await Promise.all([drainWebhooks(), drainWebhooks(), drainWebhooks()]);
    const ids = r.received.map((x) => x.headers["webhook-id"]);
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
    const done = await db
      .select()
      .from(webhookMessages)
      .where(and(eq(webhookMessages.endpointId, endpoint.id), eq(webhookMessages.status, "succeeded")));
    expect(done).toHaveLength(8);
  });
});
