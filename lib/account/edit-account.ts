import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { requestEmailChange } from "../email-change/request";
import { emailChangeSchema } from "../email-change/schemas";
import { fail, type FieldErrors, type Result } from "../result";
import { FIX_FIELDS } from "../messages";
import type { ClientInfo } from "../client-info";
import type { WithProof } from "../security/recent-auth";
import { validate } from "../validation";
import type { UserDto } from "../users/dto";
import { TAKEN } from "../users/taken";
import { profileUpdateSchema, usernameKey } from "../users/schemas";
import { updateProfile } from "./update-profile";

/**
 * `PATCH /api/users/me`: an `email` key starts an email change (which needs `currentPassword`, or for an
 * account without a password `session`'s recent re-authentication, and
 * leaves the account's address as it is until confirmed); the other keys edit the profile. The whole
 * body is validated first, so invalid input anywhere sends no mail and writes nothing; then the email
 * part runs, so a wrong password changes nothing at all.
 */
export async function editAccount(
  userId: string,
  body: Record<string, unknown>,
  client: ClientInfo,
  session?: WithProof["session"],
): Promise<Result<UserDto>> {
  const emailChange = "email" in body ? { email: body.email, currentPassword: body.currentPassword } : null;
  const fields: FieldErrors = {};
  const profile = validate(profileUpdateSchema, body);
  if (!profile.ok) Object.assign(fields, profile.error.fields);
  if (emailChange) {
    const email = validate(emailChangeSchema, emailChange);
    if (!email.ok) Object.assign(fields, email.error.fields);
  }
  if (Object.keys(fields).length) return fail("validation", FIX_FIELDS, { fields });

  if (emailChange && profile.ok && profile.value.username !== undefined) {
    // A username someone else has would make the profile part a 409 after the links are mailed: ask
    // first. (The unique index still decides a race; then the mail has gone, the profile has not.)
    const db = await getDb();
    const key = usernameKey(profile.value.username);
    const [holder] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.usernameKey, key), ne(users.id, userId)))
      .limit(1);
    if (holder) return fail("conflict", TAKEN.username, { fields: { username: [TAKEN.username] } });
  }
  if (emailChange) {
    const change = await requestEmailChange(userId, emailChange, client, session);
    if (!change.ok) return change;
  }
  return updateProfile(userId, body);
}
