import type { OIDCConfig } from "next-auth/providers";
import type { Env } from "../../env";
import { asAuthUser, providerProfile, type AuthUserWithProfile } from "./profile";
import type { IdentityProvider } from "./index";

/**
 * The generic OpenID Connect provider (`OIDC_ISSUER`, discovery at `/.well-known/openid-configuration`):
 * PKCE, `state` and `nonce` on every authorization request. `idToken: false` makes Auth.js also call the
 * userinfo endpoint (a conformant provider puts `email` there, not in the ID token, once an access token
 * is issued); the ID token, which Auth.js has already validated (signature, issuer, audience, nonce),
 * still supplies `auth_time` and anything userinfo left out.
 */
export function oidcProvider(env: Env): IdentityProvider | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID) return null;
  const config: OIDCConfig<Record<string, unknown>> = {
    id: "oidc",
    name: env.OIDC_NAME,
    type: "oidc",
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    checks: ["pkce", "state", "nonce"],
    idToken: false,
    authorization: { params: { scope: env.OIDC_SCOPES } },
    profile(userinfo, tokens): AuthUserWithProfile {
      return asAuthUser(oidcProfile("oidc", userinfo, idTokenClaims(tokens.id_token)));
    },
  };
  return {
    id: "oidc",
    name: env.OIDC_NAME,
    config,
    freshSignInParams: { prompt: "login", max_age: "0" },
    reportsAuthTime: true,
  };
}

/**
 * An OIDC profile from userinfo and the ID token's claims: the email (and whether it is verified) come
 * together from whichever of the two carries an email, userinfo first.
 */
export function oidcProfile(
  provider: "oidc" | "google",
  userinfo: Record<string, unknown>,
  idToken: Record<string, unknown>,
) {
  const source = typeof userinfo.email === "string" ? userinfo : idToken;
  const pick = (key: string) => userinfo[key] ?? idToken[key];
  return providerProfile({
    provider,
    subject: idToken.sub ?? userinfo.sub,
    email: source.email,
    emailVerified: source.email_verified === true || source.email_verified === "true",
    preferredUsername: pick("preferred_username") ?? pick("nickname"),
    name: pick("name"),
    image: pick("picture"),
    authTime: idToken.auth_time,
  });
}

/** The payload of an ID token Auth.js has already validated; `{}` when there is none. */
export function idTokenClaims(idToken: unknown): Record<string, unknown> {
  if (typeof idToken !== "string") return {};
  const payload = idToken.split(".")[1];
  if (!payload) return {};
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return claims && typeof claims === "object" ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
