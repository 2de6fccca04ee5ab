/**
 * The one shape every identity provider's profile is turned into (each provider's Auth.js `profile()`
 * builds it), so the sign-in (lib/auth/identity-sign-in.ts) never looks at a provider's own claims.
 *
 * - `subject` is the provider's stable id of the person (OIDC `sub`; GitHub's numeric id as text): an
 *   identity is (provider, subject), never an email.
 * - `email` is lower-cased, or null when the provider gave none; `emailVerified` is true only when the
 *   provider itself says that address is verified (OIDC `email_verified: true`; GitHub: listed
 *   `verified: true` by /user/emails).
 * - `authTime` is the provider's `auth_time` (seconds since the epoch) when it sent one: a
 *   re-authentication is accepted only with a fresh one.
 *
 * Auth.js hands `profile()`'s result to the `signIn` callback as its `user`; `asAuthUser` puts the
 * profile there under one key and `profileFromAuthUser` reads it back, checking its shape.
 */
export const PROVIDER_IDS = ["oidc", "github", "google"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export type ProviderProfile = {
  provider: ProviderId;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  preferredUsername: string | null;
  name: string | null;
  image: string | null;
  authTime: number | null;
};

/** The key under which the profile travels on Auth.js's `user` object. */
const KEY = "identityProfile";

/** What a provider's Auth.js `profile()` returns: Auth.js's user fields plus our profile. */
export type AuthUserWithProfile = {
  id: string;
  email: string | null;
  name: string | null;
  image: string | null;
  [KEY]: ProviderProfile;
};

const MAX = 512;

function text(value: unknown, max = MAX): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed && trimmed.length <= max ? trimmed : null;
}

/** Builds the profile from loose values, trimming and bounding every string; throws without a subject. */
export function providerProfile(input: {
  provider: ProviderId;
  subject: unknown;
  email?: unknown;
  emailVerified?: unknown;
  preferredUsername?: unknown;
  name?: unknown;
  image?: unknown;
  authTime?: unknown;
}): ProviderProfile {
  const subject =
    typeof input.subject === "number" && Number.isSafeInteger(input.subject)
      ? String(input.subject)
      : text(input.subject, 255);
  if (!subject) throw new Error(`${input.provider}: the profile has no subject`);
  const email = text(input.email, 254)?.toLowerCase() ?? null;
  const authTime =
    typeof input.authTime === "number" && Number.isFinite(input.authTime) && input.authTime > 0
      ? Math.floor(input.authTime)
      : null;
  return {
    provider: input.provider,
    subject,
    email: email && email.includes("@") ? email : null,
    emailVerified: Boolean(email && email.includes("@") && input.emailVerified === true),
    preferredUsername: text(input.preferredUsername, 255),
    name: text(input.name, 255),
    image: text(input.image, 2048),
    authTime,
  };
}

/** The value a provider's Auth.js `profile()` returns. */
export function asAuthUser(profile: ProviderProfile): AuthUserWithProfile {
  return { id: profile.subject, email: profile.email, name: profile.name, image: profile.image, [KEY]: profile };
}

/** The profile back from Auth.js's `user` in the `signIn` callback, or null when it is not there or malformed. */
export function profileFromAuthUser(user: unknown): ProviderProfile | null {
  if (!user || typeof user !== "object") return null;
  const p = (user as Record<string, unknown>)[KEY] as Partial<ProviderProfile> | undefined;
  if (!p || typeof p !== "object") return null;
  if (!PROVIDER_IDS.includes(p.provider as ProviderId) || typeof p.subject !== "string" || !p.subject) return null;
  if (typeof p.emailVerified !== "boolean") return null;
  return p as ProviderProfile;
}
