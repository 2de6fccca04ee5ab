import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { posts, users } from "@/db/schema";
import { fail, ok, type Result } from "../result";
import { claimLimit } from "../security/limit-events";
import type { ClientInfo } from "../client-info";
import { validate } from "../validation";
import { toPostDto, type PostActor, type PostDto } from "./dto";
import { newPostId } from "./ids";
import { createPostSchema } from "./schemas";

export const EMAIL_UNVERIFIED = "Confirm your email address before you publish: follow the link we sent you.";

/**
 * Publishes a post for the actor. The input is validated first; then the author must have a confirmed
 * email (403, code `email_unverified`), and keep to `post_account` (10 an hour per account).
 */
export async function createPost(actor: PostActor, input: unknown, client: ClientInfo): Promise<Result<PostDto>> {
  const parsed = validate(createPostSchema, input);
  if (!parsed.ok) return parsed;
  if (!actor.user.emailVerified) return fail("forbidden", EMAIL_UNVERIFIED, { reason: "email_unverified" });
  const subject = actor.user.id;
  const allowed = await claimLimit("post_account", [subject], { subject, context: { ...client, userId: subject } });
  if (!allowed.ok) return allowed;
  const db = await getDb();
  const [author] = await db
    .select({ username: users.username, displayName: users.displayName, avatarUrl: users.avatarUrl })
    .from(users)
    .where(eq(users.id, actor.user.id));
  if (!author) return fail("not_found", "This account no longer exists.");
  const [row] = await db
    .insert(posts)
    .values({ id: newPostId(), authorId: actor.user.id, ...parsed.value })
    .returning();
  return ok(toPostDto({ ...row!, ...author }));
}
