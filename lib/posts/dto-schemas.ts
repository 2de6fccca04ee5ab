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

export const postOrganizationDtoSchema = z
  .object({
    slug: z.string().meta({ example: "analytical-engines" }),
    name: z.string().meta({ example: "Analytical Engines" }),
  })
  .strict()
  .meta({ id: "PostOrganization", description: "The organization a post is published to: only its members read it." });

export const postDtoSchema = z
  .object({
    id: z.string().meta({ example: "Yq3n8cC0Tl2x4c9JfQ1b7w", description: "Opaque and random." }),
    title: z.string().meta({ example: "Notes on the engine" }),
    body: z.string().meta({ example: "Plain text.\nLine breaks are kept." }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    author: postAuthorDtoSchema,
    organization: postOrganizationDtoSchema
      .nullable()
      .meta({ description: "Null: a public post. Otherwise only the organization's members can read it." }),
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
