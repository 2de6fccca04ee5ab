import "server-only";
import { inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";

export type TwoFactorState = { totp: boolean; recoveryCodesLeft: number };

/**
 * The two-factor state of each account, for the console: whether TOTP is on (issue 14's
 * `users.totp_enabled_at`) and how many unused recovery codes are left. The one place the console
 * reads issue 14's columns (the codes left are kept on the account's row by migration 0016's triggers).
 */
export async function twoFactorStates(userIds: readonly string[]): Promise<Map<string, TwoFactorState>> {
  const states = new Map(userIds.map((id) => [id, { totp: false, recoveryCodesLeft: 0 }]));
  if (userIds.length === 0) return states;
  const db = await getDb();
  const rows = await db
    .select({ id: users.id, on: users.totpEnabledAt, left: users.recoveryCodesLeft })
    .from(users)
    .where(inArray(users.id, [...userIds]));
  for (const row of rows) states.set(row.id, { totp: row.on !== null, recoveryCodesLeft: row.left });
  return states;
}
