// Plain JavaScript so that scripts/server.mjs can import it (like static-headers.mjs): the answers the
// server gives before Next.js sees a request, as the API's problem documents (lib/http/problem.ts).
import { STATUS_CODES } from "node:http";

/** The `type` of every problem document is this plus a slug (lib/http/problem.ts uses it too). */
export const PROBLEM_TYPE_BASE = "https://accounts.invalid/problems/";

/** The problem document's JSON text, shaped as lib/http/problem.ts shapes them (`code` only when given). */
export function problemBody(status, title, detail, code) {
  const type = PROBLEM_TYPE_BASE + (code ? code.replaceAll("_", "-") : String(status));
  return JSON.stringify({ type, title, status, detail, ...(code ? { code } : {}) });
}

/** The 404 of a path that names nothing, as the API's routes answer it. */
export const NOT_FOUND_BODY = problemBody(404, "Not found", "There is no such API path.", "not_found");

/**
 * A path under /api with a `.` or `..` segment, however it is spelled (`%2E%2E`, `%2e.`). Next.js resolves
 * those segments and answers a 308 to wherever they lead (`/api/users/%2E%2E` → `/api`), out of the route the
 * client asked for; such a path names nothing, so it is answered 404 here.
 */
export function isApiPathWithDotSegment(target) {
  const q = target.indexOf("?");
  const path = q < 0 ? target : target.slice(0, q);
  if (!/^\/api(\/|$)/.test(path)) return false;
  return path.split("/").some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
}

/**
 * The raw HTTP answer to a request Node.js could not parse (the 'clientError' event): 431 when the request
 * line and headers pass Node's 16 KiB limit (a path or query too long), 408 when they arrived too slowly,
 * else 400. As a problem document, then the connection is closed.
 */
export function clientErrorAnswer(code) {
  const status = code === "HPE_HEADER_OVERFLOW" ? 431 : code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  const detail =
    status === 431
      ? "The request's path, query or headers are larger than 16 KiB."
      : status === 408
        ? "The request took too long to arrive."
        : "The request is not valid HTTP.";
  const body = problemBody(status, STATUS_CODES[status], detail);
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
    "Content-Type: application/problem+json\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n" +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}
