import type { NextAuthConfig } from "next-auth";
import { safeRedirectPath } from "./redirects";

/**
 * The part of the Auth.js configuration with no database imports. The JWT carries only the session
 * token (`sid`); who the caller is, is decided by the session row on every request (lib/auth/caller.ts).
 */
export const SESSION_COOKIE = "accounts.session";

export function sessionCookieName(secure: boolean): string {
  return secure ? `__Secure-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/**
 * `secrets` is AUTH_SECRET's list, newest first (lib/env.ts): Auth.js encrypts the session cookie with
 * the first and decrypts it with any, so a rotation signs no one out.
 */
export function baseAuthConfig(opts: {
  secrets: readonly string[];
  secure: boolean;
  maxAgeSeconds: number;
}): NextAuthConfig {
  return {
    secret: [...opts.secrets],
    trustHost: true,
    useSecureCookies: opts.secure,
    session: { strategy: "jwt", maxAge: opts.maxAgeSeconds },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    cookies: {
      sessionToken: {
        name: sessionCookieName(opts.secure),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: opts.secure },
      },
    },
    providers: [],
    callbacks: {
      redirect: ({ url, baseUrl }) => sameSiteRedirect(url, baseUrl),
      jwt({ token, user }) {
        // On sign-in `user` carries the new session's token; afterwards the JWT keeps only that.
        if (user?.sessionToken) return { sid: user.sessionToken };
        return token.sid ? { sid: token.sid } : null;
      },
      session({ session }) {
        // Nothing about the account travels in the Auth.js session object; pages ask lib/auth/caller.ts.
        return { expires: session.expires } as typeof session;
      },
    },
  };
}

/**
 * Auth.js's redirect callback: only a URL on this site (same origin, a safe path) is followed;
 * anything else lands on this site's /account.
 */
export function sameSiteRedirect(url: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  let path: string | undefined;
  if (url.startsWith("/")) {
    path = url;
  } else {
    try {
      const parsed = new URL(url);
      if (parsed.origin === origin) path = parsed.pathname + parsed.search + parsed.hash;
    } catch {
      // Not a URL: fall back below.
    }
  }
  return origin + safeRedirectPath(path);
}
