import { createServer } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { databaseDriver, getDb } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { startMailSink } from "@/scripts/mail-sink.mjs";
import { open, seal } from "../crypto/sealed";
import { cleanupExpired } from "../maintenance/cleanup";
import { retryDelayMs, shouldGiveUp } from "./backoff";
import { OUTBOX_SEAL_PURPOSE, sendMail } from "./outbox";
import { leaseSeconds, sendOneDue, stopOutbox } from "./outbox-worker";
import { passwordChangedNotice, resetMail, type Message } from "./templates";

type Mail = { envelopeTo: string[]; subject: string; text: string };

// SMTP on a port of our own that a test can open and close: closed, every send fails at once.
const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => resolve(p));
  });
});
process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
const received: Mail[] = [];
let sink: { server: { close: (cb: () => void) => void } } | null = null;
const smtpUp = async () => {
  sink ??= await startMailSink({ port, onMessage: (m: Mail) => received.push(m) });
};
const smtpDown = async () => {
  const s = sink;
  sink = null;
  if (s) await new Promise<void>((r) => s.server.close(() => r()));
};

// The worker's own wakes are off: each test sends with sendOneDue() and sees exactly what it did.
beforeAll(() => stopOutbox());
afterAll(() => smtpDown());

let n = 0;
const address = () => `o${Date.now().toString(36)}${n++}@example.com`;
const rowsTo = async (to: string) => (await getDb()).select().from(mailOutbox).where(eq(mailOutbox.to, to));
const TOKEN = "Q2hhbmdlIG1lOiB0aGlzIGlzIGFuIGV4YW1wbGUgdG9rZW4";
const resetTo = (to: string): Message => resetMail(to, `http://localhost/reset-password?token=${TOKEN}`, 60);

async function sendAllDue(): Promise<number> {
  let count = 0;
  while (await sendOneDue()) count++;
  return count;
}

describe("the mail outbox", () => {
  it("writes the row in the caller's transaction: rolled back, no mail; committed, one row", async () => {
    const db = await getDb();
    const to = address();
    await expect(
      db.transaction(async (tx) => {
        await sendMail(resetTo(to), tx);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await rowsTo(to)).toHaveLength(0);

    await db.transaction((tx) => sendMail(resetTo(to), tx));
    const [row] = await rowsTo(to);
    expect(row).toMatchObject({ status: "pending", attempts: 0, sealed: true });
  });

  it("seals a body that carries a link token, and not a notice; sealed text opens only for its purpose", async () => {
    const to = address();
    await sendMail(resetTo(to), await getDb());
    await sendMail(passwordChangedNotice(to), await getDb());
    const rows = await rowsTo(to);
    const reset = rows.find((r) => /Reset/.test(r.subject))!;
    const notice = rows.find((r) => !/Reset/.test(r.subject))!;
    expect(reset.sealed).toBe(true);
    expect(reset.body).not.toContain(TOKEN);
    expect(JSON.parse(open(OUTBOX_SEAL_PURPOSE, reset.body!)!).text).toContain(TOKEN);
    expect(open("totp-secret", reset.body!)).toBeNull();
    const tampered = reset.body!.slice(0, -2) + (reset.body!.endsWith("A") ? "BB" : "AA");
    expect(open(OUTBOX_SEAL_PURPOSE, tampered)).toBeNull();
    expect(notice.sealed).toBe(false);
    expect(JSON.parse(notice.body!).text).toContain("password");
    expect(seal("mail-outbox", "same")).not.toBe(seal("mail-outbox", "same")); // a fresh IV each time
  });

  it("sends a due row once, marks it sent and erases its body", async () => {
    await smtpUp();
    const to = address();
    await sendMail(resetTo(to), await getDb());
    expect(await sendAllDue()).toBeGreaterThanOrEqual(1);
    expect(received.filter((m) => m.envelopeTo.includes(to))).toHaveLength(1);
    expect(received.find((m) => m.envelopeTo.includes(to))!.text).toContain(TOKEN);
    const [row] = await rowsTo(to);
    expect(row).toMatchObject({ status: "sent", body: null, attempts: 1, lastError: null });
    expect(row!.doneAt).toBeInstanceOf(Date);
    expect(await sendOneDue()).toBe(false);
  });

  it("backs off after a failed send, then delivers once SMTP is back", async () => {
    await smtpDown();
    const to = address();
    await sendMail(resetTo(to), await getDb());
    await sendAllDue();
    let [row] = await rowsTo(to);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.lastError).toBeTruthy();
    expect(row!.body).not.toBeNull();
    // Not due again until its back-off (1–2 s after the first failure) is over.
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() - 100);
    expect(await rowsTo(to).then(() => sendOneDue())).toBe(false);
    await smtpUp();
    await expect
      .poll(async () => (await sendOneDue(), (await rowsTo(to))[0]!.status), { timeout: 10_000, interval: 300 })
      .toBe("sent");
    [row] = await rowsTo(to);
    expect(row).toMatchObject({ attempts: 2, body: null });
    expect(received.filter((m) => m.envelopeTo.includes(to))).toHaveLength(1);
  });

  it("gives up 24 hours after a message was written: failed, body erased", async () => {
    await smtpDown();
    const to = address();
    await sendMail(resetTo(to), await getDb());
    const db = await getDb();
    await db
      .update(mailOutbox)
      .set({ createdAt: sql`now() - interval '25 hours'` })
      .where(eq(mailOutbox.to, to));
    await sendAllDue();
    const [row] = await rowsTo(to);
    expect(row).toMatchObject({ status: "failed", body: null, attempts: 1 });
    await smtpUp();
    expect(await sendOneDue()).toBe(false);
  });

  it("parallel workers send each of many messages exactly once", async () => {
    await smtpUp();
    const tos = Array.from({ length: 12 }, address);
    for (const to of tos) await sendMail(passwordChangedNotice(to), await getDb());
    const counts = await Promise.all(Array.from({ length: 4 }, () => sendAllDue()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(12);
    for (const to of tos) expect(received.filter((m) => m.envelopeTo.includes(to))).toHaveLength(1);
  });

  it.runIf(databaseDriver() === "postgres")(
    "skips a row another connection holds (for update skip locked) instead of waiting or sending it",
    async () => {
      await smtpUp();
      const to = address();
      await sendMail(passwordChangedNotice(to), await getDb());
      const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      try {
        await other.begin(async (tx) => {
          await tx`select id from mail_outbox where "to" = ${to} for update`;
          expect(await sendOneDue()).toBe(false); // at once, not after the other commits
        });
      } finally {
        await other.end();
      }
      expect(await sendOneDue()).toBe(true);
      expect((await rowsTo(to))[0]!.status).toBe("sent");
    },
  );

  it("a claimed row is leased: a crashed sender's message is taken again only after the lease", async () => {
    await smtpDown();
    const to = address();
    await sendMail(passwordChangedNotice(to), await getDb());
    const db = await getDb();
    // What a claim leaves behind when its process dies mid-send.
    await db
      .update(mailOutbox)
      .set({ attempts: 1, nextAttemptAt: sql`now() + ${leaseSeconds()}::int * interval '1 second'` })
      .where(eq(mailOutbox.to, to));
    await smtpUp();
    expect(await sendAllDue()).toBe(0);
    await db
      .update(mailOutbox)
      .set({ nextAttemptAt: sql`now() - interval '1 second'` })
      .where(eq(mailOutbox.to, to));
    expect(await sendAllDue()).toBe(1);
    expect(received.filter((m) => m.envelopeTo.includes(to))).toHaveLength(1);
  });

  it("the cleanup prunes sent and failed rows after MAIL_KEEP_DAYS (7) and keeps the rest", async () => {
    const db = await getDb();
    const base = { subject: "s", body: null };
    const old = address();
    const recent = address();
    const pending = address();
    await db.insert(mailOutbox).values([
      { ...base, to: old, status: "sent", doneAt: sql`now() - interval '8 days'` },
      { ...base, to: old, status: "failed", doneAt: sql`now() - interval '8 days'` },
      { ...base, to: recent, status: "sent", doneAt: sql`now() - interval '6 days'` },
      { ...base, to: pending, body: "{}", nextAttemptAt: sql`now() + interval '1 hour'` },
    ]);
    expect((await cleanupExpired()).mail).toBe(2);
    expect(await rowsTo(old)).toHaveLength(0);
    expect(await rowsTo(recent)).toHaveLength(1);
    expect(await rowsTo(pending)).toHaveLength(1);
  });
});

describe("back-off", () => {
  it("doubles from 1–2 s up to an hour, with jitter, and gives up after 24 hours", () => {
    expect(retryDelayMs(1, 0)).toBe(1_000);
    expect(retryDelayMs(1, 0.999)).toBeLessThanOrEqual(2_000);
    expect(retryDelayMs(2, 0)).toBe(2_000);
    expect(retryDelayMs(5, 0)).toBe(16_000);
    expect(retryDelayMs(40, 0.999)).toBeLessThanOrEqual(3_600_000);
    expect(retryDelayMs(40, 0)).toBe(1_800_000);
    const written = new Date("2026-01-01T00:00:00Z");
    expect(shouldGiveUp(written, new Date("2026-01-01T23:00:00Z"), 30 * 60_000)).toBe(false);
    expect(shouldGiveUp(written, new Date("2026-01-01T23:00:00Z"), 61 * 60_000)).toBe(true);
  });
});
