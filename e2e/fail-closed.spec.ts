import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";
import { E2E_AUTH_SECRET, remember, signInWithForm, signUpApi, tokenFor } from "./helpers";

/** Starts the production server (the build must exist) and waits for it to stop. */
function startServer(env: Record<string, string | undefined>, timeoutMs = 30_000) {
  return new Promise<{ code: number | null; output: string; ms: number }>((resolve, reject) => {
    const started = Date.now();
    const childEnv = {} as NodeJS.ProcessEnv;
    for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) childEnv[k] = v;
    const child = spawn(process.execPath, ["scripts/server.mjs"], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the server was still running after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Date.now() - started });
    });
  });
}

test.describe("fail closed", () => {
  for (const [name, secret] of [
    ["no AUTH_SECRET", undefined],
    ["a short AUTH_SECRET", "short-secret-value"],
  ] as const) {
    test(`the production server refuses to start with ${name}`, async () => {
      const run = await startServer({
        NODE_ENV: "production",
        AUTH_SECRET: secret,
        PORT: "0",
        HOSTNAME: "127.0.0.1",
        DATABASE_URL: "",
        PGLITE_DIR: "memory://",
      });
      console.log(`server with ${name} exited with ${run.code} after ${run.ms} ms`);
      expect(run.code).not.toBe(0);
      expect(run.code).not.toBeNull();
      expect(run.output).toContain("AUTH_SECRET must be set to at least 32 characters in production");
      // It never opened its port: the environment is checked before the server listens.
      expect(run.output).not.toContain('"msg":"listening"');
      if (secret) expect(run.output).not.toContain(secret);
    });
  }

  test("the production server refuses to start without SMTP_URL", async () => {
    const run = await startServer({
      NODE_ENV: "production",
      AUTH_SECRET: E2E_AUTH_SECRET,
      SMTP_URL: "",
      PORT: "0",
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: "",
      PGLITE_DIR: "memory://",
    });
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.output).toContain("SMTP_URL must be set in production");
    expect(run.output).not.toContain('"msg":"listening"');
  });

  test("a session cookie encrypted with another secret, or holding an API token, is a signed-out visitor", async ({
    page,
    request,
    baseURL,
  }) => {
    const { person } = await signUpApi(request);
    // A real browser session: its cookie is accepted ...
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByText(`@${person.username}`).first()).toBeVisible();
    const cookie = (await page.context().cookies()).find((c) => c.name === "accounts.session")!;
    const sid = (await decode({ token: cookie.value, secret: E2E_AUTH_SECRET, salt: "accounts.session" }))!
      .sid as string;
    remember(sid);
    const sealed = async (token: string, secret: string) => [
      {
        name: "accounts.session",
        value: await encode({ token: { sid: token }, secret, salt: "accounts.session", maxAge: 3600 }),
        url: baseURL!,
        httpOnly: true,
      },
    ];
    const expectSignedOut = async () => {
      const res = await page.goto("/account");
      expect(res?.status()).toBe(200);
      await expect(page).toHaveURL(/\/sign-in\?callbackUrl=(%2F|\/)account$/);
      await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
    };

    // ... the same session sealed with any other secret is nobody ...
    await page.context().clearCookies();
    await page.context().addCookies(await sealed(sid, "another-secret-0123456789abcdefghijklmnopqrstuvwxyz"));
    await expectSignedOut();

    // ... and so is a live API token sealed with the right secret: only browser sessions count in a cookie.
    const apiToken = await tokenFor(request, person.username, person.password);
    await page.context().clearCookies();
    await page.context().addCookies(await sealed(apiToken, E2E_AUTH_SECRET));
    await expectSignedOut();
    expect((await request.get("/api/users/me", { headers: { authorization: `Bearer ${apiToken}` } })).status()).toBe(
      200,
    );
  });
});
