import "server-only";
import { createHash } from "node:crypto";
import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { getEnv } from "../env";

/**
 * Fixed-window rate limits kept in PostgreSQL (rate_limits), so every instance on one database
 * shares them. Each hit is one atomic INSERT … ON CONFLICT DO UPDATE … RETURNING: concurrent hits
 * serialise on the row, so 20 parallel hits on a limit of 5 let exactly 5 through.
 */
export type Rule = { count: number; seconds: number };
export type LimitResult = { ok: true; remaining: number } | { ok: false; retryAfter: number };

/** The named limits; each is configured by `LIMIT_<NAME>` (count/seconds) in lib/env.ts. */
export const LIMIT_NAMES = [
  "sign_in_failures_account_ip",
  "sign_in_failures_account",
  "sign_in_failures_device",
  "sign_in_ip",
  "sign_up_ip",
  "reset_address",
  "reset_ip",
  "verify_resend_account",
  "reauth_account",
  "totp_enrol_account",
  "email_change_account",
  "email_change_address",
  "post_account",
  "export_account",
  "passkey_options_ip",
  "email_sign_in_address",
  "email_sign_in_ip",
  "invite_account",
  "invite_organization",
  "follow_account",
] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

/** Longest wait the growing back-off imposes (or the window, when that is longer). */
const MAX_BACKOFF_SECONDS = 86_400;
/** How long the back-off's doubling is remembered after the last refused hit: the longest wait, then a day. */
const BACKOFF_MEMORY_SECONDS = 2 * MAX_BACKOFF_SECONDS;

export function ruleFor(name: LimitName): Rule {
  const key = `LIMIT_${name.toUpperCase()}` as `LIMIT_${Uppercase<LimitName>}`;
  return getEnv()[key];
}

/**
 * The stored key: the limit's name and a hash of its parts, so the table holds no address or
 * account name. Parts are normalised by the caller (ipKey, lower-cased login …).
 */
export function limitKey(name: string, parts: readonly (string | null | undefined)[]): string {
  const digest = createHash("sha256")
    .update(parts.map((p) => p ?? "").join("\u0000"))
    .digest("base64url")
    .slice(0, 32);
  return `${name}:${digest}`;
}

/**
 * Counts one hit against `key`. With `backoff`, every hit past the limit starts a new wait that
 * doubles each time (window, 2×, 4× … up to a day): someone who keeps trying waits longer and longer.
 * The doubling outlives the window: how many hits were refused is kept in a row of its own
 * (`<key>:backoff`) until BACKOFF_MEMORY_SECONDS after the last of them, so a new window gives its
 * count of tries again, but tripping it waits twice as long as the wait before. Someone who waits out
 * every window (a script reading Retry-After) gets fewer tries each day, not count × windows a day.
 */
export type HitOptions = {
  backoff?: boolean;
  /** Names whose counter this is (see `subjectKey`), so `clearSubject` can forget all of them at once. */
  subject?: string;
  /** Counts the hit in this transaction (a notice coalesced with its mail); no back-off or pruning then. */
  tx?: Db | Tx;
};

/** What a hit reports: the verdict and the count after it (count = limit + 1 is the hit that tripped it). */
export type HitResult = LimitResult & { count: number };

export async function hitKey(key: string, rule: Rule, options: HitOptions = {}): Promise<HitResult> {
  const db = options.tx ?? (await getDb());
  const window = sql`(${rule.seconds}::int * interval '1 second')`;
  const expired = sql`${rateLimits.resetAt} <= now()`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1, resetAt: sql`now() + ${window}`, subject: options.subject ?? null })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        resetAt: sql`case when ${expired} then now() + ${window} else ${rateLimits.resetAt} end`,
      },
    })
    .returning({
      count: rateLimits.count,
      // At most the window: now() is this transaction's start, so a parallel hit that began a moment later
      // and opened the window would otherwise read as window + 1 seconds.
      retryAfter: sql<number>`least(${rule.seconds}::int, greatest(1, ceil(extract(epoch from ${rateLimits.resetAt} - now())))::int)`,
    });
  if (!options.tx && Math.random() < 0.01) await pruneExpired();
  const count = row!.count;
  if (options.backoff && count > rule.count) return { ok: false, retryAfter: await backOff(key, rule, options), count };
  return { ...verdict(count, Number(row!.retryAfter), rule), count };
}

/**
 * A refused hit under `backoff`: one more refusal remembered (in `<key>:backoff`, kept for
 * BACKOFF_MEMORY_SECONDS after it), and the limit's wait becomes window × 2^(refusals − 1), up to a day.
 * Never shortened: of racing refusals, the longest wait stands. Answers the wait in seconds.
 */
async function backOff(key: string, rule: Rule, options: HitOptions): Promise<number> {
  const db = await getDb();
  const memory = sql`(${BACKOFF_MEMORY_SECONDS}::int * interval '1 second')`;
  const [refusals] = await db
    .insert(rateLimits)
    .values({ key: `${key}:backoff`, count: 1, resetAt: sql`now() + ${memory}`, subject: options.subject ?? null })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.resetAt} <= now() then 1 else ${rateLimits.count} + 1 end`,
        resetAt: sql`now() + ${memory}`,
      },
    })
    .returning({ count: rateLimits.count });
  const longest = Math.max(rule.seconds, MAX_BACKOFF_SECONDS);
  const wait = Math.min(rule.seconds * 2 ** Math.min(refusals!.count - 1, 20), longest);
  const [row] = await db
    .update(rateLimits)
    .set({ resetAt: sql`greatest(${rateLimits.resetAt}, now() + ${wait}::float8 * interval '1 second')` })
    .where(eq(rateLimits.key, key))
    .returning({
      retryAfter: sql<number>`greatest(1, ceil(extract(epoch from ${rateLimits.resetAt} - now())))::int`,
    });
  return row ? Number(row.retryAfter) : wait;
}

/** The state of each key without counting a hit (one query): refused where it has reached its limit. */
export async function peekKeys(entries: readonly { key: string; rule: Rule }[]): Promise<LimitResult[]> {
  const db = await getDb();
  const rows = await db
    .select({
      key: rateLimits.key,
      count: rateLimits.count,
      retryAfter: sql<number>`greatest(1, ceil(extract(epoch from ${rateLimits.resetAt} - now())))::int`,
    })
    .from(rateLimits)
    .where(
      and(
        inArray(
          rateLimits.key,
          entries.map((e) => e.key),
        ),
        gt(rateLimits.resetAt, sql`now()`),
      ),
    );
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return entries.map(({ key, rule }) => {
    const row = byKey.get(key);
    if (!row) return { ok: true, remaining: rule.count };
    return row.count >= rule.count
      ? { ok: false, retryAfter: Number(row.retryAfter) }
      : { ok: true, remaining: rule.count - row.count };
  });
}

/** Forgets the counter, and its back-off's memory with it. */
export async function clearKey(key: string): Promise<void> {
  const db = await getDb();
  await db.delete(rateLimits).where(inArray(rateLimits.key, [key, `${key}:backoff`]));
}

/** Gives one hit back (a claimed attempt that turned out not to count), never below zero. */
export async function releaseKey(key: string): Promise<void> {
  const db = await getDb();
  await db
    .update(rateLimits)
    .set({ count: sql`${rateLimits.count} - 1` })
    .where(and(eq(rateLimits.key, key), gt(rateLimits.count, 0), gt(rateLimits.resetAt, sql`now()`)));
}

/** The stored subject for `hit(…, {subject})`: a hash, so the table names no account. */
export function subjectKey(subject: string): string {
  return limitKey("subject", [subject]);
}

/** Forgets every counter hit with this subject (e.g. all sign-in failure counters of one account). */
export async function clearSubject(subject: string): Promise<void> {
  const db = await getDb();
  await db.delete(rateLimits).where(eq(rateLimits.subject, subjectKey(subject)));
}

function verdict(count: number, retryAfter: number, rule: Rule): LimitResult {
  return count > rule.count ? { ok: false, retryAfter } : { ok: true, remaining: rule.count - count };
}

/** Rows whose window ended a day ago are of no use to anyone. */
async function pruneExpired(): Promise<void> {
  const db = await getDb();
  await db.delete(rateLimits).where(lt(rateLimits.resetAt, sql`now() - interval '1 day'`));
}

/**
 * The API for callers: counts one hit of the named limit for these key parts, e.g.
 * `hit("reset_address", [normalisedEmail])` or `hit("reset_ip", [ipKey(client.ip)])`.
 * `{ok: false, retryAfter}` (seconds) means refuse; turn it into `rateLimited(retryAfter)`.
 */
export function hit(
  name: LimitName,
  parts: readonly (string | null | undefined)[],
  options: HitOptions = {},
): Promise<HitResult> {
  return hitKey(limitKey(name, parts), ruleFor(name), {
    ...options,
    subject: options.subject === undefined ? undefined : subjectKey(options.subject),
  });
}

/** Gives back one hit of the named counter: `hit` claimed an attempt that, in the end, does not count. */
export function release(name: LimitName, parts: readonly (string | null | undefined)[]): Promise<void> {
  return releaseKey(limitKey(name, parts));
}

/** Whether each named limit is already used up for its parts, without counting a hit: one query for all. */
export async function peek<
  const L extends readonly { name: LimitName; parts: readonly (string | null | undefined)[] }[],
>(...limits: L): Promise<{ [K in keyof L]: LimitResult }> {
  const results = await peekKeys(
    limits.map(({ name, parts }) => ({ key: limitKey(name, parts), rule: ruleFor(name) })),
  );
  return results as { [K in keyof L]: LimitResult };
}

/** Forgets the named counter, e.g. an account+address's failures after a successful sign-in. */
export function clear(name: LimitName, parts: readonly (string | null | undefined)[]): Promise<void> {
  return clearKey(limitKey(name, parts));
}
