import "server-only";
import { fail, ok, type Result } from "../result";
import { requireRecentAuth } from "../security/recent-auth";
import type { Caller } from "../sessions/resolve";

export const NOT_ADMIN = "Only administrators may do this.";

/**
 * The role check every admin read and write makes. The role is the session's row, read afresh on
 * every request (lib/sessions/resolve.ts), so a demotion counts from the next request on.
 */
export function isAdmin(caller: Caller | null): caller is Caller {
  // An impersonation session is never an administrator's, whatever the role (lib/admin/impersonation.ts).
  return caller?.role === "admin" && !caller.session.impersonator;
}

export function requireAdmin(caller: Caller | null): Result<Caller> {
  return isAdmin(caller) ? ok(caller) : fail("forbidden", NOT_ADMIN);
}

/** Every admin write: an administrator who re-authenticated recently (else `reauthentication_required`). */
export function requireAdminWrite(caller: Caller | null): Result<Caller> {
  const admin = requireAdmin(caller);
  if (!admin.ok) return admin;
  const fresh = requireRecentAuth(admin.value);
  return fresh.ok ? admin : fresh;
}
