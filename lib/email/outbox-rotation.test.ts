// AUTH_SECRET rotation and the outbox: a message sealed by an instance with another secret is left for an
// instance that can open it, never failed. Each "instance" is this process with AUTH_SECRET set and the
// modules loaded afresh (lib/env.ts caches the environment); the database is the same one.
import { Writable } from "node:stream";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET_A as A, SECRET_B as B, configureSecrets, restoreSecretsAfterAll } from "@/vitest/secrets";
import { getDb } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { startMailbox } from "@/vitest/mailbox";
import { stopOutbox } from "./outbox-worker";
import { resetMail } from "./templates";

const TOKEN = "Um90YXRpb24gdGVzdCB0b2tlbiwgbm90IGEgcmVhbCBvbmU";

const mailbox = await startMailbox();
restoreSecretsAfterAll();
// The worker's own wakes are off: each step sends with sendOneDue() and sees exactly what it did.
beforeAll(() => stopOutbox());
afterAll(() => mailbox.close());

/** This process as an instance configured with `secrets`: its worker, its outbox and its log lines. */
async function instance(secrets: string) {
  configureSecrets(secrets);
  const worker = await import("./outbox-worker");
  const outbox = await import("./outbox");
  const { setLogDestination } = await import("../log");
  const lines: string[] = [];
  setLogDestination(new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
  return { ...worker, ...outbox, lines };
}

const rowTo = async (to: string) => (await (await getDb()).select().from(mailOutbox).where(eq(mailOutbox.to, to)))[0]!;

describe("the outbox across an AUTH_SECRET rotation", () => {
  it("an instance without the secret leaves it queued (uncounted, logged once); one with B,A sends it", async () => {
    const to = `rot${Date.now().toString(36)}@example.com`;
    const writer = await instance(B);
    await writer.sendMail(resetMail(to, `http://localhost/reset-password?token=${TOKEN}`, 60), await getDb());
    expect(await rowTo(to)).toMatchObject({ status: "pending", sealed: true, attempts: 0 });

    const old = await instance(A);
    // It claims the row once, gives it back, and then no longer takes it (or wakes for it).
    expect(await old.sendOneDue()).toBe(true);
    expect(await old.sendOneDue()).toBe(false);
    expect(await old.hasOutboxWork()).toBe(false);
    const row = await rowTo(to);
    expect(row).toMatchObject({ status: "pending", attempts: 0, doneAt: null });
    expect(row.body).not.toBeNull();
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000); // due again now, for others
    expect(mailbox.sentTo(to)).toHaveLength(0);
    const logged = old.lines.filter((l) => l.includes(row.id));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({ level: "warn", id: row.id });
    for (const secret of [A, B, TOKEN, row.body!]) expect(old.lines.join("")).not.toContain(secret);

    const rotated = await instance(`${B},${A}`);
    expect(await rotated.sendOneDue()).toBe(true);
    await mailbox.waitFor(to, /reset/i);
    expect(mailbox.sentTo(to)[0]!.text).toContain(TOKEN);
    expect(await rowTo(to)).toMatchObject({ status: "sent", attempts: 1, body: null, lastError: null });
  });

  it("a message sealed under the old secret is sent by an instance that lists it second", async () => {
    const to = `rot${Date.now().toString(36)}b@example.com`;
    const before = await instance(A);
    await before.sendMail(resetMail(to, `http://localhost/reset-password?token=${TOKEN}`, 60), await getDb());
    const rotated = await instance(`${B},${A}`);
    expect(await rotated.sendOneDue()).toBe(true);
    await mailbox.waitFor(to, /reset/i);
    expect(await rowTo(to)).toMatchObject({ status: "sent", attempts: 1 });
  });
});
