import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { fail, ok, type Result } from "../result";

export const LAST_OWNER_OF = (slugs: string[], who = "You are") =>
  `${who} the only owner of ${slugs.map((s) => `'${s}'`).join(", ")}: make another member an owner, or delete ` +
  `${slugs.length === 1 ? "that organization" : "those organizations"}, before deleting the account.`;

/**
 * Refuses (409 `last_owner`) to delete an account that is the only owner of an organization, because an
 * organization always keeps an owner. Run in the deleting transaction: it locks (`for update`, in id order) every
 * organization the account owns, the lock lib/organizations takes before it demotes or removes an owner, then
 * counts the other owners, so a co-owner stepping down at the same moment cannot leave the organization ownerless.
 * Rank 3 on purpose: both the account's own deletion and the administrator's ask it.
 */
export async function refuseSoleOwner(tx: Tx, userId: string, who?: string): Promise<Result<void>> {
  const owned = await tx.execute<{ id: string }>(sql`
    select o.id from organizations o
    join memberships m on m.organization_id = o.id and m.user_id = ${userId} and m.role = 'owner'
    order by o.id
    for update of o`);
  if (rows(owned).length === 0) return ok(undefined);
  const alone = await tx.execute<{ slug: string }>(sql`
    select o.slug from organizations o
    join memberships m on m.organization_id = o.id and m.user_id = ${userId} and m.role = 'owner'
    where not exists (
      select 1 from memberships x where x.organization_id = o.id and x.role = 'owner' and x.user_id <> ${userId})
    order by o.slug
    limit 5`);
  const slugs = rows<{ slug: string }>(alone).map((r) => r.slug);
  return slugs.length ? fail("conflict", LAST_OWNER_OF(slugs, who), { reason: "last_owner" }) : ok(undefined);
}

const rows = <T>(r: unknown): T[] => (Array.isArray(r) ? r : ((r as { rows?: T[] }).rows ?? []));
