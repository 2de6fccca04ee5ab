import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, organizations, posts, users } from "@/db/schema";
import { fail, ok, type Result } from "../result";
import { claimLimit } from "../security/limit-events";
import type { ClientInfo } from "../client-info";
import { validate } from "../validation";
import { toPostDto, type PostActor, type PostDto } from "./dto";
import { getPost } from "./find";
import { newPostId } from "./ids";
import { createPostSchema, type CreatePostInput } from "./schemas";

export const EMAIL_UNVERIFIED = "Confirm your email address before you publish: follow the link we sent you.";
export const NOT_A_MEMBER = "You can only publish to an organization you are a member of.";

/**
 * Publishes a post for the actor. The input is validated first; then the author must have a confirmed
 * email (403, code `email_unverified`), and keep to `post_account` (10 an hour per account). With
 * `organization` (a slug), the author must be one of its members, checked in the insert itself (403
 * otherwise, an organization that does not exist alike).
 */
export async function createPost(actor: PostActor, input: unknown, client: ClientInfo): Promise<Result<PostDto>> {
  const parsed = validate(createPostSchema, input);
  if (!parsed.ok) return parsed;
  if (!actor.user.emailVerified) return fail("forbidden", EMAIL_UNVERIFIED, { reason: "email_unverified" });
  const subject = actor.user.id;
  const allowed = await claimLimit("post_account", [subject], { subject, context: { ...client, userId: subject } });
  if (!allowed.ok) return allowed;
  const { organization, ...content } = parsed.value;
  if (organization !== undefined) return publishToOrganization(actor.user.id, organization, content);
  const db = await getDb();
  const [author] = await db
    .select({ username: users.username, displayName: users.displayName, avatarUrl: users.avatarUrl })
    .from(users)
    .where(eq(users.id, actor.user.id));
  if (!author) return fail("not_found", "This account no longer exists.");
  const [row] = await db
    .insert(posts)
    .values({ id: newPostId(), authorId: actor.user.id, ...content })
    .returning();
  return ok(toPostDto({ ...row!, ...author, orgSlug: null, orgName: null }));
}

/** One statement: the row is written only when the author's membership of the organization exists right then. */
async function publishToOrganization(
  authorId: string,
  slug: string,
  content: Omit<CreatePostInput, "organization">,
): Promise<Result<PostDto>> {
  const db = await getDb();
  const id = newPostId();
  const inserted = await db.execute(sql`
    insert into ${posts} (id, author_id, title, body, organization_id)
    select ${id}, ${authorId}::uuid, ${content.title}, ${content.body}, ${organizations.id}
    from ${organizations}
    join ${memberships} on ${memberships.organizationId} = ${organizations.id} and ${memberships.userId} = ${authorId}
    where ${organizations.slug} = ${slug}
    returning id`);
  const count = Array.isArray(inserted) ? inserted.length : ((inserted as { rows?: unknown[] }).rows?.length ?? 0);
  if (count === 0) return fail("forbidden", NOT_A_MEMBER);
  const post = await getPost(id, authorId);
  return post ? ok(post) : fail("not_found", "This account no longer exists.");
}
