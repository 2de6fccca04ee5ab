import { createServer, type Socket } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { sendMail } from "./outbox";
import { leaseSeconds, sendOneDue, stopOutbox } from "./outbox-worker";
import { passwordChangedNotice } from "./templates";

// MAIL_LEASE_SECONDS is a setting, and an SMTP server that takes the connection and then says nothing cannot
// hold a send past the lease (after which another instance would take the message and send it twice).
process.env.MAIL_LEASE_SECONDS = "12";
const sockets: Socket[] = [];
const silent = createServer((socket) => void sockets.push(socket)); // accepts, never greets
const port = await new Promise<number>((resolve) =>
  silent.listen(0, "127.0.0.1", () => resolve((silent.address() as { port: number }).port)),
);
process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;

beforeAll(() => stopOutbox());
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => silent.close(() => r()));
});

it("a claim is leased for MAIL_LEASE_SECONDS, and a silent SMTP server is given up on well within it", async () => {
  expect(leaseSeconds()).toBe(12);
  const to = `lease-${Date.now()}@example.com`;
  const db = await getDb();
  await sendMail(passwordChangedNotice(to), db);
  const started = Date.now();
  const sending = sendOneDue();
  // While the send hangs on the greeting, the row is claimed and leased for 12 s.
  let leasedFor = 0;
  for (let i = 0; i < 100 && !leasedFor; i++) {
    const [row] = await db
      .select({
        attempts: mailOutbox.attempts,
        left: sql<number>`extract(epoch from ${mailOutbox.nextAttemptAt} - now())::float8`,
      })
      .from(mailOutbox)
      .where(eq(mailOutbox.to, to));
    if (row?.attempts === 1) leasedFor = Number(row.left);
    else await new Promise((r) => setTimeout(r, 20));
  }
  expect(leasedFor).toBeGreaterThan(10);
  // now() is each statement's transaction start: a select parsed just before the claim ran and bound just after
  // it committed sees the claim with an earlier now(), so a loaded machine reads a few milliseconds over 12.
  expect(leasedFor).toBeLessThanOrEqual(12.5);
  expect(await sending).toBe(true);
  // The greeting timeout is a quarter of the lease: the send failed and was rescheduled long before it ran out.
  expect(Date.now() - started).toBeLessThan(9_000);
  const [after] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, to));
  expect(after).toMatchObject({ status: "pending", attempts: 1 });
  expect(after!.lastError).toBeTruthy();
});
