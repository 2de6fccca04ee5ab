import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { posts } from "@/db/schema";
import { fail, ok, type Result } from "../result";
import { log } from "../log";
import { requireRecentAuth } from "../security/recent-auth";
import { recordEvent } from "../security/events";
import type { ClientInfo } from "../client-info";
import type { PostActor } from "./dto";
import { getPostWithAuthor, isAuthor, POST_NOT_FOUND } from "./find";

export const NOT_YOURS_TO_DELETE = "Only its author or an administrator can delete this post.";

/**
 * Deletes a post: its author may, and so may an admin (role "admin"), which records
 * `post.removed_by_admin` in the author's activity list with the post's title (the acting admin in
 * `actor_id`, never shown to the author) and, like every admin action, needs a fresh re-authentication.
 * Anyone else: forbidden.
 */
export async function deletePost(
  actor: PostActor,
  id: string,
  client: ClientInfo,
): Promise<Result<{ id: string; byAdmin: boolean }>> {
  const post = await getPostWithAuthor(id);
  if (!post) return fail("not_found", POST_NOT_FOUND);
  const own = isAuthor(post, actor.user.id);
  if (!own && actor.role !== "admin") return fail("forbidden", NOT_YOURS_TO_DELETE);
  if (!own) {
    // An admin action like the console's: it needs a recent proof of who is acting.
    const fresh = requireRecentAuth(actor);
    if (!fresh.ok) return fresh;
  }
  const db = await getDb();
  const [gone] = await db.delete(posts).where(eq(posts.id, id)).returning({ id: posts.id });
  if (!gone) return fail("not_found", POST_NOT_FOUND);
  if (!own) {
    log.info("post removed by admin", { adminId: actor.user.id, ip: client.ip, postId: post.id });
    // The author's trail: not the administrator's address or browser (the log line keeps who did it).
    await recordEvent("post.removed_by_admin", {
      ip: null,
      userAgent: null,
      userId: post.authorId,
      actorId: actor.user.id,
      detail: { postId: post.id, title: post.title },
    });
  }
  return ok({ id: gone.id, byAdmin: !own });
}
