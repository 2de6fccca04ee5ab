import type { z } from "zod";
import { fail, ok, type Result } from "../result";
import { validate } from "../validation";

/** The context Next.js hands a dynamic route handler (its params typed by the route, e.g. `{ id: string }`). */
type RouteContext = { params: Promise<unknown> };

/**
 * A dynamic route's path parameters, parsed by their schema before anything else runs. A segment that
 * could not name anything (a NUL, a lone surrogate, a session id that is not a UUID) is "not found":
 * the same 404 as a well-formed id that names nothing, and no query is made for it.
 */
export async function pathParams<S extends z.ZodType>(
  context: RouteContext,
  schema: S,
  notFoundMessage: string,
): Promise<Result<z.output<S>>> {
  const parsed = schema.safeParse(await context.params);
  return parsed.success ? ok(parsed.data) : fail("not_found", notFoundMessage);
}

/**
 * The query string as an object: a key given once is a string, a key given twice or more is an array
 * of its values (so a schema that wants one value refuses `?limit=1&limit=2` instead of picking one).
 */
export function queryObject(url: string | URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of new URL(url).searchParams) {
    const seen = query[key];
    query[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

/** The query string parsed by its schema; a bad parameter is a validation error (400) naming it. */
export function queryParams<S extends z.ZodType>(request: Request, schema: S): Result<z.output<S>> {
  return validate(schema, queryObject(request.url));
}
