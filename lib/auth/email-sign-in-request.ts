import "server-only";
import { getDb } from "@/db/client";
import type { ClientInfo } from "../client-info";
import { hashToken } from "../crypto/tokens";
import { appLink } from "../email/links";
import { sendMail } from "../email/outbox";
import { emailSignInMail, noAccountMail } from "../email/templates";
import { getEnv } from "../env";
import { fail, ok, type Result } from "../result";
import { ipKey } from "../security/ip-key";
import { claimLimit } from "../security/limit-events";
import { findUserByLogin } from "../users/find";
import { normaliseEmail, usernameKey } from "../users/schemas";
import { validate } from "../validation";
import { emailSignInRequestSchema } from "./email-sign-in-schemas";
import { EMAIL_SIGN_IN_MINUTES, issueEmailSignIn } from "./email-sign-in-store";

export const EMAIL_SIGN_IN_REQUESTED =
  "If an account matches, we sent a sign-in link and code to its email address. They work for 15 minutes.";
export const EMAIL_SIGN_IN_OFF = "Signing in by email is turned off on this site.";

/** Whether sign-in by email is on (`EMAIL_SIGN_IN`, default on). */
export const emailSignInEnabled = () => getEnv().EMAIL_SIGN_IN;

/**
 * "Email me a sign-in link" / `POST /api/sign-in/email`. The answer is the same whether or not an account
 * matches the login (a username or an email): counted first per client address (LIMIT_EMAIL_SIGN_IN_IP) and per
 * address asked for (LIMIT_EMAIL_SIGN_IN_ADDRESS: the account's email, or the login as typed when none matches),
 * then, in one transaction, the account's pending message is replaced (lib/auth/email-sign-in-store.ts) and the
 * mail queued. An unknown *address* gets a "no account here — sign up?" message instead (sign-up is open), so
 * the work, and the time, is the same; an unknown username or a disabled account gets nothing. `binding` is the
 * asking browser's secret (its cookie): only that browser's "Sign me in" spends the link.
 */
export async function requestEmailSignIn(
  input: unknown,
  client: ClientInfo,
  binding: string | null = null,
): Promise<Result<{ message: string }>> {
  if (!emailSignInEnabled()) return fail("not_found", EMAIL_SIGN_IN_OFF);
  const parsed = validate(emailSignInRequestSchema, input);
  if (!parsed.ok) return parsed;
  const { login } = parsed.value;
  const byIp = await claimLimit("email_sign_in_ip", [ipKey(client.ip)], { subject: null, context: client });
  if (!byIp.ok) return byIp;
  const user = await findUserByLogin(login);
  const typed = login.includes("@") ? normaliseEmail(login) : `username:${usernameKey(login)}`;
  const address = user?.email ?? typed;
  const byAddress = await claimLimit("email_sign_in_address", [address], {
    subject: user ? `user:${user.id}` : null,
    context: { ...client, userId: user?.id ?? null },
  });
  if (!byAddress.ok) return byAddress;
  const db = await getDb();
  if (user && !user.disabledAt) {
    await db.transaction(async (tx) => {
      const { token, code } = await issueEmailSignIn(user.id, binding ? hashToken(binding) : null, tx);
      const url = appLink("/sign-in/email/link", token);
      await sendMail(emailSignInMail(user.email, url, code, EMAIL_SIGN_IN_MINUTES), tx);
    });
  } else if (!user && login.includes("@") && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(typed)) {
    await db.transaction((tx) => sendMail(noAccountMail(typed, `${getEnv().BASE_URL}/sign-up`), tx));
  }
  return ok({ message: EMAIL_SIGN_IN_REQUESTED });
}
