import "server-only";
import { rawDate, type RawRow } from "../db-statement";
import { toUserDto, type UserDto } from "./dto";

/**
 * The columns of `users u` a UserDto is made of, for a fixed statement run on the driver (lib/db-statement.ts):
 * the caller lookups of lib/sessions/resolve.ts and lib/api-keys/resolve.ts select them, in this order, and
 * read them back with rawUserDto. Whether the account has a password is `password_hash is not null` (the hash
 * is never read); the codes left are `users.recovery_codes_left`, which migration 0016's triggers
 * keep.
 */
export const USER_DTO_SQL = `u.id, u.username, u.email, u.email_verified_at, u.display_name, u.avatar_url, u.bio,
  u.created_at, u.totp_enabled_at, u.password_hash is not null, u.recovery_codes_left`;

/** The UserDto of a RawRow whose USER_DTO_SQL columns start at index `at`. */
export function rawUserDto(r: RawRow, at: number): UserDto {
  return toUserDto(
    {
      id: r[at] as string,
      username: r[at + 1] as string,
      email: r[at + 2] as string,
      emailVerifiedAt: rawDate(r[at + 3]),
      displayName: r[at + 4] as string | null,
      avatarUrl: r[at + 5] as string | null,
      bio: r[at + 6] as string | null,
      createdAt: rawDate(r[at + 7])!,
      totpEnabledAt: rawDate(r[at + 8]),
      hasPassword: r[at + 9] as boolean,
    },
    Number(r[at + 10]),
  );
}
