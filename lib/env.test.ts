import { afterEach, describe, expect, it, vi } from "vitest";

// getEnv() validates once and caches: each case loads a fresh copy of the module with its own environment.
const PRODUCTION = {
  NODE_ENV: "production",
  AUTH_SECRET: "a-production-secret-0123456789abcdefghijkl",
  SMTP_URL: "smtp://127.0.0.1:2525",
  APP_URL: "https://accounts.example",
  TRUST_PROXY: "0",
  VERCEL: undefined,
};

async function envWith(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) vi.stubEnv(k, undefined as unknown as string);
    else vi.stubEnv(k, v);
  }
  vi.resetModules();
  return (await import("./env")).getEnv;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("production configuration that cannot be half right", () => {
  it("refuses to start without APP_URL, saying so", async () => {
    const getEnv = await envWith({ ...PRODUCTION, APP_URL: undefined });
    expect(() => getEnv()).toThrow(/APP_URL must be set in production/);
  });

  it("refuses to start on Vercel without TRUST_PROXY=1", async () => {
    const getEnv = await envWith({ ...PRODUCTION, VERCEL: "1" });
    expect(() => getEnv()).toThrow(/On Vercel, set TRUST_PROXY=1/);
    const trusting = await envWith({ ...PRODUCTION, VERCEL: "1", TRUST_PROXY: "1" });
    expect(trusting().TRUST_PROXY).toBe(true);
  });

  it("gives Auth.js APP_URL as its own URL (so X-Forwarded-Host and Host never decide it)", async () => {
    const getEnv = await envWith({
      ...PRODUCTION,
      APP_URL: "https://accounts.example/",
      AUTH_URL: "https://evil.example",
    });
    expect(getEnv().BASE_URL).toBe("https://accounts.example");
    expect(process.env.AUTH_URL).toBe("https://accounts.example");
  });

  it("names the new limits with their defaults", async () => {
    const env = (await envWith({}))();
    expect(env.LIMIT_REAUTH_ACCOUNT).toEqual({ count: 5, seconds: 900 });
    expect(env.LIMIT_EMAIL_CHANGE_ACCOUNT).toEqual({ count: 3, seconds: 3600 });
    expect(env.LIMIT_EMAIL_CHANGE_ADDRESS).toEqual({ count: 3, seconds: 3600 });
  });
});
