// AUTH_SECRET rotation and Auth.js's session cookie: a cookie encrypted under the old secret still opens
// when the new one is listed first, and what is written from then on is under the new one.
import { Writable } from "node:stream";
import { encode, decode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { SECRET_A as A, SECRET_B as B, configureSecrets, restoreSecretsAfterAll } from "@/vitest/secrets";

const SALT = "accounts.session"; // sessionCookieName(false): no https APP_URL in tests

restoreSecretsAfterAll();

/** This process as an instance configured with `secrets` (lib/env.ts caches the environment). */
async function instance(secrets: string) {
  configureSecrets(secrets);
  return { ...(await import("./session-cookie")), ...(await import("./endpoints")) };
}

const cookieUnder = (secret: string, sid: string) => encode({ token: { sid }, secret, salt: SALT, maxAge: 3600 });

/** Auth.js's own GET /api/auth/session with that cookie: the session it sees and the cookie it writes back. */
async function authJsSession(authEndpoint: (r: Request) => Promise<Response>, cookie: string) {
  const request = new Request("http://localhost:3000/api/auth/session", {
    headers: { cookie: `${SALT}=${cookie}` },
  });
  const response = await authEndpoint(request);
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SALT}=`));
  return { session: await response.json(), rewritten: setCookie?.slice(SALT.length + 1).split(";")[0] };
}

describe("the session cookie across an AUTH_SECRET rotation", () => {
  it("one written under A still opens under B,A, and Auth.js rewrites it under B", async () => {
    const old = await cookieUnder(A, "sid-under-a");
    const rotated = await instance(`${B},${A}`);
    expect(await rotated.sessionTokenIn(old)).toBe("sid-under-a");

    const { session, rewritten } = await authJsSession(rotated.authEndpoint, old);
    expect(session).toHaveProperty("expires");
    expect(rewritten).toBeTruthy();
    expect((await decode({ token: rewritten!, secret: B, salt: SALT }))?.sid).toBe("sid-under-a");
    await expect(decode({ token: rewritten!, secret: A, salt: SALT })).rejects.toThrow();
  });

  it("one written under B does not open on an instance that holds only A", async () => {
    const newer = await cookieUnder(B, "sid-under-b");
    const old = await instance(A);
    const lines: string[] = [];
    (await import("../log")).setLogDestination(
      new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }),
    );
    expect(await old.sessionTokenIn(newer)).toBeNull();
    expect((await authJsSession(old.authEndpoint, newer)).session).toBeNull();
    // Auth.js reports the cookie it could not read through our logger: one line, no cookie, no secret.
    for (const secret of [A, B, newer]) expect(lines.join("")).not.toContain(secret);
    expect(await (await instance(B)).sessionTokenIn(newer)).toBe("sid-under-b");
  });
});

describe("a cookie opened once", () => {
  it("opens again from memory until its exp (+15 s, Auth.js's tolerance), and not after", async () => {
    const { sessionTokenIn } = await instance(A);
    const start = Date.now();
    const cookie = await encode({ token: { sid: "sid-remembered" }, secret: A, salt: SALT, maxAge: 60 });
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    try {
      expect(await sessionTokenIn(cookie)).toBe("sid-remembered");
      vi.setSystemTime(start + 70_000); // past exp, within the tolerance
      expect(await sessionTokenIn(cookie)).toBe("sid-remembered");
      vi.setSystemTime(start + 80_000);
      expect(await sessionTokenIn(cookie)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("is forgotten when the secret that opened it is no longer listed", async () => {
    const cookie = await cookieUnder(A, "sid-rotated-out");
    expect(await (await instance(`${B},${A}`)).sessionTokenIn(cookie)).toBe("sid-rotated-out");
    expect(await (await instance(B)).sessionTokenIn(cookie)).toBeNull();
  });

  it("a cookie that does not open stays refused, and a tampered copy of a remembered one is refused", async () => {
    const { sessionTokenIn } = await instance(A);
    const cookie = await cookieUnder(A, "sid-tamper");
    expect(await sessionTokenIn(cookie)).toBe("sid-tamper");
    const tampered = cookie.slice(0, -2) + (cookie.endsWith("AA") ? "AB" : "AA");
    expect(await sessionTokenIn(tampered)).toBeNull();
    expect(await sessionTokenIn(tampered)).toBeNull();
    expect(await sessionTokenIn(cookie)).toBe("sid-tamper");
  });
});
