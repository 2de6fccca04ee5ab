import { Auth } from "@auth/core";
import Credentials from "@auth/core/providers/credentials";
import { describe, expect, it } from "vitest";
import { baseAuthConfig } from "../auth/config";
import { onOrigin } from "./on-origin";

const APP = "http://127.0.0.1:3902";
const FORGED = { host: "localhost:3902", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

describe("onOrigin", () => {
  it("moves the path and query onto the base's origin, keeping method, headers and body", async () => {
    const request = new Request("http://localhost:3902/api/auth/callback/credentials?x=1&y=%2F", {
      method: "POST",
      headers: { ...FORGED, cookie: "a=b", "content-type": "application/x-www-form-urlencoded" },
      body: "login=someone&password=secret",
    });
    const moved = onOrigin(request, `${APP}/ignored/path`);
    expect(moved.url).toBe(`${APP}/api/auth/callback/credentials?x=1&y=%2F`);
    expect(moved.method).toBe("POST");
    expect(moved.headers.get("cookie")).toBe("a=b");
    expect(await moved.text()).toBe("login=someone&password=secret");
  });

  it("carries no body for a GET", () => {
    const moved = onOrigin(new Request("http://10.0.0.7:8080/api/auth/session"), "https://accounts.example");
    expect(moved.url).toBe("https://accounts.example/api/auth/session");
    expect(moved.body).toBeNull();
  });

  // What lib/auth/endpoints.ts relies on: Auth.js writes its URLs from the request's origin, so a request
  // moved onto APP_URL's origin gets APP_URL's URLs back, whatever Host or X-Forwarded-Host it carried.
  it("hands Auth.js a request whose URLs come back on APP_URL's origin", async () => {
    const config = {
      ...baseAuthConfig({ secrets: ["a-test-secret-0123456789abcdefghijklmnop"], secure: false, maxAgeSeconds: 3600 }),
      basePath: "/api/auth",
      providers: [Credentials({ credentials: { login: {} }, authorize: () => null })],
    };
    const from = new Request("http://localhost:3902/api/auth/signin?callbackUrl=%2Faccount", { headers: FORGED });
    const signin = await Auth(onOrigin(from, APP), config);
    expect(signin.status).toBe(302);
    expect(signin.headers.get("location")).toBe(`/sign-in?callbackUrl=${encodeURIComponent(`${APP}/account`)}`);
    const cookie = signin.headers.getSetCookie().find((c) => c.startsWith("authjs.callback-url="))!;
    expect(decodeURIComponent(cookie.split(";")[0]!.split("=")[1]!)).toBe(`${APP}/account`);

    const providers = await Auth(
      onOrigin(new Request("http://localhost:3902/api/auth/providers", { headers: FORGED }), APP),
      config,
    );
    const urls = Object.values((await providers.json()) as Record<string, { signinUrl: string; callbackUrl: string }>);
    expect(urls).toHaveLength(1);
    for (const p of urls) expect([new URL(p.signinUrl).origin, new URL(p.callbackUrl).origin]).toEqual([APP, APP]);
  });
});
