import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, organizations, posts } from "@/db/schema";
import { fail, type Result } from "../result";
import { validate } from "../validation";
import type { PostPage } from "./dto";
import type { PostOrgRole } from "./find";
import { keysetPage } from "./list";
import { orgPostListSchema, orgSlugParamsSchema, type PostCursor } from "./schemas";

/** A non-member and an organization that does not exist get this alike. */
export const ORGANIZATION_NOT_FOUND = "There is no organization with this slug.";

/** The organization at `slug` with the account's role in it, or null: not a member and no such one alike. */
export async function postOrganization(
  slug: string,
  userId: string,
): Promise<{ id: string; slug: string; name: string; role: PostOrgRole } | null> {
  if (!orgSlugParamsSchema.safeParse({ slug }).success) return null;
  const db = await getDb();
  const [row] = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, role: memberships.role })
    .from(organizations)
    .innerJoin(memberships, and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, userId)))
    .where(eq(organizations.slug, slug))
    .limit(1);
  return row ?? null;
}

/** `GET /api/organizations/{slug}/posts`: validates the query, then one page (see `orgPostPage`). */
export async function listOrgPosts(slug: string, userId: string, input: unknown): Promise<Result<PostPage>> {
  const parsed = validate(orgPostListSchema, input);
  return parsed.ok ? orgPostPage(slug, userId, parsed.value) : parsed;
}

/**
 * One page of an organization's posts, newest first, keyset-paged like the feed — to its members only: the
 * membership is read from the rows on every call (and again inside the page's own statement), so a removed
 * member gets the same not found as someone who never was one, on their next request.
 */
export async function orgPostPage(
  slug: string,
  userId: string,
  query: { cursor?: PostCursor; limit: number },
): Promise<Result<PostPage>> {
  const organization = await postOrganization(slug, userId);
  if (!organization) return fail("not_found", ORGANIZATION_NOT_FOUND);
  const member = sql`exists (select 1 from ${memberships} where ${memberships.organizationId} = ${posts.organizationId}
    and ${memberships.userId} = ${userId})`;
  return keysetPage([eq(posts.organizationId, organization.id), member], query);
}

/** The organizations an account may publish to (all it is a member of), by name: "Write a post" offers them. */
export async function publishableOrganizations(userId: string): Promise<{ slug: string; name: string }[]> {
  const db = await getDb();
  return db
    .select({ slug: organizations.slug, name: organizations.name })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(organizations.name, organizations.slug);
}
