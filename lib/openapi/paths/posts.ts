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
  description: "Newest first, a page at a time; with `author`, only that account's posts.",
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
    "(403 with `code: email_unverified`); at most 10 an hour per account (`LIMIT_POST_ACCOUNT`).",
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
        "The caller's email address is not confirmed (`code: email_unverified`), or an API key without " +
        "`posts:write` (`code: insufficient_scope`, `scope: posts:write`).",
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
  request: { params: idParams },
  responses: { 200: jsonResponse("The post.", postDtoSchema), ...problemResponses(404) },
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
  description: "Its author, or an administrator (the author's activity list then says an administrator removed it).",
  request: { params: idParams },
  responses: {
    204: noContent,
    ...problemResponses(401, 404),
    403: {
      ...problems[403],
      description:
        "The caller is neither the post's author nor an administrator (a key never counts as one), or a key " +
        "without `posts:write`.",
    },
  },
});
