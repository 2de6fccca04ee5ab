import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { ok, type Result } from "../result";
import { ipKey } from "../security/ip-key";
import { claimLimit } from "../security/limit-events";
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
  const byIp = await claimLimit("reset_ip", [ipKey(client.ip)], { subject: null, context: client });
  if (!byIp.ok) return byIp;
  if (parsed.success) {
    const email = parsed.data.email;
    const byAddress = await claimLimit("reset_address", [email], { subject: email, context: client });
    if (!byAddress.ok) return byAddress;
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
