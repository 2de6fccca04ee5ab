import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { newUser } from "@/vitest/people";
import { scheduleCleanup, stopCleanup } from "./schedule";

afterAll(() => stopCleanup()); // before the database closes

async function expiredSession(userId: string): Promise<string> {
  const db = await getDb();
  const [row] = await db
    .insert(sessions)
    .values({
      userId,
      tokenHash: randomBytes(32).toString("base64url"),
      kind: "api",
      expiresAt: new Date(Date.now() - 60_000),
    })
    .returning({ id: sessions.id });
  return row!.id;
}

async function gone(id: string): Promise<boolean> {
  const db = await getDb();
  return (await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.id, id))).length === 0;
}

describe("the cleanup schedule (CLEANUP_INTERVAL_SECONDS)", () => {
  it("0 schedules nothing; otherwise a first pass, then one every interval, and only one schedule per process", async () => {
    const user = await newUser("s");
    expect(scheduleCleanup(0)).toBe(false);

    const first = await expiredSession(user.id);
    expect(scheduleCleanup(1, { firstPassMs: 100 })).toBe(true);
    expect(scheduleCleanup(1)).toBe(false); // another bundle, a dev reload: no second timer
    await expect.poll(() => gone(first), { timeout: 10_000 }).toBe(true);

    // Rows that expire later are taken by the interval's passes, with nothing else calling the cleanup.
    const later = await expiredSession(user.id);
    await expect.poll(() => gone(later), { timeout: 10_000 }).toBe(true);
  });
});
