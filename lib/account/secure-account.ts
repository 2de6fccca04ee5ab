import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { endApiKeys } from "../api-keys/revoke";
import { secureAccountTokenUser, secureAccountTokenValid } from "../auth/secure-link";
import { INVALID_LINK } from "../email-tokens/tokens";
import { mailResetLink } from "../password-reset/link";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import { claimLimit } from "../security/limit-events";
import { revokeOtherSessions } from "../sessions/revoke";
import type { ClientInfo } from "../client-info";

export const ACCOUNT_SECURED =
  "You are signed out everywhere. We sent a link to choose a new password to your account's email address.";

async function accountOf(token: unknown) {
  const userId = secureAccountTokenUser(token);
  if (!userId) return null;
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.disabledAt || !secureAccountTokenValid(token as string, user.passwordHash)) return null;
  return user;
}

/** Whether a new-device notice's link still works, read when /secure-account opens (it changes nothing). */
export async function secureAccountLinkIsLive(token: unknown): Promise<boolean> {
  return (await accountOf(token)) !== null;
}

/**
 * The button of a new-device notice's page ("Wasn't you? — secure your account"): ends every session of the
 * account and every API key, and mails a reset link, in one transaction under the account's row lock (the link is checked again
 * there, so a reset that committed meanwhile has ended it). The reset mail counts against the address's reset
 * limit, so replaying the link cannot flood the inbox. A disabled account's link does nothing.
 */
export async function secureAccount(token: unknown, client: ClientInfo): Promise<Result<{ message: string }>> {
  const user = await accountOf(token);
  if (!user) return fail("validation", INVALID_LINK, { fields: { token: [INVALID_LINK] } });
  const limited = await claimLimit("reset_address", [user.email], { subject: user.email, context: client });
  if (!limited.ok) return limited;
  const db = await getDb();
  const done = await db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ id: users.id, email: users.email, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, user.id))
      .for("no key update");
    if (!locked || locked.disabledAt || !secureAccountTokenValid(token as string, locked.passwordHash)) return false;
    const ended = await revokeOtherSessions(locked.id, null, tx, "secured");
    // "Everywhere" includes the programs: every API key ends too.
    const apiKeys = await endApiKeys(locked.id, tx);
    await mailResetLink(locked, tx);
    await recordEvent("account.secured", { ...client, userId: locked.id, detail: { ended, apiKeys } }, tx);
    return true;
  });
  if (!done) return fail("validation", INVALID_LINK, { fields: { token: [INVALID_LINK] } });
  return ok({ message: ACCOUNT_SECURED });
}
