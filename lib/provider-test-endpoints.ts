import { z } from "zod";

/**
 * Test-only replacements for the GitHub and Google endpoints, so the presets can be exercised against local
 * stand-ins (e2e/github-standin.mjs, e2e/google-standin.mjs):
 *
 * - `AUTH_GITHUB_TEST_URL` replaces both https://github.com and https://api.github.com;
 * - `AUTH_GOOGLE_TEST_ISSUER` replaces the issuer https://accounts.google.com (its discovery document names the
 *   rest).
 *
 * Each is honoured only when it is a loopback URL (`http://127.0.0.1:…`, `http://localhost:…`, `http://[::1]:…`)
 * **and** the app's own base URL (APP_URL) is loopback too, i.e. a server nobody else can reach. Anything else
 * stops start-up naming the variable: a deployment can never be pointed at another "GitHub" by its environment,
 * and a set variable is never silently ignored.
 */
export const providerTestEndpointsSchema = {
  AUTH_GITHUB_TEST_URL: z
    .string()
    .optional()
    .transform((v) => v?.trim().replace(/\/+$/, "") || undefined),
  AUTH_GOOGLE_TEST_ISSUER: z
    .string()
    .optional()
    .transform((v) => v?.trim().replace(/\/+$/, "") || undefined),
};

type Endpoints = { AUTH_GITHUB_TEST_URL?: string | undefined; AUTH_GOOGLE_TEST_ISSUER?: string | undefined };

export function isLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (url.username || url.password || url.search || url.hash) return false;
  return url.hostname === "localhost" || url.hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(url.hostname);
}

/** Throws (naming the variable) unless every set test endpoint may be honoured on a server at `baseUrl`. */
export function checkProviderTestEndpoints(env: Endpoints, baseUrl: string): void {
  for (const name of ["AUTH_GITHUB_TEST_URL", "AUTH_GOOGLE_TEST_ISSUER"] as const) {
    const value = env[name];
    if (value === undefined) continue;
    if (!isLoopbackUrl(value)) {
      throw new Error(`${name} is for tests only and must be a loopback URL such as http://127.0.0.1:4000.`);
    }
    if (!isLoopbackUrl(baseUrl)) {
      throw new Error(`${name} is for tests only: it is refused when APP_URL is not a loopback address.`);
    }
  }
}
