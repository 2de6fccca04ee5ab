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

const PRODUCTION = {
  NODE_ENV: "production",
  AUTH_SECRET: "a-production-secret-0123456789abcdefghijkl",
  SMTP_URL: "smtp://127.0.0.1:2525",
};

describe("the GitHub and Google test endpoints", () => {
  it("are honoured on a loopback server with a loopback stand-in (the e2e server runs in production)", async () => {
    const getEnv = await envWith({
      ...PRODUCTION,
      APP_URL: "http://127.0.0.1:5800",
      AUTH_GITHUB_TEST_URL: "http://127.0.0.1:5896/",
      AUTH_GOOGLE_TEST_ISSUER: "http://localhost:5897",
    });
    expect(getEnv()).toMatchObject({
      AUTH_GITHUB_TEST_URL: "http://127.0.0.1:5896",
      AUTH_GOOGLE_TEST_ISSUER: "http://localhost:5897",
    });
  });

  it("stop start-up, naming the variable, on a server with a public APP_URL", async () => {
    const getEnv = await envWith({
      ...PRODUCTION,
      APP_URL: "https://accounts.example",
      AUTH_GITHUB_TEST_URL: "http://127.0.0.1:5896",
    });
    expect(() => getEnv()).toThrow(/AUTH_GITHUB_TEST_URL.*APP_URL is not a loopback/);
  });

  it("stop start-up, naming the variable, when they point anywhere but loopback", async () => {
    for (const value of ["https://evil.example", "http://127.0.0.1.evil.example", "ftp://127.0.0.1", "nonsense"]) {
      const getEnv = await envWith({ APP_URL: "http://127.0.0.1:3000", AUTH_GOOGLE_TEST_ISSUER: value });
      expect(() => getEnv(), value).toThrow(/AUTH_GOOGLE_TEST_ISSUER.*loopback URL/);
    }
  });

  it("are ignored when blank", async () => {
    const getEnv = await envWith({ ...PRODUCTION, APP_URL: "https://accounts.example", AUTH_GITHUB_TEST_URL: " " });
    expect(getEnv().AUTH_GITHUB_TEST_URL).toBeUndefined();
  });
});
