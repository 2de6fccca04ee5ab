import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, test } from "@playwright/test";
import { E2E_AUTH_SECRET, RUN_DIR } from "./helpers";
import { portFor } from "./servers";

const serverLog = () => readFileSync(path.join(RUN_DIR, "server.log"), "utf8");

test.describe("production configuration", () => {
  test("a server action posted from another site (forged Origin) is a 403 with a short message, logged as refused, not as an error", async ({
    request,
    baseURL,
  }) => {
    const marker = `/sign-in?probe=${Date.now()}`;
    for (const headers of <Record<string, string>[]>[
      { "next-action": "0123456789abcdef0123456789abcdef01234567", "content-type": "text/plain;charset=UTF-8" },
      { "content-type": "multipart/form-data; boundary=----x" },
    ]) {
      const res = await request.post(marker, {
        headers: { ...headers, origin: "https://evil.example" },
        data: "------x--\r\n",
        maxRedirects: 0,
      });
      expect(res.status()).toBe(403);
      expect(await res.text()).toMatch(/sent from another site/);
    }
    // The same request from this site is not refused by us (Next.js answers it as it always did).
    const sameSite = await request.post(marker, {
      headers: { "next-action": "0123456789abcdef0123456789abcdef01234567", origin: new URL(baseURL!).origin },
      data: "[]",
      maxRedirects: 0,
    });
    expect(sameSite.status()).not.toBe(403);
    await expect.poll(() => serverLog().includes('"msg":"refused cross-site request"')).toBe(true);
    const lines = serverLog()
      .split("\n")
      .filter((l) => l.includes("probe=") || l.includes("evil.example"));
    for (const line of lines) expect(line).not.toMatch(/"level":"error"|Invalid Server Actions request/);
  });

  test("Auth.js builds its URLs from APP_URL, never from X-Forwarded-Host", async ({ request, baseURL }) => {
    const res = await request.get("/api/auth/providers", {
      headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    });
    expect(res.status()).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("evil.example");
    // Next.js spells a loopback host "localhost" in request URLs; the port is APP_URL's.
    const port = new URL(baseURL!).port;
    expect(text).toMatch(
      new RegExp(`"signinUrl":"http://(127\\.0\\.0\\.1|localhost):${port}/api/auth/signin/credentials"`),
    );
  });

  test("under `next start` (no socket address, TRUST_PROXY off) it warns at start and on the first such request", async () => {
    test.setTimeout(120_000);
    const port = portFor(13);
    const child = spawn(
      process.execPath,
      ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
      {
        env: {
          ...process.env,
          NODE_ENV: "production",
          AUTH_SECRET: E2E_AUTH_SECRET,
          APP_URL: `http://127.0.0.1:${port}`,
          SMTP_URL: "smtp://127.0.0.1:1",
          DATABASE_URL: "",
          PGLITE_DIR: "memory://",
          TRUST_PROXY: "",
          BCRYPT_COST: "4",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    try {
      await expect.poll(() => output, { timeout: 60_000 }).toMatch(/"when":"start".*client addresses cannot be known/);
      let answered = false;
      for (let i = 0; i < 120 && !answered; i++) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/sessions`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ login: "nobody-here", password: "not a password" }),
          });
          answered = res.status === 401;
        } catch {
          await sleep(250);
        }
      }
      expect(answered).toBe(true);
      await expect
        .poll(() => output, { timeout: 10_000 })
        .toMatch(/"when":"first request".*client addresses cannot be known/);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
