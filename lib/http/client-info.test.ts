import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { setLogDestination } from "../log";
import { clientAddressesKnown, clientIp } from "./client-info";

afterEach(() => setLogDestination());

describe("when client addresses cannot be known (no socket address, TRUST_PROXY off: `next start`)", () => {
  it("says so: not known, and a warning on the first such request only", () => {
    const lines: string[] = [];
    setLogDestination(new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }));
    expect(clientAddressesKnown()).toBe(false);
    const spoofed = new Headers({ "x-forwarded-for": "203.0.113.7" });
    expect(clientIp(spoofed)).toBeNull(); // X-Forwarded-For is still not believed
    expect(clientIp(spoofed)).toBeNull();
    const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l.level === "warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toMatch(/client addresses cannot be known/);
    expect(warnings[0].msg).toMatch(/TRUST_PROXY/);
  });
});
