import "server-only";
import bcrypt from "bcryptjs";
import { getEnv } from "../env";

/**
 * bcrypt with the cost from BCRYPT_COST. bcryptjs's async API works in small slices scheduled on
 * later turns of the event loop, so a hash never holds the request's turn.
 */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, getEnv().BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummy: Promise<string> | undefined;

/**
 * Compares against a fixed hash of the configured cost, so an unknown account costs the same time
 * as a wrong password. Always false.
 */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummy ??= bcrypt.hash("not-a-real-password-only-for-timing", getEnv().BCRYPT_COST);
  await bcrypt.compare(password, await dummy);
  return false;
}
