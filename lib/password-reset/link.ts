import "server-only";
import type { Tx } from "@/db/client";
import { issueEmailToken } from "../email-tokens/tokens";
import { appLink } from "../email/links";
import { sendMail } from "../email/outbox";
import { resetMail } from "../email/templates";
import { getEnv } from "../env";

/**
 * A reset link for the account, in the caller's transaction: the token and its mail commit together, so
 * there is no link without its message and no message without its link. The person's request and an
 * administrator's both send it.
 */
export async function mailResetLink(user: { id: string; email: string }, tx: Tx): Promise<void> {
  const ttl = getEnv().RESET_TOKEN_TTL_MINUTES;
  const token = await issueEmailToken(user.id, "reset_password", user.email, ttl, tx);
  await sendMail(resetMail(user.email, appLink("/reset-password", token), ttl), tx);
}
