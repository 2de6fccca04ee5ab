import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

async function envWith(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  vi.resetModules();
  const { getEnv } = await import("./env");
  return getEnv;
}

const SECRET = "a-production-secret-0123456789abcdefghijkl";

describe("the environment", () => {
  it("in production refuses to start without SMTP_URL, saying so", async () => {
    const getEnv = await envWith({ NODE_ENV: "production", AUTH_SECRET: SECRET, SMTP_URL: undefined });
    expect(() => getEnv()).toThrow(/SMTP_URL must be set in production/);
  });

  it("in production starts with SMTP_URL and AUTH_SECRET", async () => {
    const getEnv = await envWith({
      NODE_ENV: "production",
      AUTH_SECRET: SECRET,
      SMTP_URL: "smtp://127.0.0.1:2525",
      APP_URL: "https://accounts.example",
    });
    expect(getEnv().SMTP_URL).toBe("smtp://127.0.0.1:2525");
  });

  it("refuses a database pool size that is not a number, naming the variable", async () => {
    const getEnv = await envWith({ DATABASE_POOL_MAX: "x" });
    expect(() => getEnv()).toThrow(/DATABASE_POOL_MAX/);
  });

  it("turns on Secure cookies for an https APP_URL", async () => {
    const getEnv = await envWith({ APP_URL: "https://accounts.example.com/" });
    expect(getEnv()).toMatchObject({ SECURE_COOKIES: true, BASE_URL: "https://accounts.example.com" });
  });
});

const PRODUCTION = {
  NODE_ENV: "production",
  AUTH_SECRET: SECRET,
  SMTP_URL: "smtp://127.0.0.1:2525",
  APP_URL: "https://accounts.example",
  TRUST_PROXY: "0",
  VERCEL: undefined,
};

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
