import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, organizations, users } from "@/db/schema";
import { fail, ok, type Result } from "../result";
import type { MemberDto } from "./dto-schemas";
import { membershipBySlug, type OrganizationDto } from "./membership";
import type { OrgRole } from "./roles";
import { ORGANIZATION_NOT_FOUND, organizationParamsSchema } from "./schemas";

export type OrganizationSummary = Omit<OrganizationDto, "createdAt">;

/** The account's organizations with its role in each, by name (one indexed join; read from the rows). */
export async function listMyOrganizations(userId: string): Promise<OrganizationSummary[]> {
  const db = await getDb();
  return db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name), asc(organizations.slug));
}

/** The organization at `slug` as the account sees it; no such organization and not a member are one 404. */
export async function getOrganization(slug: string, userId: string): Promise<Result<OrganizationDto>> {
  const found = await membershipBySlug(slug, userId);
  return found ? ok(found.organization) : fail("not_found", ORGANIZATION_NOT_FOUND);
}

const ROLE_ORDER = sql`case ${memberships.role} when 'owner' then 0 when 'admin' then 1 else 2 end`;

/**
 * The members of the organization at `slug`, owners first, for a member of it (else 404, like no such
 * organization). The membership check is part of the one query: a removed member reads nothing.
 */
export async function listMembers(slug: string, userId: string): Promise<Result<MemberDto[]>> {
  if (!organizationParamsSchema.safeParse({ slug }).success) return fail("not_found", ORGANIZATION_NOT_FOUND);
  const db = await getDb();
  const me = db
    .select({ organizationId: memberships.organizationId })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(organizations.slug, slug), eq(memberships.userId, userId)));
  const rows = await db
    .select({
      userId: memberships.userId,
      username: users.username,
      role: memberships.role,
      joinedAt: memberships.joinedAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(sql`${memberships.organizationId} in (${me})`)
    .orderBy(ROLE_ORDER, asc(users.username));
  if (rows.length === 0) return fail("not_found", ORGANIZATION_NOT_FOUND);
  return ok(rows.map((r) => ({ ...r, role: r.role as OrgRole, joinedAt: r.joinedAt.toISOString() })));
}
