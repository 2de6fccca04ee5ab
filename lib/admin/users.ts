import "server-only";
import type { z } from "zod";
import { and, asc, count, desc, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { securityEvents, users, usersSearchText, type UserRow } from "@/db/schema";
import { eventPage } from "../security/events";
import { describeDevice } from "../sessions/device";
import { listSessions } from "../sessions/list";
import { encodePosition, positionTime } from "../cursor";
import { toUserDto, userDtoColumns } from "../users/dto";
import { fail, ok, type Result } from "../result";
import type { Caller } from "../sessions/resolve";
import { requireAdmin } from "./access";
import type { adminUserDetailSchema, adminUserDtoSchema, adminUserPageSchema } from "./dto-schemas";
import type { AdminUserListQuery } from "./schemas";
import { NO_SUCH_ACCOUNT, parseTargetId } from "./target-id";
import { twoFactorStates, type TwoFactorState } from "./two-factor";

export type AdminUserDto = z.infer<typeof adminUserDtoSchema>;
export type AdminUserPage = z.infer<typeof adminUserPageSchema>;
export type AdminUserDetail = z.infer<typeof adminUserDetailSchema>;

/**
 * When the account last signed in: its newest `sign_in.succeeded`, one probe of the partial index
 * security_events_sign_in_idx (user_id, id), however many other events the account has.
 */
// Written out with table names: drizzle leaves columns unqualified in a one-table select.
const lastSignInAt = sql<Date | null>`(select e.created_at as last_sign_in_at from security_events e
  where e.user_id = "users"."id" and e.type = 'sign_in.succeeded' order by e.id desc limit 1)`.mapWith(
  (v: string | Date | null) => (v === null ? null : new Date(v)),
);
/** created_at to the microsecond, the keyset cursor's first part (a JS Date keeps only milliseconds). */
const createdAtText = positionTime(sql`"users"."created_at"`);

const selection = {
  ...userDtoColumns,
  role: users.role,
  disabledAt: users.disabledAt,
  disabledReason: users.disabledReason,
  lastSignInAt,
  createdAtText,
};
type Selected = Pick<
  UserRow,
  | "id"
  | "username"
  | "email"
  | "emailVerifiedAt"
  | "displayName"
  | "avatarUrl"
  | "bio"
  | "createdAt"
  | "role"
  | "disabledAt"
  | "disabledReason"
  | "totpEnabledAt"
> & { lastSignInAt: Date | null; hasPassword: boolean };

function toAdminUserDto(row: Selected, twoFactor: TwoFactorState): AdminUserDto {
  return {
    ...toUserDto(row, twoFactor.recoveryCodesLeft),
    role: row.role,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    twoFactor,
  };
}

/** `%` and `_` typed in a search are letters, not wildcards. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Fragments this long match anywhere in a name or address; shorter ones match its start. */
export const FRAGMENT_MIN = 3;

/**
 * The LIKE pattern of a search over `usersSearchText` (each field after a U+0001): `%abc%` for a fragment of three
 * characters or more, `%<U+0001>ab%` (a field starting with it) for a shorter one. Both are served by one trigram
 * index (pg_trgm, migration 0015); a one- or two-character fragment has no trigram of its own, and matching it
 * anywhere would read every account. The query holds no control character (adminUserListSchema), so neither
 * pattern spans two fields.
 */
export const searchPattern = (query: string) => {
  const text = escapeLike(query.normalize("NFKC").toLowerCase());
  return [...query].length >= FRAGMENT_MIN ? `%${text}%` : `%\u0001${text}%`;
};

/**
 * Counting stops here: the console says "1,000+" rather than count a million accounts on every page. The
 * count reads at most this many index entries, so the first page costs the same at ten accounts or a million.
 */
export const TOTAL_CAP = 1000;

/**
 * The search's pattern is a bound parameter of an unnamed statement (drizzle prepares none), so PostgreSQL plans
 * each search with its pattern. Do not make this a named prepared statement: after five runs its generic plan walks
 * users_created_at_idx and filters, 1.9 s for a fragment that one account in a million matches.
 */
function filters(q: AdminUserListQuery): SQL[] {
  const where: SQL[] = [];
  if (q.query) {
    const pattern = searchPattern(q.query);
    where.push(sql`${usersSearchText(users)} like ${pattern}`);
  }
  if (q.role) where.push(eq(users.role, q.role));
  if (q.status) where.push(q.status === "disabled" ? isNotNull(users.disabledAt) : isNull(users.disabledAt));
  if (q.verified !== undefined)
    where.push(q.verified ? isNotNull(users.emailVerifiedAt) : isNull(users.emailVerifiedAt));
  return where;
}

/**
 * One page of accounts: search by fragment over username, email and display name (case-insensitive; see
 * `searchPattern`), filters, newest or oldest first, keyset-paginated on (created_at, id), with how many match
 * (counted up to TOTAL_CAP; `totalCapped` when there are more).
 * Administrators only (checked here too, not only by the page or route).
 */
export async function listAdminUsers(actor: Caller | null, q: AdminUserListQuery): Promise<Result<AdminUserPage>> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const db = await getDb();
  const where = filters(q);
  const newest = q.order === "newest";
  const page = [...where];
  if (q.cursor) {
    const at = sql`${q.cursor.at}::timestamptz`;
    page.push(
      newest
        ? sql`(${users.createdAt}, ${users.id}) < (${at}, ${q.cursor.id}::uuid)`
        : sql`(${users.createdAt}, ${users.id}) > (${at}, ${q.cursor.id}::uuid)`,
    );
  }
  const rows = await db
    .select(selection)
    .from(users)
    .where(and(...page))
    .orderBy(...(newest ? [desc(users.createdAt), desc(users.id)] : [asc(users.createdAt), asc(users.id)]))
    .limit(q.limit + 1);
  const shown = rows.slice(0, q.limit);
  // A first page with no next one holds every match: the total is its length, and a search that finds a few
  // accounts reads the index once, not twice. Otherwise the count runs beside the two-factor states.
  const everything = !q.cursor && rows.length <= q.limit;
  const [n, twoFactor] = await Promise.all([
    everything ? shown.length : countMatching(where),
    twoFactorStates(shown.map((r) => r.id)),
  ]);
  const last = shown.at(-1);
  return ok({
    users: shown.map((r) => toAdminUserDto(r, twoFactor.get(r.id)!)),
    nextCursor: rows.length > q.limit && last ? encodePosition({ at: last.createdAtText, id: last.id }) : null,
    total: Math.min(n, TOTAL_CAP),
    totalCapped: n > TOTAL_CAP,
  });
}

/** How many accounts match, counted up to TOTAL_CAP + 1 (at most that many index entries read). */
async function countMatching(where: SQL[]): Promise<number> {
  const db = await getDb();
  const [total] = await db.select({ n: count() }).from(
    db
      .select({ one: sql`1` })
      .from(users)
      .where(and(...where))
      .limit(TOTAL_CAP + 1)
      .as("matching"),
  );
  return total?.n ?? 0;
}

/**
 * One account, as an administrator sees it. Null when there is none. No role check: for lib/admin's own
 * use after its check (manage.ts answers the account it changed); others call `getAdminUserDetail`.
 */
export async function getAdminUser(id: string): Promise<AdminUserDto | null> {
  const db = await getDb();
  const [row] = await db.select(selection).from(users).where(eq(users.id, id)).limit(1);
  if (!row) return null;
  return toAdminUserDto(row, (await twoFactorStates([id])).get(id)!);
}

/**
 * An account's page: the account, its last sign-in, its live sessions and its latest 20 events. The
 * role first, then the id's shape (a field error), then `not_found` when there is no such account.
 */
export async function getAdminUserDetail(actor: Caller | null, id: unknown): Promise<Result<AdminUserDetail>> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const parsed = parseTargetId(id);
  if (!parsed.ok) return parsed;
  const userId = parsed.value;
  const user = await getAdminUser(userId);
  if (!user) return fail("not_found", NO_SUCH_ACCOUNT);
  const db = await getDb();
  const [[last], sessionList, events] = await Promise.all([
    db
      .select({ at: securityEvents.createdAt, ip: securityEvents.ip, userAgent: securityEvents.userAgent })
      .from(securityEvents)
      .where(and(eq(securityEvents.userId, userId), eq(securityEvents.type, "sign_in.succeeded")))
      .orderBy(desc(securityEvents.id))
      .limit(1),
    listSessions(userId, null),
    eventPage(userId, { limit: 20 }),
  ]);
  return ok({
    ...user,
    lastSignIn: last ? { at: last.at.toISOString(), ip: last.ip, device: describeDevice(last.userAgent) } : null,
    sessions: sessionList,
    events: events.events,
  });
}
