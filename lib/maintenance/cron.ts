import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { sendOneDue } from "../email/outbox-worker";
import { getEnv } from "../env";
import { cleanupExpired, type CleanupCounts } from "./cleanup";

/**
 * GET /api/cron/maintenance (Vercel Cron, vercel.json): where no process lives between requests, this
 * sends the outbox's due mail and runs the cleanup. Authorised by `Authorization: Bearer $CRON_SECRET`
 * only; without CRON_SECRET every call is refused.
 */
export function cronAuthorised(header: string | null): boolean {
  const secret = getEnv().CRON_SECRET;
  if (!secret || !header) return false;
  // Compared as SHA-256 digests: equal lengths for timingSafeEqual, and no early exit on a prefix.
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(header), digest(`Bearer ${secret}`));
}

export type MaintenanceReport = { mailProcessed: number; deleted: CleanupCounts };

/** Sends due mail for at most `budgetMs` (a function's time is limited), then cleans up. */
export async function runMaintenance({ budgetMs = 20_000 } = {}): Promise<MaintenanceReport> {
  const until = Date.now() + budgetMs;
  let mailProcessed = 0;
  while (Date.now() < until && (await sendOneDue())) mailProcessed++;
  return { mailProcessed, deleted: await cleanupExpired() };
}
