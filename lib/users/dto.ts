import { sql } from "drizzle-orm";
import type { z } from "zod";
import { users, type UserRow } from "@/db/schema";
import type { userDtoSchema } from "./dto-schemas";

/** What leaves lib/ about a user. Never the password hash. The shape is userDtoSchema's. */
export type UserDto = z.infer<typeof userDtoSchema>;

/**
 * The columns a UserDto is made of: a query that only needs the DTO selects just these. Whether the account has
 * a password comes either as the selection's `hasPassword` (so the hash is never read for it) or from a whole row.
 */
export type UserDtoSource = Pick<
  UserRow,
  "id" | "username" | "email" | "emailVerifiedAt" | "displayName" | "avatarUrl" | "bio" | "createdAt" | "totpEnabledAt"
> &
  ({ hasPassword: boolean } | Pick<UserRow, "passwordHash">);

/** The columns a UserDto is made of, as a selection: a query that only needs the DTO selects these. */
export const userDtoColumns = {
  id: users.id,
  username: users.username,
  email: users.email,
  emailVerifiedAt: users.emailVerifiedAt,
  displayName: users.displayName,
  avatarUrl: users.avatarUrl,
  bio: users.bio,
  createdAt: users.createdAt,
  totpEnabledAt: users.totpEnabledAt,
  hasPassword: sql<boolean>`${users.passwordHash} is not null`,
};

/**
 * `recoveryCodesLeft`: the account's unused recovery codes (`users.recovery_codes_left`, kept by migration 0016's
 * triggers), answered as 0 while two-factor is off.
 */
export function toUserDto(row: UserDtoSource, recoveryCodesLeft = 0): UserDto {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    emailVerified: row.emailVerifiedAt !== null,
    displayName: row.displayName,
    avatarUrl: row.avatarUrl,
    bio: row.bio,
    createdAt: row.createdAt.toISOString(),
    hasPassword: "hasPassword" in row ? row.hasPassword : row.passwordHash !== null,
    twoFactor: { totp: row.totpEnabledAt !== null, recoveryCodesLeft: row.totpEnabledAt ? recoveryCodesLeft : 0 },
  };
}
