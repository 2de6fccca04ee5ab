import "server-only";
import { getEnv } from "../env";
import { currentRequest } from "../process-store.mjs";
import type { ClientInfo } from "../sessions/client-info";

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

export function clientIp(headers: Headers): string | null {
  if (getEnv().TRUST_PROXY) return forwardedFor(headers) ?? currentRequest()?.ip ?? null;
  const ip = currentRequest()?.ip ?? null;
  return ip?.startsWith("::ffff:") ? ip.slice(7) : ip;
}

export function clientInfo(headers: Headers): ClientInfo {
  return { ip: clientIp(headers), userAgent: headers.get("user-agent") };
}
