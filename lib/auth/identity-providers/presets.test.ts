import { Auth, type AuthConfig } from "@auth/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGitHubStandin } from "../../../e2e/github-standin.mjs";
import { startGoogleStandin } from "../../../e2e/google-standin.mjs";
import type { Env } from "../../env";
import { githubProvider } from "./github";
import { googleProvider } from "./google";
import type { IdentityProvider } from "./index";
import { profileFromAuthUser, type ProviderProfile } from "./profile";

/**
 * The GitHub and Google presets against their local stand-ins (e2e/github-standin.mjs, e2e/google-standin.mjs),
 * through Auth.js's own sign-in and callback (PKCE, state, nonce, the ID token's signature, userinfo's `sub`):
 * what reaches the `signIn` callback is the normalised profile.
 */
type Standin = {
  url: string;
  close(): Promise<void>;
  addUser(u: { login: string } & Record<string, unknown>): { id?: number; sub?: string; login: string };
};
const APP = "http://127.0.0.1:5899";
let github: Standin;
let google: Standin;

beforeAll(async () => {
  github = await startGitHubStandin({
    clientId: "gh-client",
    clientSecret: "gh-secret",
    redirectUri: `${APP}/api/auth/callback/github`,
  });
  google = await startGoogleStandin({
    clientId: "g-client",
    clientSecret: "g-secret",
    redirectUri: `${APP}/api/auth/callback/google`,
  });
});
afterAll(async () => {
  await github?.close();
  await google?.close();
});

function env(): Env {
  return {
    AUTH_GITHUB_ID: "gh-client",
    AUTH_GITHUB_SECRET: "gh-secret",
    AUTH_GITHUB_TEST_URL: github.url,
    AUTH_GOOGLE_ID: "g-client",
    AUTH_GOOGLE_SECRET: "g-secret",
    AUTH_GOOGLE_TEST_ISSUER: google.url,
  } as Env;
}

type Jar = Map<string, string>;
function keep(jar: Jar, res: Response) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const i = pair!.indexOf("=");
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
}
const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/**
 * Signs in through Auth.js with `provider`, the person `login` answering the stand-in's consent page with
 * `decision`; answers the profile the `signIn` callback saw (or null) and Auth.js's final redirect.
 */
async function signInWith(
  provider: IdentityProvider,
  login: string,
  decision = "allow",
  authorizationParams: Record<string, string> = {},
) {
  let seen: ProviderProfile | null = null;
  const config: AuthConfig = {
    providers: [provider.config],
    secret: "a-test-secret-0123456789abcdefghijklmnopqrstuv",
    trustHost: true,
    basePath: "/api/auth",
    logger: { error() {}, warn() {}, debug() {} },
    callbacks: {
      signIn({ user }) {
        seen = profileFromAuthUser(user);
        return false;
      },
    },
  };
  const jar: Jar = new Map();
  const csrfRes = await Auth(new Request(`${APP}/api/auth/csrf`), config);
  keep(jar, csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const start = await Auth(
    new Request(`${APP}/api/auth/signin/${provider.id}?${new URLSearchParams(authorizationParams)}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
      body: new URLSearchParams({ csrfToken, callbackUrl: APP }),
    }),
    config,
  );
  keep(jar, start);
  const authorizeUrl = new URL(start.headers.get("location")!);
  const params = Object.fromEntries(authorizeUrl.searchParams);
  const consent = await fetch(new URL(authorizeUrl.pathname, authorizeUrl), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...params, login, decision }),
  });
  const callbackUrl = consent.headers.get("location")!;
  const sentCookies = cookieHeader(jar);
  const callback = await Auth(new Request(callbackUrl, { headers: { cookie: sentCookies } }), config);
  const profile = seen as ProviderProfile | null;
  /** The same callback (URL and cookies) once more: what the `signIn` callback sees then. */
  async function replay() {
    seen = null;
    const again = await Auth(new Request(callbackUrl, { headers: { cookie: sentCookies } }), config);
    return { profile: seen as ProviderProfile | null, location: again.headers.get("location") };
  }
  return { profile, location: callback.headers.get("location"), params, replay };
}

describe("the GitHub preset against its stand-in", () => {
  const provider = () => githubProvider(env())!;

  it("asks with PKCE (S256), state and GitHub's scopes, and answers the numeric id as the subject", async () => {
    const { profile, params } = await signInWith(provider(), "octo-verified");
    expect(params).toMatchObject({ code_challenge_method: "S256", scope: "read:user user:email" });
    expect(params.state).toBeTruthy();
    expect(profile).toMatchObject({
      provider: "github",
      subject: expect.stringMatching(/^\d+$/),
      email: "octo-verified@github-standin.test",
      emailVerified: true,
      preferredUsername: "octo-verified",
      name: "Octo Verified",
      authTime: null,
    });
  });

  it("takes the primary address from /user/emails, unverified when GitHub says so", async () => {
    const { profile } = await signInWith(provider(), "octo-unverified");
    expect(profile).toMatchObject({ email: "octo-unverified@github-standin.test", emailVerified: false });
  });

  it("finds the address of a person without a public one, verified", async () => {
    const { profile } = await signInWith(provider(), "octo-private");
    expect(profile).toMatchObject({ email: "octo-private@github-standin.test", emailVerified: true });
    expect(profile?.name).toBe("octo-private");
  });

  it("never counts a public address as verified unless /user/emails lists it verified", async () => {
    const login = `pub-${Date.now().toString(36)}`;
    github.addUser({
      login,
      publicEmail: `${login}@example.com`,
      emails: [{ email: `${login}@example.com`, primary: false, verified: false }],
    });
    const { profile } = await signInWith(provider(), login);
    expect(profile).toMatchObject({ email: `${login}@example.com`, emailVerified: false });
  });

  it("refuses an oversized /user answer: no one is signed in", async () => {
    const login = `big-${Date.now().toString(36)}`;
    github.addUser({
      login,
      emails: [{ email: `${login}@example.com`, primary: true, verified: true }],
      bioBytes: 300_000,
    });
    const { profile, location } = await signInWith(provider(), login);
    expect(profile).toBeNull();
    expect(location).toContain("error=");
  });

  it("gives each person a different, stable subject", async () => {
    const a = await signInWith(provider(), "octo-verified");
    const b = await signInWith(provider(), "octo-verified");
    const c = await signInWith(provider(), "octo-private");
    expect(a.profile!.subject).toBe(b.profile!.subject);
    expect(c.profile!.subject).not.toBe(a.profile!.subject);
  });

  it("signs no one in when the person cancels at GitHub, or the callback is replayed", async () => {
    const denied = await signInWith(provider(), "octo-verified", "deny");
    expect(denied.profile).toBeNull();
    expect(denied.location).toContain("error=");
    const first = await signInWith(provider(), "octo-verified");
    expect(first.profile).not.toBeNull();
    const replayed = await first.replay();
    expect(replayed.profile).toBeNull();
    expect(replayed.location).toContain("error=");
  });
});

describe("the Google preset against its stand-in", () => {
  const provider = () => googleProvider(env())!;

  it("asks with PKCE, state and nonce; a verified email counts as verified", async () => {
    const { profile, params } = await signInWith(provider(), "g-verified");
    expect(params).toMatchObject({ code_challenge_method: "S256", scope: "openid email profile" });
    expect(params.state).toBeTruthy();
    expect(params.nonce).toBeTruthy();
    expect(profile).toMatchObject({
      provider: "google",
      subject: expect.stringMatching(/^\d+$/),
      email: "g-verified@gmail-standin.test",
      emailVerified: true,
      name: "Gee Verified",
      preferredUsername: null,
    });
  });

  it("an email Google did not verify stays unverified", async () => {
    const { profile } = await signInWith(provider(), "g-unverified");
    expect(profile).toMatchObject({ email: "g-unverified@gmail-standin.test", emailVerified: false });
  });

  it("reads the email from userinfo when the ID token carries none", async () => {
    const { profile } = await signInWith(provider(), "g-userinfo-only");
    expect(profile).toMatchObject({ email: "g-userinfo-only@gmail-standin.test", emailVerified: true });
  });

  it("signs no one in when the person cancels, or the callback is replayed", async () => {
    const { profile, location } = await signInWith(provider(), "g-verified", "deny");
    expect(profile).toBeNull();
    expect(location).toContain("error=");
    const first = await signInWith(provider(), "g-verified");
    expect(first.profile).not.toBeNull();
    const replayed = await first.replay();
    expect(replayed.profile).toBeNull();
    expect(replayed.location).toContain("error=");
  });

  it("asking again (freshSignInParams: no prompt=login, which Google refuses) brings auth_time", async () => {
    const plain = await signInWith(provider(), "g-verified");
    expect(plain.profile?.authTime).toBeNull();
    const before = Math.floor(Date.now() / 1000);
    const fresh = await signInWith(provider(), "g-verified", "allow", provider().freshSignInParams);
    expect(fresh.params).toMatchObject({ max_age: "0" });
    expect(fresh.profile?.authTime).toBeGreaterThanOrEqual(before);
    const refused = await signInWith(provider(), "g-verified", "allow", { prompt: "login" }).catch(() => null);
    expect(refused?.profile ?? null).toBeNull();
  });
});

describe("the presets' variables", () => {
  it("a preset is absent until both its id and secret are set, and uses the real endpoints by default", () => {
    expect(githubProvider({} as Env)).toBeNull();
    expect(googleProvider({ AUTH_GOOGLE_ID: "x" } as Env)).toBeNull();
    const gh = githubProvider({ AUTH_GITHUB_ID: "a", AUTH_GITHUB_SECRET: "b" } as Env)!;
    expect(JSON.stringify(gh.config)).toContain("https://github.com/login/oauth/authorize");
    expect(JSON.stringify(gh.config)).toContain("https://api.github.com/user");
    const g = googleProvider({ AUTH_GOOGLE_ID: "a", AUTH_GOOGLE_SECRET: "b" } as Env)!;
    expect((g.config as { issuer: string }).issuer).toBe("https://accounts.google.com");
    expect(gh.reportsAuthTime).toBe(false);
  });
});
