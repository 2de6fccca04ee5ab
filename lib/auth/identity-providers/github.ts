import type { OAuthConfig } from "next-auth/providers";
import type { Env } from "../../env";
import type { IdentityProvider } from "./index";
import { asAuthUser, providerProfile, type AuthUserWithProfile, type ProviderProfile } from "./profile";

/**
 * GitHub as an identity provider (`AUTH_GITHUB_ID`, `AUTH_GITHUB_SECRET`): plain OAuth 2, not OpenID Connect,
 * so no ID token, no nonce and no `auth_time` (re-authentication through GitHub is not offered). Checks: PKCE
 * (S256) and `state` on every authorization request. The identity is GitHub's numeric user id as text: a login
 * can be renamed and then taken by someone else; the id never changes.
 *
 * The email: `/user` shows only the *public* address, and the primary address may be unverified, so
 * `/user/emails` (scope `user:email`) decides. The primary address is used, and it counts as verified only when
 * that list says `verified: true` for it. Without the list (scope refused, an error) the public address is kept,
 * unverified. An unverified address never reaches someone else's account (lib/auth/identity-sign-in.ts).
 *
 * `AUTH_GITHUB_TEST_URL` (tests only; lib/provider-test-endpoints.ts says when it is honoured) replaces both
 * https://github.com and https://api.github.com with a local stand-in (e2e/github-standin.mjs).
 */
const GITHUB = "https://github.com";
const GITHUB_API = "https://api.github.com";
/** GitHub answers in well under a second; a hung API must not hold the callback for ever. */
const API_TIMEOUT_MS = 10_000;

/** What the callback keeps of `/user` and `/user/emails` (githubProfile checks both). */
export type GitHubAnswers = { user: unknown; emails: unknown };

export function githubProvider(env: Env): IdentityProvider | null {
  if (!env.AUTH_GITHUB_ID || !env.AUTH_GITHUB_SECRET) return null;
  const web = env.AUTH_GITHUB_TEST_URL ?? GITHUB;
  const api = env.AUTH_GITHUB_TEST_URL ?? GITHUB_API;
  const config: OAuthConfig<GitHubAnswers> = {
    id: "github",
    name: "GitHub",
    type: "oauth",
    clientId: env.AUTH_GITHUB_ID,
    clientSecret: env.AUTH_GITHUB_SECRET,
    // GitHub sends no `iss` in its callback; this only names it in Auth.js's checks.
    issuer: `${web}/login/oauth`,
    checks: ["pkce", "state"],
    authorization: { url: `${web}/login/oauth/authorize`, params: { scope: "read:user user:email" } },
    token: `${web}/login/oauth/access_token`,
    userinfo: {
      url: `${api}/user`,
      async request({ tokens }: { tokens: { access_token?: string } }): Promise<GitHubAnswers> {
        const accessToken = tokens.access_token;
        if (!accessToken) throw new Error("github: the token answer has no access token");
        const user = await getJson(`${api}/user`, accessToken);
        if (user === undefined) throw new Error("github: /user did not answer 200 with JSON");
        // The scope refused, an outage: the emails stay unknown, and so unverified.
        const emails = await getJson(`${api}/user/emails`, accessToken).catch(() => undefined);
        return { user, emails };
      },
    },
    profile(answers): AuthUserWithProfile {
      return asAuthUser(githubProfile(answers.user, answers.emails));
    },
  };
  return {
    id: "github",
    name: "GitHub",
    config,
    // GitHub cannot be made to ask for the password again; it can show its account picker.
    freshSignInParams: { prompt: "select_account" },
    reportsAuthTime: false,
  };
}

/** An answer larger than this is refused: /user and /user/emails are a few kilobytes. */
const MAX_ANSWER_BYTES = 256 * 1024;

/** GET with the access token (never logged): the JSON of a 200 of bounded size, else undefined. */
async function getJson(url: string, accessToken: string): Promise<unknown> {
  const res = await fetch(url, {
    headers: {
      Authorization: `Bearer ${accessToken}`,
      Accept: "application/vnd.github+json",
      "User-Agent": "accounts",
      "X-GitHub-Api-Version": "2022-11-28",
    },
    signal: AbortSignal.timeout(API_TIMEOUT_MS),
    redirect: "error",
  });
  if (res.status !== 200 || !res.body) {
    await res.body?.cancel();
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    size += part.value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new Error(`github: ${new URL(url).pathname} answered more than 256 KiB`);
    }
    chunks.push(part.value);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

type EmailEntry = { email: string; primary: boolean; verified: boolean };

function emailEntries(emails: unknown): EmailEntry[] {
  if (!Array.isArray(emails)) return [];
  return emails.slice(0, 100).flatMap((e: unknown) => {
    if (typeof e !== "object" || e === null) return [];
    const { email, primary, verified } = e as Record<string, unknown>;
    if (typeof email !== "string") return [];
    return [{ email: email.trim().toLowerCase(), primary: primary === true, verified: verified === true }];
  });
}

/**
 * GitHub's `/user` and `/user/emails` answers as our profile. Throws when `/user` has no positive integer `id`
 * (Auth.js then ends the callback with an error; no one is signed in).
 */
export function githubProfile(user: unknown, emails: unknown): ProviderProfile {
  if (typeof user !== "object" || user === null) throw new Error("github: /user is not an object");
  const u = user as Record<string, unknown>;
  if (typeof u.id !== "number" || !Number.isSafeInteger(u.id) || u.id <= 0) {
    throw new Error("github: /user has no numeric id");
  }
  const listed = emailEntries(emails);
  const primary = listed.find((e) => e.primary);
  const publicAddress = typeof u.email === "string" ? u.email.trim().toLowerCase() : null;
  const email = primary?.email ?? publicAddress;
  const emailVerified = email !== null && listed.some((e) => e.email === email && e.verified);
  return providerProfile({
    provider: "github",
    subject: String(u.id),
    email,
    emailVerified,
    preferredUsername: u.login,
    name: u.name ?? u.login,
    image: u.avatar_url,
    authTime: null,
  });
}
