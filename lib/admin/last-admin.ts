import "server-only";
import { and, count, eq, isNull, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { users } from "@/db/schema";
import { fail } from "../result";

/** Arbitrary constant: serialises every change that could remove an administrator. */
const ADMIN_CHANGE_LOCK_ID = 720_431_915;

export const LAST_ADMIN = "This is the last administrator: make another account an administrator first.";

/**
 * Takes the admin-change lock for this transaction (changes that could leave no active administrator
 * take turns, so two administrators demoting each other at once cannot both succeed), then answers
 * whether an active administrator other than `userId` remains.
 */
export async function anotherActiveAdmin(tx: Tx, userId: string): Promise<boolean> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ADMIN_CHANGE_LOCK_ID})`);
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, userId)));
  return (row?.n ?? 0) > 0;
}

export const lastAdmin = () => fail("conflict", LAST_ADMIN, { reason: "last_admin" });
