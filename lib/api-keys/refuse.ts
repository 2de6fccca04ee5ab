import { fail, ok, type Result } from "../result";
import type { ApiKeyGrant } from "./scopes";

export const API_KEY_NOT_ALLOWED =
  "An API key cannot do this: keys, sessions, the password, email, factors, identities, the export and deletion " +
  "are managed from a signed-in session only.";

/** 403 `insufficient_scope` for an API key caller: the things no scope grants. */
export function refuseApiKeyCaller(caller: { apiKey?: ApiKeyGrant }): Result<void> {
  return caller.apiKey ? fail("forbidden", API_KEY_NOT_ALLOWED, { reason: "insufficient_scope" }) : ok(undefined);
}

/** The key's scopes hold `scope`, else 403 `insufficient_scope` naming it. A session caller holds every scope. */
export function requireScope(caller: { apiKey?: ApiKeyGrant }, scope: string): Result<void> {
  return !caller.apiKey || caller.apiKey.scopes.includes(scope)
    ? ok(undefined)
    : fail("forbidden", `This API key lacks the scope "${scope}".`, { reason: "insufficient_scope", scope });
}
