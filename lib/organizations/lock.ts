import "server-only";
import { and, count, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { memberships, organizations, users } from "@/db/schema";
import type { OrgRole } from "./roles";
import { organizationParamsSchema } from "./schemas";

export type LockedOrganization = {
  organization: { id: string; slug: string; name: string; createdAt: Date };
  /** The acting account's role, read under the lock. */
  role: OrgRole;
  username: string;
};

/**
 * Locks the organization's row (`for update`) for a member of it and reads their role, in one statement; null
 * for a non-member and for no such organization alike (no lock taken for them). Every change that could take
 * an organization's last owner away (a demotion, a removal, leaving, deleting an owner's account) takes this
 * lock first, so such changes take turns and each counts the owners the others left.
 */
export async function lockForMember(tx: Tx, slug: string, userId: string): Promise<LockedOrganization | null> {
  if (!organizationParamsSchema.safeParse({ slug }).success) return null; // names no organization: no query
  const [row] = await tx
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      createdAt: organizations.createdAt,
      role: memberships.role,
      username: users.username,
    })
    .from(organizations)
    .innerJoin(memberships, and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, userId)))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(organizations.slug, slug))
    .for("update", { of: organizations });
  if (!row) return null;
  const { role, username, ...organization } = row;
  return { organization, role, username };
}

/** How many owners the organization has: run after lockForMember, so no other change is counting meanwhile. */
export async function ownerCount(tx: Tx, organizationId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "owner")));
  return Number(row?.n ?? 0);
}

/** A member of a locked organization, with their username; null when the account is not in it. */
export async function memberOf(tx: Tx, organizationId: string, userId: string) {
  const [row] = await tx
    .select({ id: memberships.userId, role: memberships.role, username: users.username })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  return row ?? null;
}
