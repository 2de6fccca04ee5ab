import "server-only";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { securityEvents } from "@/db/schema";
import { SUMMARY_WINDOW_MINUTES } from "./event-labels";

/**
 * The per-account cap on what a failing actor writes to the audit trail. A failed try of these types is
 * summarised: the first in a window writes a row as any event does; every further one of the same type with
 * the same detail, for the same account (or, with no account, from the same address), within
 * SUMMARY_WINDOW_MINUTES (15) of that row, bumps its `detail.tries` (2, 3, …) and `detail.lastAt` instead of adding
 * a row. A flood of wrong passwords is then one row per reason per 15 minutes, however many tries, and the
 * activity list and the admin console still say how many there were (lib/security/event-labels.ts).
 */
export const SUMMARISED_TYPES: ReadonlySet<string> = new Set([
  "sign_in.failed",
  "mfa.failed",
  "reauth.failed",
  "rate_limit.hit",
]);

/** The keys the summary itself adds to `detail` (never part of what two tries must share). */
const OWN_KEYS = ["tries", "lastAt"];

type Row = typeof securityEvents.$inferInsert;

/**
 * Adds the try to its window's row, or writes the row. Parallel tries serialise on a transaction-scoped
 * advisory lock named after the type and the account (or address), so N parallel failures make exactly one
 * row counting N: the second waits for the first's commit, then finds and bumps its row. No lock on the
 * account's row, so nothing else the account does waits on a flood. Runs in `tx` when given (the lock is
 * held to its end), otherwise in a transaction of its own.
 */
export async function summariseEvent(db: Db | Tx, row: Row, tx?: Db | Tx): Promise<void> {
  if (!tx) return (db as Db).transaction((t) => summariseIn(t, row));
  return summariseIn(tx, row);
}

async function summariseIn(tx: Db | Tx, row: Row): Promise<void> {
  const subject = row.userId ? `user:${row.userId}` : `ip:${row.ip ?? ""}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`security_events:${row.type}:${subject}`}, 0))`);
  const window = sql`now() - make_interval(mins => ${SUMMARY_WINDOW_MINUTES})`;
  const who = row.userId
    ? sql`${securityEvents.userId} = ${row.userId}`
    : sql`${securityEvents.userId} is null and ${securityEvents.ip} is not distinct from ${row.ip ?? null}`;
  const detail = JSON.stringify(row.detail ?? {});
  // Bounded however long the trail: ids from the window's first (by the created_at index) onwards only.
  const [found] = await tx
    .select({ id: securityEvents.id })
    .from(securityEvents)
    .where(
      sql`${who} and ${securityEvents.type} = ${row.type} and ${securityEvents.createdAt} > ${window}
        and ${securityEvents.id} >= coalesce((select id from security_events where created_at > ${window}
          order by created_at limit 1), 0)
        and (coalesce(${securityEvents.detail}, '{}'::jsonb) - ${sql.raw(`'${OWN_KEYS.join("' - '")}'`)}) = ${detail}::jsonb`,
    )
    .orderBy(sql`${securityEvents.id} desc`)
    .limit(1);
  if (!found) {
    await tx.insert(securityEvents).values(row);
    return;
  }
  await tx
    .update(securityEvents)
    .set({
      detail: sql`coalesce(${securityEvents.detail}, '{}'::jsonb) || jsonb_build_object(
        'tries', coalesce((${securityEvents.detail}->>'tries')::int, 1) + 1,
        'lastAt', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
    })
    .where(sql`${securityEvents.id} = ${found.id}`);
}
