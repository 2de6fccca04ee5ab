import { z } from "zod";

/** The shapes of what leaves lib/posts (the API's answers), documented by lib/openapi. */
export const postAuthorDtoSchema = z
  .object({
    username: z.string().meta({ example: "ada" }),
    displayName: z.string().nullable().meta({ example: "Ada Lovelace" }),
    avatarUrl: z.string().nullable(),
  })
  .strict()
  .meta({ id: "PostAuthor", description: "Who wrote a post: the public part of the account." });

export const postDtoSchema = z
  .object({
    id: z.string().meta({ example: "Yq3n8cC0Tl2x4c9JfQ1b7w", description: "Opaque and random." }),
    title: z.string().meta({ example: "Notes on the engine" }),
    body: z.string().meta({ example: "Plain text.\nLine breaks are kept." }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    author: postAuthorDtoSchema,
  })
  .strict()
  .meta({ id: "Post", description: "A post of the mini blog: plain text, no HTML or Markdown." });

export const postPageSchema = z
  .object({
    posts: z.array(postDtoSchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as `cursor` for the next (older) page; null at the end." }),
  })
  .strict()
  .meta({ id: "PostPage", description: "One page of posts, newest first." });
