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

  it("publishes the environment it validated, for proxy.ts (lib/env-published.ts), and nothing it refused", async () => {
    const refused = await envWith({ NODE_ENV: "production", AUTH_SECRET: SECRET, SMTP_URL: undefined });
    const { publishedEnv } = await import("./env-published");
    const before = publishedEnv();
    expect(() => refused()).toThrow();
    expect(publishedEnv()).toBe(before); // a refused environment is never published
    const getEnv = await envWith({
      NODE_ENV: "production",
      AUTH_SECRET: SECRET,
      SMTP_URL: "smtp://127.0.0.1:2525",
      APP_URL: "https://accounts.example",
    });
    const env = getEnv();
    const { publishedEnv: published } = await import("./env-published");
    expect(published()).toBe(env);
    expect(published()?.SECURE_COOKIES).toBe(true);
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

describe("AUTH_SECRET: one secret, or several newest first (rotation)", () => {
  const NEW = "the-newest-secret-0123456789abcdefghijklmn";
  const OLD = "the-older-secret-0123456789abcdefghijklmno";

  it("lists the secrets newest first, trimmed; one secret is a list of one", async () => {
    expect((await envWith({ ...PRODUCTION, AUTH_SECRET: ` ${NEW} ,\t${OLD} ` }))().AUTH_SECRETS).toEqual([NEW, OLD]);
    expect((await envWith({ ...PRODUCTION, AUTH_SECRET: SECRET }))().AUTH_SECRETS).toEqual([SECRET]);
    expect((await envWith({ ...PRODUCTION, AUTH_SECRET: `${NEW},${NEW}` }))().AUTH_SECRETS).toEqual([NEW]);
    expect((await envWith({ ...PRODUCTION }))()).not.toHaveProperty("AUTH_SECRET");
  });

  it.each([
    [`${NEW},,${OLD}`, /AUTH_SECRET has an empty entry \(secret 2 of 3, counting from the newest\)/],
    [`${NEW},`, /AUTH_SECRET has an empty entry \(secret 2 of 2/],
    [`, ${NEW}`, /AUTH_SECRET has an empty entry \(secret 1 of 2/],
    [`${NEW},too-short-0123456789`, /at least 32 characters in production for every secret in its list: secret 2/],
  ])("refuses %j in production, naming the entry and never its value", async (value, message) => {
    const getEnv = await envWith({ ...PRODUCTION, AUTH_SECRET: value });
    expect(() => getEnv()).toThrow(message);
    try {
      getEnv();
    } catch (error) {
      expect((error as Error).message).not.toContain(NEW);
      expect((error as Error).message).not.toContain("too-short");
    }
  });

  it("refuses a malformed list in development too (only an unset one is generated there)", async () => {
    const getEnv = await envWith({ NODE_ENV: "development", AUTH_SECRET: `${NEW},short` });
    expect(() => getEnv()).toThrow(/AUTH_SECRET must be set to at least 32 characters for every secret/);
    const single = await envWith({ NODE_ENV: "development", AUTH_SECRET: "short" });
    expect(() => single()).toThrow(/AUTH_SECRET must be set to at least 32 characters \(generate/);
  });
});

describe("the identity providers' variables", () => {
  const PROD = { NODE_ENV: "production", AUTH_SECRET: SECRET, SMTP_URL: "smtp://127.0.0.1:2525" };
  const OIDC = { OIDC_CLIENT_ID: "client", OIDC_CLIENT_SECRET: "secret" };
  /** Each case on its own: the saved environment plus `vars`. */
  const only = (vars: Record<string, string | undefined>) => {
    process.env = { ...saved };
    return envWith(vars);
  };

  it("have their defaults, and no provider when unset", async () => {
    const env = (await only({ OIDC_ISSUER: undefined, OIDC_NAME: undefined, OIDC_ALLOW_SIGNUP: undefined }))();
    expect(env.OIDC_ISSUER).toBeUndefined();
    expect(env).toMatchObject({
      OIDC_NAME: "Single sign-on",
      OIDC_SCOPES: "openid email profile",
      OIDC_ALLOW_SIGNUP: true,
      OIDC_LINK_VERIFIED_EMAIL: false,
    });
  });

  it("in production refuse an http issuer, naming OIDC_ISSUER, but allow a loopback one", async () => {
    const bad = await only({ ...PROD, APP_URL: "https://a.example", OIDC_ISSUER: "http://idp.example", ...OIDC });
    expect(() => bad()).toThrow(/OIDC_ISSUER: must be an https:\/\/ URL in production/);
    const loopback = await only({
      ...PROD,
      APP_URL: "https://a.example",
      OIDC_ISSUER: "http://127.0.0.1:9000",
      ...OIDC,
    });
    expect(loopback().OIDC_ISSUER).toBe("http://127.0.0.1:9000");
  });

  it("refuse a bad flag, a bad issuer, scopes without openid, and a provider half set, naming the variable", async () => {
    expect(await only({ OIDC_ALLOW_SIGNUP: "yes" })).toThrow(/OIDC_ALLOW_SIGNUP/);
    expect(await only({ OIDC_LINK_VERIFIED_EMAIL: "maybe" })).toThrow(/OIDC_LINK_VERIFIED_EMAIL/);
    expect(await only({ OIDC_ISSUER: "not a url", ...OIDC })).toThrow(/OIDC_ISSUER/);
    expect(await only({ OIDC_ISSUER: "https://idp.example", ...OIDC, OIDC_SCOPES: "email" })).toThrow(/OIDC_SCOPES/);
    expect(await only({ OIDC_ISSUER: "https://idp.example", OIDC_CLIENT_ID: "c" })).toThrow(
      /OIDC_CLIENT_SECRET: must be set together/,
    );
    expect(await only({ AUTH_GITHUB_ID: "x", AUTH_GITHUB_SECRET: undefined })).toThrow(/AUTH_GITHUB_SECRET/);
  });
});
