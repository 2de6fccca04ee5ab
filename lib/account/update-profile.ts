import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { fail, ok, type Result } from "../result";
import { validate } from "../validation";
import { toUserDto, userDtoColumns, type UserDto } from "../users/dto";
import { TAKEN, takenField } from "../users/taken";
import { emitUserWebhook } from "../users/webhook";
import { profileUpdateSchema, usernameKey } from "../users/schemas";

/**
 * Changes the caller's own profile. Only the keys present change; fields the caller may not set
 * (role, email verification, id) are not part of the schema and so are ignored.
 */
export async function updateProfile(userId: string, input: unknown): Promise<Result<UserDto>> {
  const parsed = validate(profileUpdateSchema, input);
  if (!parsed.ok) return parsed;
  const { username, displayName, avatarUrl, bio } = parsed.value;
  const changes: Partial<typeof users.$inferInsert> = {};
  if (username !== undefined) Object.assign(changes, { username, usernameKey: usernameKey(username) });
  if (displayName !== undefined) changes.displayName = displayName;
  if (avatarUrl !== undefined) changes.avatarUrl = avatarUrl;
  if (bio !== undefined) changes.bio = bio;

  const db = await getDb();
  try {
    const [row] = await db.transaction(async (tx) => {
      const updated = await tx
        .update(users)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(users.id, userId))
        .returning({ ...userDtoColumns, recoveryCodesLeft: users.recoveryCodesLeft });
      const changed = Object.keys(changes).filter((k) => k !== "usernameKey");
      if (updated[0] && changed.length) await emitUserWebhook("user.updated", userId, tx, { changed });
      return updated;
    });
    if (!row) return fail("not_found", "This account no longer exists.");
    return ok(toUserDto(row, row.recoveryCodesLeft));
  } catch (error) {
    if (takenField(error) !== "username") throw error;
    return fail("conflict", TAKEN.username, { fields: { username: [TAKEN.username] } });
  }
}
