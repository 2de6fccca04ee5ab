import { z } from "zod";
import { followUserPageSchema } from "../../follows/dto-schemas";
import { postPageSchema } from "../../posts/dto-schemas";
import { needsToken, noToken, registry } from "../registry";
import { jsonResponse, noContent, problemResponses, problems } from "../responses";

const usernameParams = z.object({ username: z.string().meta({ example: "ada" }) });
const paging = z.object({
  cursor: z.string().optional().meta({ description: "The `nextCursor` of the previous page." }),
  limit: z.number().int().min(1).max(100).optional().meta({ description: "1–100; 20 when absent." }),
});
const KEY_WRITE = "An API key needs `profile:write` (else 403 `code: insufficient_scope`).";

registry.registerPath({
  method: "put",
  path: "/api/users/{username}/follow",
  operationId: "follow",
  security: needsToken,
  tags: ["Follows"],
  summary: "Follow an account",
  description:
    "The caller follows the account (following is public). Idempotent: 204 also when already following. At most " +
    `100 an hour per account (\`LIMIT_FOLLOW_ACCOUNT\`, repeats included). ${KEY_WRITE}`,
  request: { params: usernameParams },
  responses: {
    204: noContent,
    400: { ...problems[400], description: "The caller's own username (`code: cannot_follow_self`)." },
    ...problemResponses(401, 404, 429),
    403: { ...problems[403], description: "An API key without `profile:write` (`code: insufficient_scope`)." },
  },
});

registry.registerPath({
  method: "delete",
  path: "/api/users/{username}/follow",
  operationId: "unfollow",
  security: needsToken,
  tags: ["Follows"],
  summary: "Stop following an account",
  description: `Idempotent: 204 also when the caller did not follow it. ${KEY_WRITE}`,
  request: { params: usernameParams },
  responses: {
    204: noContent,
    ...problemResponses(401, 404),
    403: { ...problems[403], description: "An API key without `profile:write` (`code: insufficient_scope`)." },
  },
});

for (const [direction, summary] of [
  ["followers", "Who follows an account"],
  ["following", "Whom an account follows"],
] as const)
  registry.registerPath({
    method: "get",
    path: `/api/users/{username}/${direction}`,
    operationId: direction === "followers" ? "listFollowers" : "listFollowing",
    security: noToken,
    tags: ["Follows"],
    summary,
    description:
      "Anyone: following is public. The most recent follow first, a page at a time; disabled accounts are " +
      "left out. 404 for an unknown or disabled account.",
    request: { params: usernameParams, query: paging },
    responses: {
      200: jsonResponse("One page of accounts.", followUserPageSchema),
      ...problemResponses(400, 404),
    },
  });

registry.registerPath({
  method: "get",
  path: "/api/feed",
  operationId: "getFeed",
  security: needsToken,
  tags: ["Follows"],
  summary: "The caller's feed",
  description:
    "The posts of the accounts the caller follows, newest first, a page at a time (the cursor never skips or " +
    "repeats a post). An organization's posts appear only while the caller is a member of it. An API key needs " +
    "`posts:read` (else 403 `code: insufficient_scope`).",
  request: { query: paging },
  responses: {
    200: jsonResponse("One page of posts.", postPageSchema),
    ...problemResponses(400, 401),
    403: { ...problems[403], description: "An API key without `posts:read` (`code: insufficient_scope`)." },
  },
});
