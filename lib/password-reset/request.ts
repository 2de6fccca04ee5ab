import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { ok, type Result } from "../result";
import { ipKey } from "../security/ip-key";
import { recordLimitHit } from "../security/limit-events";
import { hit } from "../security/rate-limit";
import { rateLimited } from "../security/rate-limited";
import type { ClientInfo } from "../client-info";
import { mailResetLink } from "./link";
import { passwordResetRequestSchema } from "./schemas";

export const RESET_REQUESTED = "If an account exists for that address, we sent it a link to reset the password.";

/**
 * Asks for a reset link. The answer is the same whether or not an account exists (and whatever was
 * typed); the link goes to the address stored on the account, found by its normalised form — a
 * comma-separated list or a quoted local part is not a valid address and matches nothing.
 */
export async function requestPasswordReset(input: unknown, client: ClientInfo): Promise<Result<{ message: string }>> {
  const parsed = passwordResetRequestSchema.safeParse(input);
  // Limits count every request, whether or not the address has an account, so they reveal nothing.
  const byIp = await hit("reset_ip", [ipKey(client.ip)]);
  if (!byIp.ok) {
    await recordLimitHit("reset_ip", null, client);
    return rateLimited(byIp.retryAfter);
  }
  if (parsed.success) {
    const byAddress = await hit("reset_address", [parsed.data.email]);
    if (!byAddress.ok) {
      await recordLimitHit("reset_address", parsed.data.email, client);
      return rateLimited(byAddress.retryAfter);
    }
    const db = await getDb();
    const [user] = await db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(eq(users.email, parsed.data.email), isNull(users.disabledAt)))
      .limit(1);
    if (user) await db.transaction((tx) => mailResetLink(user, tx));
  }
  return ok({ message: RESET_REQUESTED });
}
