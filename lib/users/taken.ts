import { uniqueViolation } from "../db-errors";

/** What a unique violation on users tells a person: the field is taken by another account. */
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
