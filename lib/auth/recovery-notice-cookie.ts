import "server-only";
import { cookies } from "next/headers";
import { hostCookieName, setSiteCookie } from "./site-cookie";

/**
 * "You signed in with a recovery code": set when a browser's second step was a recovery code, so the pages
 * that follow can say how many codes are left (app/_recovery/). It holds the new session's id (not a
 * secret: the sessions list shows it), so it speaks only to that session, and lives RECOVERY_NOTICE_SECONDS
 * or until dismissed.
 */
export const recoveryNoticeCookieName = () => hostCookieName("accounts.recovery-used");
const RECOVERY_NOTICE_SECONDS = 30 * 60;

export async function setRecoveryNotice(sessionId: string): Promise<void> {
  await setSiteCookie(recoveryNoticeCookieName(), sessionId, RECOVERY_NOTICE_SECONDS);
}

/** Whether this session was opened with a recovery code moments ago and the notice is not dismissed. */
export async function hasRecoveryNotice(sessionId: string): Promise<boolean> {
  return (await cookies()).get(recoveryNoticeCookieName())?.value === sessionId;
}

export async function clearRecoveryNotice(): Promise<void> {
  (await cookies()).delete(recoveryNoticeCookieName());
}
