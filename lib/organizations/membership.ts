import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { memberships, organizations } from "@/db/schema";
import type { OrgRole } from "./roles";
import { organizationParamsSchema } from "./schemas";

/** An organization as its members see it, with the caller's own role. */
export type OrganizationDto = { id: string; slug: string; name: string; role: OrgRole; createdAt: string };

/**
 * The caller's membership of the organization at `slug`, read from the rows on every call (never from a
 * session), or null when there is no such organization or the account is not in it: the two answer alike,
 * so nothing of an organization leaks to a non-member. One indexed join; none for a slug no organization could
 * have (a NUL or a 10 KB path segment never reaches the database).
 */
export async function membershipBySlug(
  slug: string,
  userId: string,
  db?: Db | Tx,
): Promise<{ organization: OrganizationDto; role: OrgRole } | null> {
  if (!organizationParamsSchema.safeParse({ slug }).success) return null;
  const conn = db ?? (await getDb());
  const [row] = await conn
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      createdAt: organizations.createdAt,
      role: memberships.role,
    })
    .from(organizations)
    .innerJoin(memberships, and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, userId)))
    .where(eq(organizations.slug, slug))
    .limit(1);
  if (!row) return null;
  const organization = { ...row, createdAt: row.createdAt.toISOString() };
  return { organization, role: row.role };
}
