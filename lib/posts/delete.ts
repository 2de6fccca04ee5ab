import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, posts } from "@/db/schema";
import { fail, ok, type Result } from "../result";
import { log } from "../log";
import { requireRecentAuth } from "../security/recent-auth";
import { recordEvent } from "../security/events";
import type { ClientInfo } from "../client-info";
import type { PostActor } from "./dto";
import { getPostWithAuthor, isAuthor, POST_NOT_FOUND, type PostWithAuthor } from "./find";

export const NOT_YOURS_TO_DELETE = "Only its author or an administrator can delete this post.";

/** Who removes a post: its author, the organization's admins and owners, or a site administrator (public posts). */
type Remover = "author" | "organization" | "admin";

function removerOf(post: PostWithAuthor, actor: PostActor): Remover | null {
  if (isAuthor(post, actor.user.id)) return "author";
  if (post.organizationId !== null)
    return post.viewerRole === "owner" || post.viewerRole === "admin" ? "organization" : null;
  return actor.role === "admin" ? "admin" : null;
}

/**
 * Deletes a post: its author may; an organization's post, its admins and owners may too (their role read in
 * the delete statement itself); a public post, an admin (role "admin") may, which records
 * `post.removed_by_admin` in the author's activity list with the post's title (the acting admin in
 * `actor_id`, never shown to the author) and, like every admin action, needs a fresh re-authentication.
 * A post the actor cannot read (another organization's) is not found; anyone else: forbidden.
 */
export async function deletePost(
  actor: PostActor,
  id: string,
  client: ClientInfo,
): Promise<Result<{ id: string; byAdmin: boolean; organization: string | null }>> {
  const post = await getPostWithAuthor(id, actor.user.id);
  if (!post) return fail("not_found", POST_NOT_FOUND);
  const remover = removerOf(post, actor);
  if (!remover) return fail("forbidden", NOT_YOURS_TO_DELETE);
  if (remover === "admin") {
    // An admin action like the console's: it needs a recent proof of who is acting.
    const fresh = requireRecentAuth(actor);
    if (!fresh.ok) return fresh;
  }
  const db = await getDb();
  const allowed =
    remover === "author"
      ? eq(posts.authorId, actor.user.id)
      : remover === "organization"
        ? sql`exists (select 1 from ${memberships} where ${memberships.organizationId} = ${posts.organizationId}
            and ${memberships.userId} = ${actor.user.id} and ${memberships.role} in ('owner', 'admin'))`
        : isNull(posts.organizationId);
  const [gone] = await db
    .delete(posts)
    .where(and(eq(posts.id, id), allowed))
    .returning({ id: posts.id });
  if (!gone) return fail("not_found", POST_NOT_FOUND);
  if (remover === "admin") {
    log.info("post removed by admin", { adminId: actor.user.id, ip: client.ip, postId: post.id });
    // The author's trail: not the administrator's address or browser (the log line keeps who did it).
    await recordEvent("post.removed_by_admin", {
      ip: null,
      userAgent: null,
      userId: post.authorId,
      actorId: actor.user.id,
      detail: { postId: post.id, title: post.title },
    });
  } else if (remover === "organization") {
    log.info("post removed by organization admin", { actorId: actor.user.id, ip: client.ip, postId: post.id });
  }
  return ok({ id: gone.id, byAdmin: remover === "admin", organization: post.organization?.slug ?? null });
}
