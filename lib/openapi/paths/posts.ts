import { z } from "zod";
import { postDtoSchema, postPageSchema } from "../../posts/dto-schemas";
import { createPostSchema, updatePostSchema } from "../../posts/schemas";
import { needsToken, noToken, registry } from "../registry";
import { JSON_BODY_PROBLEMS, jsonResponse, noContent, problemResponses, problems } from "../responses";

const json = (schema: z.ZodType, example: Record<string, unknown>) => ({
  required: true,
  content: { "application/json": { schema, example } },
});

const idParams = z.object({ id: z.string().meta({ example: "Yq3n8cC0Tl2x4c9JfQ1b7w" }) });

registry.registerPath({
  method: "get",
  path: "/api/posts",
  operationId: "listPosts",
  security: noToken,
  tags: ["Posts"],
  summary: "The latest posts",
  description:
    "Public posts, newest first, a page at a time; with `author`, only that account's public posts. An " +
    "organization's posts are never here (`GET /api/organizations/{slug}/posts`).",
  request: {
    query: z.object({
      author: z.string().optional().meta({ description: "A username.", example: "ada" }),
      cursor: z.string().optional().meta({ description: "The `nextCursor` of the previous page." }),
      limit: z.number().int().min(1).max(100).optional().meta({ description: "1–100; 20 when absent." }),
    }),
  },
  responses: {
    200: jsonResponse("One page of posts.", postPageSchema),
    ...problemResponses(400, 404),
  },
});

registry.registerPath({
  method: "post",
  path: "/api/posts",
  operationId: "createPost",
  security: needsToken,
  tags: ["Posts"],
  summary: "Publish a post",
  description:
    "Title 1–120 and body 1–20,000 characters, trimmed, plain text. Needs a confirmed email address " +
    "(403 with `code: email_unverified`); at most 10 an hour per account (`LIMIT_POST_ACCOUNT`). With " +
    "`organization` (a slug), the post is published to that organization: the caller must be one of its " +
    "members (403 otherwise, an organization that does not exist alike), and only its members can read it.",
  request: { body: json(createPostSchema, { title: "Notes on the engine", body: "It computes.\nIt weaves." }) },
  responses: {
    201: jsonResponse(
      "The new post.",
      postDtoSchema,
      z.object({ Location: z.string().meta({ example: "/api/posts/Yq3n8cC0Tl2x4c9JfQ1b7w" }) }),
    ),
    ...problemResponses(...JSON_BODY_PROBLEMS, 401, 429),
    403: {
      ...problems[403],
      description:
        "The caller's email address is not confirmed (`code: email_unverified`), the caller is not a member " +
        "of `organization`, or an API key without `posts:write` (`code: insufficient_scope`, `scope: posts:write`).",
    },
  },
});

registry.registerPath({
  method: "get",
  path: "/api/posts/{id}",
  operationId: "getPost",
  security: noToken,
  tags: ["Posts"],
  summary: "A post",
  description:
    "A public post, to anyone. An organization's post only to its members (a bearer token; an API key needs " +
    "`organizations:read`): to everyone else 404, as if it did not exist.",
  request: { params: idParams },
  responses: { 200: jsonResponse("The post.", postDtoSchema), ...problemResponses(404) },
});

registry.registerPath({
  method: "get",
  path: "/api/organizations/{slug}/posts",
  operationId: "listOrganizationPosts",
  security: needsToken,
  tags: ["Posts"],
  summary: "An organization's posts",
  description:
    "Newest first, a page at a time like `GET /api/posts`; to the organization's members only (read from the " +
    "memberships on every request; an API key needs `organizations:read`). Anyone else gets 404, the same as " +
    "for an organization that does not exist.",
  request: {
    params: z.object({ slug: z.string().meta({ example: "analytical-engines" }) }),
    query: z.object({
      cursor: z.string().optional().meta({ description: "The `nextCursor` of the previous page." }),
      limit: z.number().int().min(1).max(100).optional().meta({ description: "1–100; 20 when absent." }),
    }),
  },
  responses: {
    200: jsonResponse("One page of the organization's posts.", postPageSchema),
    ...problemResponses(400, 401, 404),
    403: { ...problems[403], description: "An API key without `organizations:read` (`code: insufficient_scope`)." },
  },
});

registry.registerPath({
  method: "patch",
  path: "/api/posts/{id}",
  operationId: "updatePost",
  security: needsToken,
  tags: ["Posts"],
  summary: "Edit a post",
  description: "Its author only. Every key is optional: absent is unchanged.",
  request: { params: idParams, body: json(updatePostSchema, { title: "Notes on the analytical engine" }) },
  responses: {
    200: jsonResponse("The post as it now is.", postDtoSchema),
    ...problemResponses(...JSON_BODY_PROBLEMS, 401, 404),
    403: { ...problems[403], description: "The caller is not the post's author, or a key without `posts:write`." },
  },
});

registry.registerPath({
  method: "delete",
  path: "/api/posts/{id}",
  operationId: "deletePost",
  security: needsToken,
  tags: ["Posts"],
  summary: "Delete a post",
  description:
    "Its author; for an organization's post, its admins and owners; for a public post, an administrator (the " +
    "author's activity list then says an administrator removed it). A post the caller cannot read: 404.",
  request: { params: idParams },
  responses: {
    204: noContent,
    ...problemResponses(401, 404),
    403: {
      ...problems[403],
      description:
        "The caller is neither the post's author nor an administrator (of the post's organization, or of the " +
        "site for a public post; a key never counts as one), or a key without `posts:write`.",
    },
  },
});
