import "server-only";
import type { Tx } from "@/db/client";
import { issueEmailToken, peekEmailLink } from "../email-tokens/tokens";
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

/** How long a reset link works, for the page that says so ("Check your inbox"). */
export function resetLinkMinutes(): number {
  return getEnv().RESET_TOKEN_TTL_MINUTES;
}

/**
 * Whether a reset link still works, read when /reset-password opens (it spends nothing): the page then shows
 * the form or "This link has expired" at once, not after a new password was typed for nothing.
 */
export async function resetLinkIsLive(token: unknown): Promise<boolean> {
  return (await peekEmailLink(token, ["reset_password"])) !== null;
}
