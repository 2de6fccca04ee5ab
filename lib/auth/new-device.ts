import "server-only";
import type { Tx } from "@/db/client";
import type { UserRow } from "@/db/schema";
import { appLink } from "../email/links";
import { sendMail } from "../email/outbox";
import { newDeviceNotice } from "../email/templates";
import { hitKey, limitKey } from "../security/rate-limit";
import { describeDevice } from "../sessions/device";
import { secureAccountToken } from "./secure-link";
import type { Attempt } from "./sign-in-limits";

/** Within this many minutes of a notice, further new devices of the account are recorded but not mailed. */
export const NEW_DEVICE_WINDOW_MINUTES = 10;

/**
 * Whether a finished sign-in is a new device's: a browser whose device cookie does not prove (under the
 * account's current password and factors) that it signed in to this account before, or a program signing in
 * with the password (a bearer token is a device of its own each time). Other API ways in (passkey, email code)
 * are the owner's own proofs and API keys never sign in.
 */
export function isNewDevice(kind: "browser" | "api", attempt: Attempt, comparedHash: string | null): boolean {
  return kind === "browser" ? attempt.deviceId === null : comparedHash !== null;
}

/**
 * Mails the owner (device, address, time, and the "secure your account" link) through the outbox, with the
 * coalescing mark, in the new session's own transaction (lib/auth/sign-in-tail.ts): the session and its notice
 * commit together or not at all. The first new device in NEW_DEVICE_WINDOW_MINUTES mails, the others meanwhile
 * are not, so a burst makes one message. The sign-in's own `sign_in.succeeded` row says `newDevice: true`, so
 * the activity list stays one row per sign-in.
 */
export async function noticeNewDevice(
  tx: Tx,
  user: Pick<UserRow, "id" | "email">,
  passwordHash: string | null,
  kind: "browser" | "api",
  attempt: Attempt,
): Promise<void> {
  const { client } = attempt;
  const once = await hitKey(
    limitKey("new_device_notice", [user.id]),
    { count: 1, seconds: NEW_DEVICE_WINDOW_MINUTES * 60 },
    { tx },
  );
  if (!once.ok) return;
  const url = appLink("/secure-account", secureAccountToken(user.id, passwordHash));
  const seen = { device: describeDevice(client.userAgent), ip: client.ip, at: new Date(), kind };
  await sendMail(newDeviceNotice(user.email, seen, url, NEW_DEVICE_WINDOW_MINUTES), tx);
}
