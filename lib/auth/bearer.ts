import "server-only";
import { resolveSessionToken, type Caller } from "../sessions/resolve";

/** The token of an `Authorization: Bearer <token>` header, or null for anything else. */
export function bearerToken(headers: Headers): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(headers.get("authorization")?.trim() ?? "");
  return match?.[1] ?? null;
}

/** The API's caller: only a bearer token counts (a session cookie never authorises an API call). */
export function apiCaller(request: Request): Promise<Caller | null> {
  return resolveSessionToken(bearerToken(request.headers));
}
