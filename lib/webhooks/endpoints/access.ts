import "server-only";
import { fail, ok, type Result } from "../../result";
import { requireRecentAuth } from "../../security/recent-auth";
import type { Caller } from "../../sessions/resolve";

export const NOT_ADMIN = "Only administrators may manage webhooks.";
export const NO_SUCH_WEBHOOK = "There is no webhook endpoint with this id.";

/**
 * Who may touch webhook endpoints: an administrator (the role read from the session's row on every request;
 * never an impersonation, never an API key, whose caller carries the role `user`). lib/admin's own check sits
 * at the same rank, so it is restated here rather than imported.
 */
export function requireWebhookAdmin(caller: Caller | null): Result<Caller> {
  return caller?.role === "admin" && !caller.session.impersonator && !caller.apiKey
    ? ok(caller)
    : fail("forbidden", NOT_ADMIN);
}

/** A change that creates, redirects, removes or reveals a secret: also inside the re-authentication window. */
export function requireWebhookAdminWrite(caller: Caller | null): Result<Caller> {
  const admin = requireWebhookAdmin(caller);
  if (!admin.ok) return admin;
  const fresh = requireRecentAuth(admin.value);
  return fresh.ok ? admin : fresh;
}
