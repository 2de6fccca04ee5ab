import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import { headers } from "next/headers";
import Credentials from "next-auth/providers/credentials";
import { getEnv } from "../env";
import { clientInfo } from "../http/client-info";
import { log } from "../log";
import type { ClientInfo } from "../client-info";
import { signOutByToken } from "../sessions/sign-out-token";
import { baseAuthConfig } from "./config";
import { AccountDisabledSignIn, RateLimitedSignIn } from "./rate-limited-sign-in";
import { browserMfaSignIn, browserPasskeySignIn, browserSignIn } from "./browser-sign-in";
import { MfaCodeRefused, MfaRequiredSignIn, PasskeyRefused } from "./mfa-sign-in-errors";
import { CHALLENGE_GONE } from "./second-step";
import { identitySignInCallback } from "./identity-callback";
import { identityProviders } from "./identity-providers";
import { authorizeEmailSignIn } from "./email-sign-in-browser";

/**
 * Auth.js for the Node runtime: the credentials provider calls the same sign-in as the API, with
 * kind "browser". Built on each use (a build never needs the secret); the server actions' `signIn` and
 * `signOut` below and Auth.js's own endpoints (lib/auth/endpoints.ts) share it.
 */
export function nodeAuthConfig(): NextAuthConfig {
  const env = getEnv();
  const base = baseAuthConfig({
    secrets: env.AUTH_SECRETS,
    secure: env.SECURE_COOKIES,
    maxAgeSeconds: Math.round(env.SESSION_TTL_DAYS * 86_400),
  });
  return {
    ...base,
    // Where app/api/auth/[...nextauth] is, whatever path APP_URL (and so AUTH_URL) may carry.
    basePath: AUTH_BASE_PATH,
    // Auth.js's own logger prints stacks to the console; ours writes one JSON line, without the stack
    // for an ordinary failed sign-in (which the sign-in code already answered).
    logger: {
      error(error) {
        if (error instanceof CredentialsSignin) return;
        // An identity provider's failure (down, consent denied, a replayed or forged callback, a missing
        // PKCE or state cookie) says why by its name and message and its cause's; never a code or token.
        const { type, cause } = error as { type?: string; cause?: { err?: unknown; error?: unknown } };
        log.error("auth error", {
          type: type ?? error.name,
          message: redactCodes(error.message),
          // The provider's own error code (`access_denied`), never its description or any code or token.
          ...(typeof cause?.error === "string" ? { providerError: cause.error.slice(0, 60) } : {}),
          ...(cause?.err instanceof Error ? { cause: `${cause.err.name}: ${redactCodes(cause.err.message)}` } : {}),
        });
      },
      warn(code) {
        log.warn("auth warning", { code });
      },
      debug() {},
    },
    callbacks: {
      ...base.callbacks,
      // The identity providers' way in (lib/auth/identity-callback.ts); the credentials providers have
      // already signed in inside authorize().
      async signIn({ user, account }) {
        if (account?.type !== "oidc" && account?.type !== "oauth") return true;
        return identitySignInCallback(user as { sessionToken?: string });
      },
    },
    events: {
      // Every way of signing out deletes the session row, Auth.js's own POST /api/auth/signout included
      // (it would otherwise only clear the cookie, and the old cookie would still open /account).
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        let client: ClientInfo = { ip: null, userAgent: null };
        try {
          client = clientInfo(await headers());
        } catch {
          // Outside a request (never in practice): the row is still deleted.
        }
        await signOutByToken(sid, client);
      },
    },
    providers: [
      ...identityProviders(env).map((p) => p.config),
      Credentials({
        credentials: {
          login: { label: "Username or email" },
          password: { label: "Password", type: "password" },
          code: { label: "Authenticator code" },
          recoveryCode: { label: "Recovery code" },
        },
        // The password step, or (a `code` or `recoveryCode`, with the challenge cookie) the second step.
        // An account with two-factor on never gets a session from the password alone.
        async authorize(credentials, request) {
          const second = Boolean(credentials.code || credentials.recoveryCode) && !credentials.password;
          const result = second
            ? await browserMfaSignIn(credentials, request)
            : await browserSignIn(credentials, request);
          if (!result.ok && result.error.code === "rate_limited")
            throw new RateLimitedSignIn(result.error.retryAfter ?? 60);
          if (!result.ok && result.error.reason === "account_disabled") throw new AccountDisabledSignIn();
          if (!result.ok && second)
            throw new MfaCodeRefused(result.error.message === CHALLENGE_GONE ? "challenge_gone" : "wrong_code");
          if (!result.ok) throw new CredentialsSignin();
          if ("mfa" in result.value) throw new MfaRequiredSignIn();
          return { id: result.value.user.id, sessionToken: result.value.session.token };
        },
      }),
      // A passkey's answer (JSON text): a session on its own, two-factor's code step skipped.
      Credentials({
        id: "passkey",
        name: "Passkey",
        credentials: { response: { label: "Passkey answer" } },
        async authorize(credentials, request) {
          const result = await browserPasskeySignIn(credentials, request);
          if (!result.ok && result.error.code === "rate_limited")
            throw new RateLimitedSignIn(result.error.retryAfter ?? 60);
          if (!result.ok && result.error.reason === "account_disabled") throw new AccountDisabledSignIn();
          if (!result.ok) throw new PasskeyRefused(result.error.message);
          return { id: result.value.user.id, sessionToken: result.value.session.token };
        },
      }),
      // Sign-in by email: the link's "Sign me in" (`token`, this browser only) or the code (`login`, `code`).
      Credentials({
        id: "email-link",
        name: "Email",
        credentials: { token: { label: "Link token" }, login: { label: "Username or email" }, code: { label: "Code" } },
        authorize: (credentials, request) => authorizeEmailSignIn(credentials, request),
      }),
    ],
  };
}

export const AUTH_BASE_PATH = "/api/auth";

/** Long opaque values (an authorization code, a token) blanked out of a message before it is logged. */
function redactCodes(message: string): string {
  return message.replace(/[A-Za-z0-9_\-.~+/=]{24,}/g, "[redacted]").slice(0, 300);
}

/** The server actions' sign-in and sign-out. Auth.js's HTTP endpoints go through lib/auth/endpoints.ts. */
export const { auth, signIn, signOut } = NextAuth(nodeAuthConfig);
