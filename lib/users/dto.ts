import type { z } from "zod";
import type { UserRow } from "@/db/schema";
import type { userDtoSchema } from "./dto-schemas";

/** What leaves lib/ about a user. Never the password hash. The shape is userDtoSchema's. */
export type UserDto = z.infer<typeof userDtoSchema>;

/** The columns a UserDto is made of: a query that only needs the DTO selects just these. */
export type UserDtoSource = Pick<
  UserRow,
  "id" | "username" | "email" | "emailVerifiedAt" | "displayName" | "avatarUrl" | "bio" | "createdAt" | "totpEnabledAt"
>;

/** `recoveryCodesLeft`: the account's unused recovery codes (lib/two-factor/recovery-codes.ts), 0 when off. */
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
    twoFactor: { totp: row.totpEnabledAt !== null, recoveryCodesLeft: row.totpEnabledAt ? recoveryCodesLeft : 0 },
  };
}
