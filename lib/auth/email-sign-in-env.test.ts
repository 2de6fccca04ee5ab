import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

async function withEnv(vars: Record<string, string>) {
  Object.assign(process.env, vars);
  vi.resetModules();
  return { env: (await import("../env")).getEnv, request: await import("./email-sign-in-request") };
}

describe("EMAIL_SIGN_IN and its limits", () => {
  it("is on by default, with 3/900 per address and 20/900 per client address", async () => {
    const { env } = await withEnv({ EMAIL_SIGN_IN: "" });
    expect(env()).toMatchObject({
      EMAIL_SIGN_IN: true,
      LIMIT_EMAIL_SIGN_IN_ADDRESS: { count: 3, seconds: 900 },
      LIMIT_EMAIL_SIGN_IN_IP: { count: 20, seconds: 900 },
    });
  });

  it("EMAIL_SIGN_IN=false turns it off: asking and confirming answer not_found", async () => {
    const { request } = await withEnv({ EMAIL_SIGN_IN: "false" });
    const client = { ip: "10.9.9.9", userAgent: null };
    expect(await request.requestEmailSignIn({ login: "someone" }, client)).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    const { confirmEmailSignInCode } = await import("./email-sign-in");
    expect(await confirmEmailSignInCode({ login: "someone", code: "12345678" }, "api", client)).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });

  it("a bad value stops start-up, naming the variable", async () => {
    const bad: Record<string, string>[] = [
      { EMAIL_SIGN_IN: "maybe" },
      { LIMIT_EMAIL_SIGN_IN_ADDRESS: "3" },
      { LIMIT_EMAIL_SIGN_IN_IP: "x/1" },
    ];
    for (const vars of bad) {
      const { env } = await withEnv(vars);
      expect(() => env()).toThrow(new RegExp(Object.keys(vars)[0]!));
      process.env = { ...saved };
    }
  });
});
