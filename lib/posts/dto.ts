import "server-only";
import type { z } from "zod";
import { organizations, posts, users } from "@/db/schema";
import type { postDtoSchema, postPageSchema } from "./dto-schemas";

/** What leaves lib/posts; the shapes are dto-schemas.ts's. */
export type PostDto = z.infer<typeof postDtoSchema>;
export type PostPage = z.infer<typeof postPageSchema>;

/** The columns a PostDto is made of (posts joined with their author, left-joined with their organization). */
export const postColumns = {
  id: posts.id,
  title: posts.title,
  body: posts.body,
  createdAt: posts.createdAt,
  updatedAt: posts.updatedAt,
  username: users.username,
  displayName: users.displayName,
  avatarUrl: users.avatarUrl,
  orgSlug: organizations.slug,
  orgName: organizations.name,
};

type PostSource = {
  id: string;
  title: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  username: string;
  displayName: string | null;
  avatarUrl: string | null;
  orgSlug: string | null;
  orgName: string | null;
};

export function toPostDto(row: PostSource): PostDto {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    author: { username: row.username, displayName: row.displayName, avatarUrl: row.avatarUrl },
    organization: row.orgSlug !== null && row.orgName !== null ? { slug: row.orgSlug, name: row.orgName } : null,
  };
}

/** Who acts on a post: a Caller fits. `session` is read only when an admin removes someone else's post. */
export type PostActor = {
  user: { id: string; emailVerified: boolean };
  role: "user" | "admin";
  session: { reauthenticatedAt: Date };
};
