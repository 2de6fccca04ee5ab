import type { z } from "zod";
import type { DomainError, ErrorCode, FieldErrors } from "../result";
import type { problemSchema } from "./dto-schemas";
import { PROBLEM_TYPE_BASE } from "./early-answers.mjs";

/** RFC 9457 problem documents: the shape of every error the JSON API answers (schema in dto-schemas.ts). */
export type Problem = z.infer<typeof problemSchema>;

const STATUS: Record<ErrorCode, { status: number; title: string }> = {
  validation: { status: 400, title: "Invalid request" },
  unauthorized: { status: 401, title: "Unauthorized" },
  forbidden: { status: 403, title: "Forbidden" },
  not_found: { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflict" },
  rate_limited: { status: 429, title: "Too many requests" },
  unavailable: { status: 503, title: "Service unavailable" },
};

export function problemResponse(
  status: number,
  title: string,
  detail: string,
  extra: { errors?: FieldErrors; headers?: HeadersInit; slug?: string; code?: Problem["code"]; scope?: string } = {},
): Response {
  const body: Problem = {
    type: PROBLEM_TYPE_BASE + (extra.slug ?? String(status)),
    title,
    status,
    detail,
    ...(extra.code ? { code: extra.code } : {}),
    ...(extra.errors ? { errors: extra.errors } : {}),
    ...(extra.scope ? { scope: extra.scope } : {}),
  };
  const headers = new Headers(extra.headers);
  headers.set("Content-Type", "application/problem+json");
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(body), { status, headers });
}

/** The one mapping from a domain error to an HTTP answer. */
export function errorResponse(error: DomainError): Response {
  const { status, title } = STATUS[error.code];
  const headers = new Headers();
  if (error.code === "unauthorized") headers.set("WWW-Authenticate", 'Bearer realm="api"');
  if (error.retryAfter !== undefined) headers.set("Retry-After", String(Math.max(1, Math.ceil(error.retryAfter))));
  return problemResponse(status, title, error.message, {
    errors: error.fields,
    headers,
    slug: error.code.replaceAll("_", "-"),
    code: error.reason ?? error.code,
    scope: error.scope,
  });
}
