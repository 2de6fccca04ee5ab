import { fail, ok, type Result } from "../result";
import { UUID } from "./schemas";

export const NO_SUCH_ACCOUNT = "There is no account with this id.";
export const NOT_AN_ID = "This is not an account's id.";
export const NOT_A_SESSION_ID = "This is not a session's id.";

/**
 * The id of the row an admin action names, checked before any query: the `uuid` column would answer
 * anything else with a database error (a stack in the log, a 500), so it is a field error instead,
 * named after the console's form field. Called only after the role check (lib/admin/access.ts), so a
 * caller who is not an administrator learns nothing from the shape of the id either.
 */
export function parseTargetId(id: unknown, field: "userId" | "sessionId" = "userId"): Result<string> {
  if (typeof id === "string" && UUID.test(id)) return ok(id.toLowerCase());
  const message = field === "userId" ? NOT_AN_ID : NOT_A_SESSION_ID;
  return fail("validation", message, { fields: { [field]: [message] } });
}
