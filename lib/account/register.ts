import "server-only";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "../crypto/passwords";
import { sendVerification } from "../verification/send";
import { fail, ok, type Result } from "../result";
import { validate } from "../validation";
import { toUserDto, type UserDto } from "../users/dto";
import { registrationSchema, usernameKey } from "../users/schemas";
import { TAKEN, takenField } from "../users/taken";
import { emitUserWebhook } from "../users/webhook";

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
    const [row] = await db.transaction(async (tx) => {
      const made = await tx
        .insert(users)
        .values({ username, usernameKey: usernameKey(username), email, passwordHash, displayName, avatarUrl, bio })
        .returning();
      await emitUserWebhook("user.created", made[0]!.id, tx, { via: "sign_up" }, made[0]);
      return made;
    });
    await sendVerification(row!.id, { resend: false });
    return ok(toUserDto(row!));
  } catch (error) {
    const field = takenField(error);
    if (!field) throw error;
    return fail("conflict", TAKEN[field], { fields: { [field]: [TAKEN[field]] } });
  }
}
