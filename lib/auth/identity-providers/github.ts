import type { OAuthConfig } from "next-auth/providers";
import { address, httpsUrl, text } from "./claims";
import type { ProviderProfile } from "./profile";

/**
 * GitHub as an identity provider (plain OAuth 2, not OpenID Connect: no ID token, no nonce). The identity is
 * GitHub's numeric user id as text (a login can be renamed and then taken by someone else; the id never
 * changes). Checks: PKCE (S256) and `state` on every authorization request.
 *
 * The email: GitHub's `/user` shows only the *public* address, and the primary address may be unverified, so
 * `/user/emails` (scope `user:email`) decides. The primary address is used; it counts as verified only when that
 * list says `verified: true` for it. If the list cannot be read, the public address is kept as unverified. An
 * unverified address is never used to reach someone else's account (lib/auth/identity-sign-in.ts).
 *
 * `baseUrl` replaces both https://github.com and https://api.github.com: for the local stand-in in tests only
 * (lib/auth/identity-providers/test-endpoints.ts decides when it is honoured).
 */
export type GitHubOptions = { clientId: string; clientSecret: string; baseUrl?: string | undefined };

const GITHUB = "https://github.com";
const GITHUB_API = "https://api.github.com";
/** GitHub answers in well under a second; a hung API must not hold the callback for ever. */
const API_TIMEOUT_MS = 10_000;

/** What the callback keeps of `/user` and `/user/emails` (the raw answers are checked in githubProfile). */
export type GitHubRawProfile = { user: unknown; emails: unknown };

export function github(options: GitHubOptions): OAuthConfig<GitHubRawProfile> {
  const web = options.baseUrl ?? GITHUB;
  const api = options.baseUrl ?? GITHUB_API;
  return {
    id: "github",
    name: "GitHub",
    type: "oauth",
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    // GitHub sends no `iss` in its callback; this only names it in Auth.js's checks.
    issuer: `${web}/login/oauth`,
    checks: ["pkce", "state"],
    authorization: { url: `${web}/login/oauth/authorize`, params: { scope: "read:user user:email" } },
    token: `${web}/login/oauth/access_token`,
    userinfo: {
      url: `${api}/user`,
      async request({ tokens }: { tokens: { access_token?: string } }) {
        const accessToken = tokens.access_token;
        if (!accessToken) throw new Error("GitHub gave no access token");
        const user = await getJson(`${api}/user`, accessToken);
        if (user === undefined) throw new Error("GitHub's /user did not answer 200");
        // Missing scope, an outage: the emails stay unknown, and so unverified.
        const emails = await getJson(`${api}/user/emails`, accessToken).catch(() => undefined);
        return { user, emails };
      },
    },
    profile(raw) {
      const profile = githubProfile(raw.user, raw.emails);
      return { id: profile.subject, name: profile.name, email: profile.email, image: profile.image, profile };
    },
  };
}

/** GET with the access token; undefined unless 200 with JSON. The token never reaches a log line. */
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
  if (res.status !== 200) {
    await res.body?.cancel();
    return undefined;
  }
  return res.json();
}

type EmailEntry = { email: string; primary: boolean; verified: boolean };

function emailEntries(emails: unknown): EmailEntry[] {
  if (!Array.isArray(emails)) return [];
  return emails.slice(0, 100).flatMap((e: unknown) => {
    if (typeof e !== "object" || e === null) return [];
    const { email, primary, verified } = e as Record<string, unknown>;
    const a = address(email);
    return a ? [{ email: a, primary: primary === true, verified: verified === true }] : [];
  });
}

/**
 * GitHub's `/user` and `/user/emails` answers as our profile. Throws when `/user` has no positive integer `id`
 * (then Auth.js ends the callback with an error and no one is signed in).
 */
export function githubProfile(user: unknown, emails: unknown): ProviderProfile {
  if (typeof user !== "object" || user === null) throw new Error("GitHub's /user is not an object");
  const u = user as Record<string, unknown>;
  if (typeof u.id !== "number" || !Number.isSafeInteger(u.id) || u.id <= 0) {
    throw new Error("GitHub's /user has no numeric id");
  }
  const listed = emailEntries(emails);
  const primary = listed.find((e) => e.primary);
  const publicAddress = address(u.email);
  let email: string | null;
  let emailVerified: boolean;
  if (primary) {
    email = primary.email;
    emailVerified = primary.verified;
  } else {
    email = publicAddress;
    emailVerified = publicAddress !== null && listed.some((e) => e.email === publicAddress && e.verified);
  }
  const login = text(u.login, 39);
  return {
    provider: "github",
    subject: String(u.id),
    email,
    emailVerified,
    preferredUsername: login,
    name: text(u.name, 200) ?? login,
    image: httpsUrl(u.avatar_url),
    authTime: null,
  };
}
