import "server-only";
import { getEnv } from "../env";
import { log } from "../log";
import { currentRequest, servedWithSocketAddresses } from "../process-store.mjs";
import type { ClientInfo } from "../client-info";

/**
 * The socket's address is handed over by scripts/server.mjs through lib/process-store.mjs (Next.js
 * does not expose it, and it lets a client-sent X-Forwarded-For stand in its place). X-Forwarded-For
 * is believed only when TRUST_PROXY is on: then its right-most entry is the address our proxy saw.
 */

function forwardedFor(headers: Headers): string | null {
  const parts = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return parts.at(-1) ?? null;
}

export const UNKNOWN_ADDRESSES =
  "client addresses cannot be known: no socket address (not served by scripts/server.mjs, e.g. `next start`) " +
  "and TRUST_PROXY is off, so every client shares one rate-limit address. Use `npm start`, or set " +
  "TRUST_PROXY=1 behind a proxy that sets X-Forwarded-For.";

/** False when neither the socket's address (scripts/server.mjs) nor a trusted proxy can name the client. */
export function clientAddressesKnown(): boolean {
  return getEnv().TRUST_PROXY || servedWithSocketAddresses();
}

let warnedOnRequest = false;

export function clientIp(headers: Headers): string | null {
  if (getEnv().TRUST_PROXY) return forwardedFor(headers) ?? currentRequest()?.ip ?? null;
  const ip = currentRequest()?.ip ?? null;
  if (ip === null && !warnedOnRequest) {
    // Once per process: the start-up warning may have scrolled away by the first request.
    warnedOnRequest = true;
    log.warn(UNKNOWN_ADDRESSES, { when: "first request" });
  }
  return ip?.startsWith("::ffff:") ? ip.slice(7) : ip;
}

export function clientInfo(headers: Headers): ClientInfo {
  return { ip: clientIp(headers), userAgent: headers.get("user-agent") };
}
