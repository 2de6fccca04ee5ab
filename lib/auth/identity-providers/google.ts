import type { OIDCConfig } from "next-auth/providers";
import { address, httpsUrl, idTokenClaims, text } from "./claims";
import type { ProviderProfile } from "./profile";

/**
 * Google as an identity provider: OpenID Connect from https://accounts.google.com's discovery document, with
 * PKCE, `state` and `nonce`. The identity is the `sub` claim (Google's stable account id; an address can change
 * owner). The profile is the userinfo answer (Auth.js checks that its `sub` is the ID token's), with the
 * validated ID token's claims beneath it: a provider may put `email` only in userinfo; `auth_time` is only in
 * the ID token. The email counts as verified only when Google says `email_verified: true` for that address.
 *
 * `issuer` replaces https://accounts.google.com: for a local stand-in in tests only
 * (lib/auth/identity-providers/test-endpoints.ts decides when it is honoured).
 */
export type GoogleOptions = { clientId: string; clientSecret: string; issuer?: string | undefined };

export const GOOGLE_ISSUER = "https://accounts.google.com";

export function google(options: GoogleOptions): OIDCConfig<Record<string, unknown>> {
  return {
    id: "google",
    name: "Google",
    type: "oidc",
    issuer: options.issuer ?? GOOGLE_ISSUER,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    // Ask userinfo too (the email may be there only); Auth.js refuses a userinfo `sub` unlike the ID token's.
    idToken: false,
    profile(userinfo, tokens) {
      const profile = googleProfile(userinfo, idTokenClaims(tokens.id_token));
      return { id: profile.subject, name: profile.name, email: profile.email, image: profile.image, profile };
    },
  };
}

/**
 * Google's userinfo (and ID token claims) as our profile. The address and its `email_verified` are taken from
 * the same source, userinfo first: a verified flag never vouches for an address it was not given with.
 */
export function googleProfile(userinfo: Record<string, unknown>, idToken: Record<string, unknown>): ProviderProfile {
  const subject = text(userinfo.sub, 255) ?? text(idToken.sub, 255);
  if (!subject) throw new Error("Google's profile has no subject");
  const source = address(userinfo.email) ? userinfo : idToken;
  const email = address(source.email);
  const authTime = idToken.auth_time;
  return {
    provider: "google",
    subject,
    email,
    emailVerified: email !== null && source.email_verified === true,
    preferredUsername: null,
    name: text(userinfo.name, 200) ?? text(idToken.name, 200),
    image: httpsUrl(userinfo.picture ?? idToken.picture),
    authTime: typeof authTime === "number" && Number.isSafeInteger(authTime) && authTime > 0 ? authTime : null,
  };
}
