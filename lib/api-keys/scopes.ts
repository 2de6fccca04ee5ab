/**
 * What an API key may be granted. `organizations:*` reach the organization routes. A key never
 * manages keys, sessions, passwords, email, factors, identities, export or deletion, and never reaches an admin
 * route: no scope grants those (lib/auth/authenticated-route.ts refuses a key on any route that names no scope).
 */
export const API_KEY_SCOPES = [
  "profile:read",
  "profile:write",
  "posts:read",
  "posts:write",
  "organizations:read",
  "organizations:write",
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** The lifetimes offered, in days; null (or nothing) is "never expires". */
export const API_KEY_EXPIRY_DAYS = [7, 30, 90, 365] as const;

/** Live (unexpired) keys one account may hold. */
export const MAX_LIVE_API_KEYS = 25;

/** Every key starts so, which is how a bearer token is told from a session token. */
export const API_KEY_PREFIX = "acc_";

/** Characters of the key kept for display (the `acc_` and the first 8 of the random part). */
export const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

/** What a key caller carries (lib/sessions/resolve.ts#Caller's `apiKey`). */
export type ApiKeyGrant = { id: string; scopes: readonly string[] };

export const SCOPE_LABELS: Record<ApiKeyScope, string> = {
  "profile:read": "Read your profile",
  "profile:write": "Edit your profile (not the email address)",
  "posts:read": "Read posts",
  "posts:write": "Write, edit and delete your posts",
  "organizations:read": "See your organizations, their members and invitations",
  "organizations:write": "Manage your organizations, members and invitations (deleting one needs you in person)",
};
