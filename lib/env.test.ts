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
    const getEnv = await envWith({ NODE_ENV: "production", AUTH_SECRET: SECRET, SMTP_URL: "smtp://127.0.0.1:2525" });
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
