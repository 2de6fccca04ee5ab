import "server-only";
import type { ClientInfo } from "../client-info";
import { connectIdentityNow } from "../identities/store";
import { log } from "../log";
import { clearPendingLink, readPendingLink } from "./identity-cookies";

/**
 * After any successful browser sign-in (password, second step, passkey, identity, email link): the
 * identity this browser was asked to connect (lib/auth/identity-cookies.ts, pending link) is connected
 * when the account signed in to is the very account its email matched, with the `identity.connected`
 * event and the owner's notice (lib/identities/store.ts). Another account's sign-in only drops it.
 * Never fails the sign-in it follows: a failure is logged.
 */
export async function connectPendingIdentity(userId: string, client: ClientInfo): Promise<void> {
  try {
    const link = await readPendingLink();
    if (!link) return;
    await clearPendingLink();
    if (link.userId !== userId) return;
    const connected = await connectIdentityNow(userId, link, client);
    if (!connected.ok) log.warn("pending identity not connected", { userId, reason: connected.reason });
  } catch (error) {
    log.error("pending identity not connected", { userId, error: String(error) });
  }
}
