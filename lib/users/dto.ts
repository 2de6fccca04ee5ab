import type { UserRow } from "@/db/schema";

/** What leaves lib/ about a user. Never the password hash. */
export type UserDto = {
  id: string;
  username: string;
  email: string;
  emailVerified: boolean;
  displayName: string | null;
  avatarUrl: string | null;
  bio: string | null;
  createdAt: string;
};

/** The columns a UserDto is made of: a query that only needs the DTO selects just these. */
export type UserDtoSource = Pick<
  UserRow,
  "id" | "username" | "email" | "emailVerifiedAt" | "displayName" | "avatarUrl" | "bio" | "createdAt"
>;

export function toUserDto(row: UserDtoSource): UserDto {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    emailVerified: row.emailVerifiedAt !== null,
    displayName: row.displayName,
    avatarUrl: row.avatarUrl,
    bio: row.bio,
    createdAt: row.createdAt.toISOString(),
  };
}
