import { expect, type Page } from "@playwright/test";

/**
 * The GitHub and Google stand-ins (e2e/github-standin.mjs at E2E_PORT + 96, e2e/google-standin.mjs at
 * E2E_PORT + 97), started by playwright.config.ts; the server reaches them through the test-only
 * AUTH_GITHUB_TEST_URL / AUTH_GOOGLE_TEST_ISSUER (lib/provider-test-endpoints.ts).
 */
const port = Number(process.env.E2E_PORT ?? 3100);
export const E2E_GITHUB = {
  url: `http://127.0.0.1:${port + 96}`,
  clientId: "e2e-github-client",
  clientSecret: "e2e-github-secret",
};
export const E2E_GOOGLE = {
  url: `http://127.0.0.1:${port + 97}`,
  clientId: "e2e-google-client",
  clientSecret: "e2e-google-secret",
};

let counter = 0;
const fresh = (prefix: string) =>
  `${prefix}${Date.now().toString(36)}${process.pid.toString(36)}${(counter++).toString(36)}`;

/** A new GitHub person at the stand-in: one primary address, verified or not. */
export async function newGitHubPerson(opts: { email?: string; verified?: boolean; publicEmail?: boolean } = {}) {
  const login = fresh("gh-");
  const email = opts.email ?? `${login}@example.com`;
  const res = await fetch(`${E2E_GITHUB.url}/_standin/users`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      login,
      name: `GitHub ${login}`,
      publicEmail: opts.publicEmail === false ? null : email,
      emails: [{ email, primary: true, verified: opts.verified ?? true }],
    }),
  });
  expect(res.status).toBe(201);
  return { ...((await res.json()) as { id: number; login: string }), email };
}

/** A new Google person at the stand-in. */
export async function newGooglePerson(opts: { email?: string; verified?: boolean } = {}) {
  const login = fresh("g-");
  const email = opts.email ?? `${login}@example.com`;
  const res = await fetch(`${E2E_GOOGLE.url}/_standin/users`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login, email, emailVerified: opts.verified ?? true, name: `Google ${login}` }),
  });
  expect(res.status).toBe(201);
  return { ...((await res.json()) as { sub: string; login: string }), email };
}

/** On a stand-in's consent page: type the login and authorize (or cancel). */
export async function answerStandin(page: Page, login: string, decision: "Authorize" | "Cancel" = "Authorize") {
  await page.getByLabel("Login").fill(login);
  await page.getByRole("button", { name: decision }).click();
}
