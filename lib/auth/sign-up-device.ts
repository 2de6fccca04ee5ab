import "server-only";
import { eq } from "drizzle-orm";
import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { deviceCookieAfterSignIn, deviceCookieName } from "./device-cookie";

/**
 * The browser that has just created an account is its first device: the sign-up form hands this signed
 * device cookie value (the browser's own cookie plus a fresh entry for the new account) to the sign-in that
 * follows it, so that sign-in is not mailed as a new device. It is exactly what the cookie would hold: a value
 * that a browser sends as a cookie is accepted the same way when it comes in the credentials
 * (lib/auth/browser-sign-in.ts), and is worth nothing without the MAC.
 */
export async function signUpDeviceCookie(userId: string): Promise<string | null> {
  const db = await getDb();
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user) return null;
  const current = (await cookies()).get(deviceCookieName())?.value ?? null;
  return deviceCookieAfterSignIn(current, userId, user.passwordHash);
}
