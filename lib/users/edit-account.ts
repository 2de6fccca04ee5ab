import "server-only";
import { requestEmailChange } from "../email-change/request";
import type { Result } from "../result";
import type { ClientInfo } from "../sessions/client-info";
import type { UserDto } from "./dto";
import { updateProfile } from "./update-profile";

/**
 * `PATCH /api/users/me`: an `email` key starts an email change (which needs `currentPassword` and
 * leaves the account's address as it is until confirmed); the other keys edit the profile. The email
 * part is checked first, so a wrong password changes nothing at all.
 */
export async function editAccount(
  userId: string,
  body: Record<string, unknown>,
  client: ClientInfo,
): Promise<Result<UserDto>> {
  if ("email" in body) {
    const change = await requestEmailChange(
      userId,
      { email: body.email, currentPassword: body.currentPassword },
      client,
    );
    if (!change.ok) return change;
  }
  return updateProfile(userId, body);
}
