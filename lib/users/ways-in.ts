import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { users } from "@/db/schema";
import { fail } from "../result";

/** What can still sign an account in: its password, its passkeys, its connected identities. */
export type WaysIn = { password: boolean; passkeys: number; identities: number };

export const LAST_WAY_IN =
  "This is the last way you can sign in to your account. Set a password, add a passkey or connect another account first.";

/** The refusal (409, `code: last_way_in`) of a removal that would leave the account with no way in. */
export const lastWayIn = () => fail("conflict", LAST_WAY_IN, { reason: "last_way_in" });

/**
 * Locks the account's row (`for update`) and counts its ways in, inside the caller's transaction, or null when
 * there is no such account. Every removal of a way in (disconnecting an identity, removing a passkey) takes this
 * lock before it counts, so two removals at once run one after the other and the second sees what the first left:
 * they cannot both pass and leave an account that nobody can sign in to. (Setting a password, adding a passkey or
 * connecting an identity only adds a way in, so they need not wait.)
 */
export async function lockWaysIn(tx: Tx, userId: string): Promise<WaysIn | null> {
  // Two statements, not one: a statement that waited for the lock re-reads the locked row only, its subqueries
  // keep the snapshot taken before the wait (and would count what the other removal just deleted). A statement
  // started after the lock is held sees everything committed before it.
  const [locked] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
  if (!locked) return null;
  const [row] = await tx
    .select({
      password: sql<boolean>`${users.passwordHash} is not null`,
      // Written out with table names: drizzle leaves columns unqualified in a one-table select.
      passkeys: sql<number>`(select count(*)::int from passkeys p where p.user_id = "users"."id")`,
      identities: sql<number>`(select count(*)::int from identities i where i.user_id = "users"."id")`,
    })
    .from(users)
    .where(eq(users.id, userId));
  return { password: Boolean(row!.password), passkeys: Number(row!.passkeys), identities: Number(row!.identities) };
}

/** How many ways in the account has (a password counts as one). */
export const countWaysIn = (w: WaysIn) => (w.password ? 1 : 0) + w.passkeys + w.identities;
