import "server-only";
import { getDb } from "@/db/client";
import { issueEmailToken, peekEmailLink, redeemEmailToken, voidEmailTokens } from "../email-tokens/tokens";
import { appLink } from "../email/links";
import { sendMail } from "../email/outbox";
import { unlockMail } from "../email/templates";
import { getEnv } from "../env";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import { clearSubject, hitKey, limitKey, ruleFor, subjectKey } from "../security/rate-limit";
import type { ClientInfo } from "../client-info";
import { INVALID_LINK } from "../email-tokens/tokens";

/**
 * When an account's overall sign-in failure limit trips, its owner is told once per lock-out, with a
 * single-use link (UNLOCK_TOKEN_TTL_MINUTES, stored as SHA-256 like every token) that clears the
 * account's failure counters. A password reset clears them too.
 */
const accountSubject = (userId: string) => `user:${userId}`;

/** Forgets every sign-in failure counter and back-off of the account (and the "already mailed" mark). */
export function clearSignInFailures(userId: string): Promise<void> {
  return clearSubject(accountSubject(userId));
}

export async function announceLockout(a: {
  userId: string;
  email: string;
  account: string;
  client: ClientInfo;
}): Promise<void> {
  // Once per lock-out: the mark lives as long as the limit's window, and goes with the counters.
  const once = await hitKey(
    limitKey("sign_in_lockout_mail", [a.account]),
    { count: 1, seconds: ruleFor("sign_in_failures_account").seconds },
    { subject: subjectKey(a.account) },
  );
  if (!once.ok) return;
  const minutes = getEnv().UNLOCK_TOKEN_TTL_MINUTES;
  const db = await getDb();
  await db.transaction(async (tx) => {
    await voidEmailTokens(a.userId, ["unlock_sign_in"], tx); // only the latest link stands
    const token = await issueEmailToken(a.userId, "unlock_sign_in", a.email, minutes, tx);
    await sendMail(unlockMail(a.email, appLink("/unlock-sign-in", token), Math.round(minutes)), tx);
  });
  await recordEvent("sign_in.locked", { ...a.client, userId: a.userId });
}

/** Whether an unlock link still works, read when /unlock-sign-in opens (it spends nothing). */
export async function unlockLinkIsLive(token: unknown): Promise<boolean> {
  return (await peekEmailLink(token, ["unlock_sign_in"])) !== null;
}

/** Spends an unlock link (one winner among racing clicks) and clears the account's failure counters. */
export async function unlockSignIn(token: unknown, client: ClientInfo): Promise<Result<{ userId: string }>> {
  const row = await redeemEmailToken(token, ["unlock_sign_in"]);
  if (!row) return fail("validation", INVALID_LINK, { fields: { token: [INVALID_LINK] } });
  await clearSignInFailures(row.userId);
  await recordEvent("sign_in.unlocked", { ...client, userId: row.userId });
  return ok({ userId: row.userId });
}
