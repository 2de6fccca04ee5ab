import "server-only";
import { randomUUID } from "node:crypto";
import { outage } from "../db-availability";
import { describeError } from "../db-errors";
import { withLogContext } from "../log-context";
import { fail, type Result } from "../result";
import { readJsonBody } from "./body";
import { errorResponse, problemResponse } from "./problem";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wraps a route handler: every answer carries X-Request-Id (and every log line written while it runs
 * carries the same requestId); a database outage is a 503 problem;
 * anything unexpected is logged with its stack on the server and answered as a bare 500 problem.
 */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const requestId = randomUUID();
    let response: Response;
    try {
      response = await withLogContext({ requestId }, () => handler(request, context));
    } catch (error) {
      const { log } = await import("../log"); // loaded with the first failure: a route that never fails never loads it
      const down = outage(error);
      if (down) {
        log.warn("database unavailable", { requestId, path: new URL(request.url).pathname, ...down });
        response = errorResponse(databaseUnavailable("The database is not answering. Try again shortly.").error);
      } else {
        log.error("unhandled error", {
          requestId,
          path: new URL(request.url).pathname,
          // A database error: SQLSTATE, constraint, table — never the query or its parameters.
          ...describeError(error),
        });
        response = problemResponse(500, "Internal error", `Something went wrong. Quote request id ${requestId}.`);
      }
    }
    return withRequestId(response, requestId);
  };
}

/** Response.redirect() and fetched responses have immutable headers: those are copied to take the id. */
function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set("X-Request-Id", requestId);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set("X-Request-Id", requestId);
    return copy;
  }
}

/** A JSON answer that is never cached: API responses carry user data. */
export function json(data: unknown, status = 200, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set("Cache-Control", "no-store");
  return Response.json(data, { status, headers: h });
}

/** Reads the JSON body and hands it to `handle`; body problems answer 400/413/415 before `handle` runs. */
export async function withJsonBody(
  request: Request,
  handle: (body: Record<string, unknown>) => Promise<Response>,
): Promise<Response> {
  const body = await readJsonBody(request);
  if (!body.ok) {
    const title =
      body.status === 413 ? "Payload too large" : body.status === 415 ? "Unsupported media type" : "Malformed request";
    return problemResponse(body.status, title, body.detail, { errors: body.errors });
  }
  return handle(body.value);
}

/** Turns a Result into a response: its value through `onOk`, its error through the one mapping. */
export function respond<T>(result: Result<T>, onOk: (value: T) => Response): Response {
  return result.ok ? onOk(result.value) : errorResponse(result.error);
}

/** Every 503 of the API: code `unavailable`, Retry-After 5 (through the one code → status map). */
export const databaseUnavailable = (detail: string) => fail("unavailable", detail, { retryAfter: 5 });

export const unauthorized = () =>
  errorResponse(fail("unauthorized", "Sign in and send your token as Authorization: Bearer <token>.").error);
