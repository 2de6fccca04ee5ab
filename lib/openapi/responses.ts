import type { ResponseConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { problemSchema } from "../http/dto-schemas";

/**
 * The error answers the API gives, as OpenAPI responses, keyed by status. Each says when it happens;
 * the bodies are the one problem schema (lib/http/dto-schemas.ts), the headers what lib/http sends.
 */
const PROBLEM = "application/problem+json";
const problemBody = { content: { [PROBLEM]: { schema: problemSchema } } };

const retryAfter = z.string().meta({ description: "Seconds to wait before trying again.", example: "60" });

export const problems = {
  400: {
    description:
      "The request is not valid: `errors` names each field that needs attention, with its messages " +
      "(a body that is not a JSON object is refused without `errors`).",
    ...problemBody,
  },
  401: {
    description: "No valid bearer token (or, for sign-in, wrong credentials).",
    headers: z.object({
      "WWW-Authenticate": z.string().meta({ example: 'Bearer realm="api"' }),
    }),
    ...problemBody,
  },
  403: {
    description:
      "The password (or code) given to confirm this change is wrong (`errors` names the field), or the change " +
      "needs a recent re-authentication (`code: reauthentication_required`: POST /api/sessions/current/reauthenticate first), " +
      "or an API key called a route outside its scopes (`code: insufficient_scope`, `scope` names the one needed; " +
      "no scope reaches keys, sessions, the password, email, factors, identities, deletion or admin routes).",
    ...problemBody,
  },
  404: { description: "Not found.", ...problemBody },
  409: { description: "Taken by another account (`errors` names the field).", ...problemBody },
  413: { description: "The body is larger than 64 KiB.", ...problemBody },
  415: { description: "The body is not sent as `Content-Type: application/json`.", ...problemBody },
  429: {
    description: "Too many attempts.",
    headers: z.object({ "Retry-After": retryAfter }),
    ...problemBody,
  },
  431: {
    description:
      "The request's path, query or headers are larger than 16 KiB (Node.js's limit), answered before any route " +
      "runs; the connection is closed.",
    ...problemBody,
  },
  500: {
    description: "Something unexpected; the detail quotes the request id (also in `X-Request-Id`).",
    ...problemBody,
  },
  503: {
    description: "The database is not answering.",
    headers: z.object({ "Retry-After": retryAfter }),
    ...problemBody,
  },
} satisfies Record<number, ResponseConfig>;

type ProblemStatus = keyof typeof problems;

/**
 * The given problem statuses, plus those every operation can answer: 431 (scripts/server.mjs, before the route),
 * 500 and 503 (lib/http/route.ts).
 */
export function problemResponses(...statuses: ProblemStatus[]): Partial<Record<ProblemStatus, ResponseConfig>> {
  const all: ProblemStatus[] = [...statuses, 431, 500, 503];
  return Object.fromEntries(all.map((s) => [s, problems[s]]));
}

/** What lib/http/route.ts#withJsonBody refuses before the schema runs. */
export const JSON_BODY_PROBLEMS: ProblemStatus[] = [400, 413, 415];

/** A JSON answer with its schema. */
export function jsonResponse(description: string, schema: z.ZodType, headers?: z.ZodObject): ResponseConfig {
  return { description, ...(headers ? { headers } : {}), content: { "application/json": { schema } } };
}

export const noContent: ResponseConfig = { description: "Done; no body." };
