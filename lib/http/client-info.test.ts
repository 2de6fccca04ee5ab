import { afterEach, describe, expect, it, vi } from "vitest";
import { runRequest } from "../process-store.mjs";

const saved = process.env.TRUST_PROXY;
afterEach(() => {
  process.env.TRUST_PROXY = saved;
  vi.resetModules();
});

/** clientIp as the app sees it with this TRUST_PROXY, for a request whose socket address is `peer`. */
async function ipFor(trustProxy: string, forwardedFor: string | null, peer: string | null) {
  process.env.TRUST_PROXY = trustProxy;
  vi.resetModules(); // lib/env.ts caches the environment
  const { clientIp } = await import("./client-info");
  const headers = new Headers(forwardedFor === null ? {} : { "x-forwarded-for": forwardedFor });
  return runRequest({ ip: peer, databaseUnavailable: false }, () => clientIp(headers));
}

describe("the client's address", () => {
  it("without TRUST_PROXY is the socket's, whatever X-Forwarded-For claims", async () => {
    expect(await ipFor("0", "1.2.3.4", "10.0.0.5")).toBe("10.0.0.5");
    expect(await ipFor("", "1.2.3.4", "::ffff:10.0.0.5")).toBe("10.0.0.5"); // IPv4-mapped IPv6 unwrapped
    expect(await ipFor("false", null, "2001:db8::1")).toBe("2001:db8::1");
  });

  it("with TRUST_PROXY is the right-most X-Forwarded-For entry (the one our proxy appended)", async () => {
    expect(await ipFor("1", "6.6.6.6, 203.0.113.9", "10.0.0.5")).toBe("203.0.113.9");
    expect(await ipFor("true", " 6.6.6.6 ,198.51.100.2 ", "10.0.0.5")).toBe("198.51.100.2");
    expect(await ipFor("1", "2001:db8::7", "10.0.0.5")).toBe("2001:db8::7");
  });

  it("with TRUST_PROXY but no usable X-Forwarded-For falls back to the socket", async () => {
    expect(await ipFor("1", null, "10.0.0.5")).toBe("10.0.0.5");
    expect(await ipFor("1", " , ,", "10.0.0.5")).toBe("10.0.0.5");
  });

  it("is unknown outside a request served by scripts/server.mjs (next dev, Vercel without TRUST_PROXY)", async () => {
    process.env.TRUST_PROXY = "0";
    vi.resetModules();
    const { clientIp } = await import("./client-info");
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4" }))).toBeNull();
  });
});
