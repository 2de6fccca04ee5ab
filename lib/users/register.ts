import "server-only";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { uniqueViolation } from "../db-errors";
import { hashPassword } from "../auth/passwords";
import { sendVerification } from "../verification/send";
import { fail, ok, type Result } from "../result";
import { validate } from "../validation";
import { toUserDto, type UserDto } from "./dto";
import { registrationSchema, usernameKey } from "./schemas";

export const TAKEN = {
  username: "This username is taken.",
  email: "An account with this email already exists.",
} as const;

/** Maps a unique violation on users to the field a person can fix. */
export function takenField(error: unknown): "username" | "email" | null {
  const constraint = uniqueViolation(error);
  if (constraint === null) return null;
  return constraint.includes("email") ? "email" : "username";
}

/**
 * Creates an account. The unique indexes decide races: of two sign-ups with one email, one gets the
 * row and the other a conflict naming the field. A verification link is mailed to the new address.
 */
export async function registerUser(input: unknown): Promise<Result<UserDto>> {
  const parsed = validate(registrationSchema, input);
  if (!parsed.ok) return parsed;
  const { username, email, password, displayName, avatarUrl, bio } = parsed.value;
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  try {
    const [row] = await db
      .insert(users)
      .values({ username, usernameKey: usernameKey(username), email, passwordHash, displayName, avatarUrl, bio })
      .returning();
    await sendVerification(row!.id, { resend: false });
    return ok(toUserDto(row!));
  } catch (error) {
    const field = takenField(error);
    if (!field) throw error;
    return fail("conflict", TAKEN[field], { fields: { [field]: [TAKEN[field]] } });
  }
}
