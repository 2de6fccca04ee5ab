import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { E2E_AUTH_SECRET } from "./e2e/helpers";
import { E2E_SERVER_SETTINGS, RAISED_ADDRESS_LIMITS } from "./e2e/servers";
import { E2E_GITHUB, E2E_GOOGLE } from "./e2e/standins";

/**
 * End-to-end tests against the production build (`npm run build` first; scripts/test.sh does it),
 * served by scripts/server.mjs on a fresh PGlite directory. The server's log goes to a file that the
 * last project searches for secrets.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const runDir = path.resolve(process.env.E2E_RUN_DIR ?? ".data/e2e");
const baseURL = `http://127.0.0.1:${port}`;
const smtpPort = port + 22;
// The redirect URIs "registered" at the GitHub and Google stand-ins: any other is refused there.
const ghBack = `${baseURL}/api/auth/callback/github`;
const gBack = `${baseURL}/api/auth/callback/google`;
/** The real OpenID provider the identity-provider specs sign in against (e2e/oidc-provider.mjs). */
const oidcPort = port + 90;
/** Each process the run starts ends when the runner does, even when the runner is killed (e2e/exit-with-parent.mjs). */
const EXIT_WITH_RUNNER = "--import ./e2e/exit-with-parent.mjs";

/** The specs whose tests take longest (from a CI log: 20–60 s each on a quiet 2-core machine). */
const LONG_SPECS = /\/(a11y|webhooks-delivery|mfa-budget|hostile|api-docs)\.spec\.ts$/;
/**
 * The other specs with a test of 36 s or more in a full run at load 15 (about 15–35 s on a quiet machine): taken
 * after `long`, before the rest, so the run ends on short tests. In file order, two-factor, sign-in-defences,
 * production-config and outbox came last, and one worker ran their 36–77 s tests while the others had nothing.
 */
const MEDIUM_SPECS =
  /\/(outbox|follows|production-config|admin|two-factor|org-posts|organizations|access-and-export|admin-cli|sign-in-defences)\.spec\.ts$/;
/**
 * Specs that time the server (no answer held open past 5 s while PostgreSQL is down) and so run after every
 * other spec, with nothing beside them but each other: amid three workers' load a sign-up there took 10–20 s.
 */
const ALONE_SPECS = /\/outage-load\.spec\.ts$/;

/**
 * The browser: CHROMIUM_PATH, else Debian's headless shell, else Debian's Chromium, else Playwright's own. The
 * headless shell is what Playwright itself runs headless tests in (the same Blink without the desktop browser
 * around it): "every signed-out page, at 1280 px", 1 worker, took 31.0 and 24.4 Chromium CPU s in the full
 * browser, 20.3, 15.5 and 21.6 in the shell, and Chromium is two thirds of the suite's CPU.
 */
function chromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const bin of ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"]) if (existsSync(bin)) return bin;
  return undefined; // Playwright's own browser
}

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: true,
  // Three workers on CI's 2 cores: much of a spec's time is spent waiting (a lease running out, a server of its
  // own starting, a rate-limit window, mail arriving), and two workers left the cores idle meanwhile.
  // `npm test -- --workers=N` overrides it.
  workers: process.env.CI ? 3 : undefined,
  retries: 0,
  reporter: [["list"]],
  timeout: 60_000,
  // A page's or an answer's expected state may take longer than expect's 5 s when the machine is busy (a
  // sign-in at bcrypt cost 10 on a server of a spec's own took over 5 s at load 20): waits end as soon as
  // the state is reached, so only a failure takes longer.
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    // A failed test's trace keeps its actions (with their locators and errors), network and console. Recording
    // the screencast and a DOM snapshot of every action of every test (thrown away when it passes) cost CPU the
    // 2 cores need: the screencast ~1 min of the suite, the snapshots ~15% of a test's Chromium and runner CPU
    // (BENCHMARKS.md, "H4"). A failure that needs the DOM is run again locally with `--trace on`.
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: false },
    launchOptions: {
      executablePath: chromium(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // Workers take tests in project order, then file order: the specs with the longest tests (a minute of audits,
  // a lease waited out) go first, then those with tests of half a minute, so none of them is left running alone at
  // the end of the run; then the timed outage (ALONE_SPECS), then the log audit, which reads every server's log.
  projects: [
    { name: "long", testMatch: LONG_SPECS, use: { ...devices["Desktop Chrome"] } },
    { name: "medium", testMatch: MEDIUM_SPECS, use: { ...devices["Desktop Chrome"] } },
    {
      name: "chromium",
      testIgnore: [/log-audit/, LONG_SPECS, MEDIUM_SPECS, ALONE_SPECS],
      use: { ...devices["Desktop Chrome"] },
    },
    {
      name: "alone",
      testMatch: ALONE_SPECS,
      dependencies: ["long", "medium", "chromium"],
      use: { ...devices["Desktop Chrome"] },
    },
    { name: "log-audit", testMatch: /log-audit\.spec\.ts/, dependencies: ["alone"] },
  ],
  webServer: [
    {
      // A real SMTP server on loopback: every message the app sends lands in runDir/mail as JSON.
      command: `exec node ${EXIT_WITH_RUNNER} scripts/mail-sink.mjs ${smtpPort} "${path.join(runDir, "mail")}"`,
      port: smtpPort,
      reuseExistingServer: false,
    },
    // Stand-ins for GitHub's and Google's endpoints (e2e/standins.ts).
    {
      command: [
        `exec node ${EXIT_WITH_RUNNER} e2e/github-standin.mjs`,
        port + 96,
        E2E_GITHUB.clientId,
        E2E_GITHUB.clientSecret,
        ghBack,
      ].join(" "),
      url: `${E2E_GITHUB.url}/_standin/health`,
      reuseExistingServer: false,
      env: { STANDIN_SECRETS_FILE: path.join(runDir, "secrets.txt") },
    },
    {
      command: [
        `exec node ${EXIT_WITH_RUNNER} e2e/google-standin.mjs`,
        port + 97,
        E2E_GOOGLE.clientId,
        E2E_GOOGLE.clientSecret,
        gBack,
      ].join(" "),
      url: `${E2E_GOOGLE.url}/_standin/health`,
      reuseExistingServer: false,
      env: { STANDIN_SECRETS_FILE: path.join(runDir, "secrets.txt") },
    },
    {
      // e2e/passwordless.spec.ts's own server (E2E_PORT + 78) uses the same client.
      command: `exec node ${EXIT_WITH_RUNNER} e2e/oidc-provider.mjs ${oidcPort} ${baseURL} http://127.0.0.1:${port + 78}`,
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
    },
    {
      command: `mkdir -p "${runDir}" && exec node ${EXIT_WITH_RUNNER} scripts/server.mjs >> "${runDir}/server.log" 2>&1`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        NODE_ENV: "production",
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        PGLITE_DIR: path.join(runDir, "pglite"),
        DATABASE_URL: "",
        AUTH_SECRET: E2E_AUTH_SECRET,
        APP_URL: baseURL,
        // bcrypt at cost 4 and the passkey-options limits out of the way, as on the specs' own servers.
        ...E2E_SERVER_SETTINGS,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_FROM: "Accounts <no-reply@accounts.test>",
        // Every spec shares this server and reaches it from 127.0.0.1: the per-address limits are raised
        // so parallel specs do not trip them; the per-account limits keep their defaults (e2e/limits.spec.ts).
        ...RAISED_ADDRESS_LIMITS,
        // e2e/email-sign-in.spec.ts asks about 15 times, and hostile.spec.ts's random bodies to every route can add
        // more (any with a well-formed login counts): past the default 20 in 15 minutes its last three asks met
        // "Too many attempts" in a full run.
        LIMIT_EMAIL_SIGN_IN_IP: "1000/900",
        OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
        OIDC_CLIENT_ID: "accounts-e2e",
        OIDC_CLIENT_SECRET: "accounts-e2e-secret",
        OIDC_NAME: "Test ID",
        // The real endpoints replaced by the stand-ins (allowed only because APP_URL and they are loopback).
        AUTH_GITHUB_ID: E2E_GITHUB.clientId,
        AUTH_GITHUB_SECRET: E2E_GITHUB.clientSecret,
        AUTH_GITHUB_TEST_URL: E2E_GITHUB.url,
        AUTH_GOOGLE_ID: E2E_GOOGLE.clientId,
        AUTH_GOOGLE_SECRET: E2E_GOOGLE.clientSecret,
        AUTH_GOOGLE_TEST_ISSUER: E2E_GOOGLE.url,
      },
    },
  ],
});
