import "server-only";
import { getEnv } from "../env";
import { passwordPool } from "./password-pool";

/**
 * bcrypt with the cost from BCRYPT_COST, computed in the worker-thread pool (lib/crypto/password-pool.ts)
 * so that a hash never holds the event loop and every core can hash at once.
 */
export function hashPassword(password: string): Promise<string> {
  return passwordPool().run({ password, cost: getEnv().BCRYPT_COST }, { name: "hash" });
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return passwordPool().run({ password, hash }, { name: "compare" });
}

let dummy: Promise<string> | undefined;

/**
 * Compares against a fixed hash of the configured cost, so an unknown account costs the same time
 * as a wrong password. Always false.
 */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummy ??= hashPassword("not-a-real-password-only-for-timing");
  dummy.catch(() => (dummy = undefined));
  await verifyPassword(password, await dummy);
  return false;
}
