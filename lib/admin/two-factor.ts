import "server-only";
import { count, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { recoveryCodes, users } from "@/db/schema";

export type TwoFactorState = { totp: boolean; recoveryCodesLeft: number };

/**
 * The two-factor state of each account, for the console: whether TOTP is on (issue 14's
 * `users.totp_enabled_at`) and how many unused recovery codes are left. The one place the console
 * reads issue 14's tables: if their shape changes at merge, only this function changes.
 */
export async function twoFactorStates(userIds: readonly string[]): Promise<Map<string, TwoFactorState>> {
  const states = new Map(userIds.map((id) => [id, { totp: false, recoveryCodesLeft: 0 }]));
  if (userIds.length === 0) return states;
  const db = await getDb();
  const [enabled, codes] = await Promise.all([
    db
      .select({ id: users.id, on: users.totpEnabledAt })
      .from(users)
      .where(inArray(users.id, [...userIds])),
    db
      .select({ id: recoveryCodes.userId, n: count() })
      .from(recoveryCodes)
      .where(inArray(recoveryCodes.userId, [...userIds]))
      .groupBy(recoveryCodes.userId),
  ]);
  for (const row of enabled) states.get(row.id)!.totp = row.on !== null;
  for (const row of codes) states.get(row.id)!.recoveryCodesLeft = row.n;
  return states;
}
