import "server-only";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { ADDRESS_NOT_ALLOWED, guardedLookup, literalAllowed } from "./ssrf";

/**
 * One POST of a webhook: no redirect is followed (node:http never follows one; a 3xx is a failure like
 * any non-2xx), every connection dials through ssrf.ts's guarded lookup, and the whole exchange (connect,
 * TLS, answer) is cut off after `timeoutMs` (10 s, the contract). The answer's body is read and thrown away
 * (at most 64 KiB), never stored. Errors come back as short words safe to show an administrator: never the
 * URL (it may hold credentials), the body or a secret.
 */
export const TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

export type PostResult = { status: number; retryAfterMs: number | null } | { status: null; error: string };

export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  { timeoutMs = TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<PostResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ status: null, error: "invalid URL" });
  }
  if (target.protocol !== "https:" && target.protocol !== "http:") {
    return Promise.resolve({ status: null, error: "unsupported URL scheme" });
  }
  if (!literalAllowed(target.hostname)) return Promise.resolve({ status: null, error: ADDRESS_NOT_ALLOWED });
  const request = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const done = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = request(
      target,
      {
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "accounts-webhooks/1",
        },
        lookup: guardedLookup as never,
        agent: false, // a fresh connection each time: no pooled socket dialled under an older answer of the DNS
      },
      (res) => {
        let read = 0;
        res.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) res.destroy();
        });
        const finish = () => {
          done({ status: res.statusCode ?? 0, retryAfterMs: retryAfterMs(res.headers) });
          req.destroy();
        };
        res.on("end", finish);
        res.on("close", finish);
        res.on("error", finish);
      },
    );
    const timer = setTimeout(() => {
      done({ status: null, error: `timed out after ${Math.round(timeoutMs / 100) / 10} s` });
      req.destroy();
    }, timeoutMs);
    req.on("error", (error) => done({ status: null, error: safeError(error) }));
    req.end(body);
  });
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(headers: IncomingHttpHeaders, now = Date.now()): number | null {
  const value = headers["retry-after"]?.trim();
  if (!value) return null;
  if (/^\d{1,10}$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

const WORDS: Record<string, string> = {
  EADDRNOTALLOWED: ADDRESS_NOT_ALLOWED,
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host lookup failed",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EPIPE: "connection closed",
};

function safeError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (WORDS[code]) return WORDS[code];
    if (/CERT|SSL|TLS|ERR_TLS/.test(code)) return `TLS error (${code})`;
    if (/^[A-Z0-9_]{2,40}$/.test(code)) return `network error (${code})`;
  }
  if (error instanceof Error && error.message === ADDRESS_NOT_ALLOWED) return ADDRESS_NOT_ALLOWED;
  return "network error";
}
