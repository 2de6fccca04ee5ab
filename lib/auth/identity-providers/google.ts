import type { OIDCConfig } from "next-auth/providers";
import type { Env } from "../../env";
import type { IdentityProvider } from "./index";
import { idTokenClaims, oidcProfile } from "./oidc";
import { asAuthUser, type AuthUserWithProfile } from "./profile";

/**
 * Google as an identity provider (`AUTH_GOOGLE_ID`, `AUTH_GOOGLE_SECRET`): OpenID Connect from
 * https://accounts.google.com's discovery document, with PKCE, `state` and `nonce`. The identity is the `sub`
 * claim (Google's stable account id; an address can change hands). The profile is read exactly like the generic
 * provider's (./oidc.ts#oidcProfile): userinfo (Auth.js checks its `sub` is the ID token's) over the validated
 * ID token's claims; the email counts as verified only when Google says `email_verified: true` for it.
 *
 * Re-asking: Google knows no `prompt=login`; `max_age=0` asks it to authenticate again and to report `auth_time`
 * (required by OpenID Connect when `max_age` is sent), and the account picker is shown.
 *
 * `AUTH_GOOGLE_TEST_ISSUER` (tests only; lib/provider-test-endpoints.ts says when it is honoured) replaces the
 * issuer with a local stand-in (e2e/google-standin.mjs).
 */
export const GOOGLE_ISSUER = "https://accounts.google.com";

export function googleProvider(env: Env): IdentityProvider | null {
  if (!env.AUTH_GOOGLE_ID || !env.AUTH_GOOGLE_SECRET) return null;
  const config: OIDCConfig<Record<string, unknown>> = {
    id: "google",
    name: "Google",
    type: "oidc",
    issuer: env.AUTH_GOOGLE_TEST_ISSUER ?? GOOGLE_ISSUER,
    clientId: env.AUTH_GOOGLE_ID,
    clientSecret: env.AUTH_GOOGLE_SECRET,
    checks: ["pkce", "state", "nonce"],
    // Ask userinfo too; Auth.js refuses a userinfo answer whose `sub` is not the ID token's.
    idToken: false,
    authorization: { params: { scope: "openid email profile" } },
    profile(userinfo, tokens): AuthUserWithProfile {
      return asAuthUser(oidcProfile("google", userinfo, idTokenClaims(tokens.id_token)));
    },
  };
  return {
    id: "google",
    name: "Google",
    config,
    freshSignInParams: { prompt: "select_account", max_age: "0" },
    reportsAuthTime: true,
  };
}
