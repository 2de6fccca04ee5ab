import "server-only";
import { isApiKeyToken, resolveApiKey } from "../api-keys/resolve";
import { resolveSessionToken, type Caller } from "../sessions/resolve";

/** The token of an `Authorization: Bearer <token>` header, or null for anything else. */
export function bearerToken(headers: Headers): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(headers.get("authorization")?.trim() ?? "");
  return match?.[1] ?? null;
}

/**
 * The API's caller: only a bearer token counts (a session cookie never authorises an API call). A token
 * starting `acc_` is an API key (lib/api-keys/resolve.ts: the caller carries `apiKey`, its scopes); any other
 * is a session's.
 */
export function apiCaller(request: Request): Promise<Caller | null> {
  const token = bearerToken(request.headers);
  return isApiKeyToken(token) ? resolveApiKey(token) : resolveSessionToken(token);
}
