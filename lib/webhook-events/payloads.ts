/**
 * The `data` of every webhook event we emit (issue 32), built here and nowhere else, so a receiver sees one
 * shape per type and nothing secret can slip in: builders copy named fields only (ids, usernames, addresses,
 * roles, times), never a hash, token, secret or code, and every payload stays far under 20 KB (the largest is a
 * user plus a few short strings). Plain inputs only (this folder is rank 2): callers hand over the columns.
 * The OpenAPI document (lib/openapi/webhooks.ts) describes these shapes; keep the two together.
 */

export type UserSource = {
  id: string;
  username: string;
  email: string;
  emailVerifiedAt: Date | null;
  role: "user" | "admin";
  disabledAt: Date | null;
  createdAt: Date;
};

export type UserPayload = {
  id: string;
  username: string;
  email: string;
  emailVerified: boolean;
  role: "user" | "admin";
  disabled: boolean;
  createdAt: string;
};

export const userPayload = (u: UserSource): UserPayload => ({
  id: u.id,
  username: u.username,
  email: u.email,
  emailVerified: u.emailVerifiedAt !== null,
  role: u.role,
  disabled: u.disabledAt !== null,
  createdAt: u.createdAt.toISOString(),
});

/** How an account's password came to change: changed knowing the old one, reset by link, or a first one set. */
export type PasswordChange = "changed" | "reset" | "set";
/** Who deleted an account: its owner, or an administrator. */
export type DeletedBy = "self" | "admin";

/** The user.* events and what each adds beside `user` (the account as it is after the change). */
export type UserEventExtra = {
  "user.created": { via: "sign_up" | "identity" };
  "user.updated": { changed: string[] };
  "user.email_verified": Record<string, never>;
  "user.email_changed": { previousEmail: string };
  "user.password_changed": { how: PasswordChange };
  "user.deleted": { by: DeletedBy };
  "user.disabled": Record<string, never>;
  "user.enabled": Record<string, never>;
  "user.role_changed": { previousRole: "user" | "admin" };
};
export type UserEventType = keyof UserEventExtra;

export const userEventData = <T extends UserEventType>(_type: T, user: UserSource, extra: UserEventExtra[T]) => ({
  user: userPayload(user),
  ...extra,
});

export type SessionKind = "browser" | "api";

/** session.created: the new session (never its token) and the way in. */
export const sessionCreatedData = (s: { id: string; userId: string; kind: SessionKind }) => ({
  session: { id: s.id, userId: s.userId, kind: s.kind },
});

/**
 * Why sessions ended: `signed_out` (the session's own sign-out), `revoked` (the owner ended it from another),
 * `signed_out_everywhere`, `replaced` (the browser signed in again), `evicted` (SESSIONS_PER_ACCOUNT),
 * `password_changed`, `password_reset`, `email_changed`, `email_proved` (an email sign-in proved the address
 * and ended what a squatter might hold), `secured` ("Secure my account"), `disabled`, `admin`.
 */
export type RevokeReason =
  | "signed_out"
  | "revoked"
  | "signed_out_everywhere"
  | "replaced"
  | "evicted"
  | "password_changed"
  | "password_reset"
  | "email_changed"
  | "email_proved"
  | "secured"
  | "disabled"
  | "admin";

/** At most this many ids in one session.revoked (36 characters each: the payload stays far under 20 KB). */
export const MAX_REVOKED_IDS = 200;

/**
 * session.revoked: one event per change, naming the sessions it ended (`count` of them; the first
 * MAX_REVOKED_IDS ids when a change ended more, which only a pile of expired rows not yet cleaned up makes).
 */
export const sessionsRevokedData = (userId: string, sessionIds: string[], reason: RevokeReason) => ({
  userId,
  sessionIds: sessionIds.slice(0, MAX_REVOKED_IDS),
  count: sessionIds.length,
  reason,
});

/** two_factor.enabled / two_factor.disabled (never the secret or a code). */
export const twoFactorData = (userId: string, method: "totp" = "totp") => ({ userId, method });

/** passkey.added / passkey.removed (never the public key or the credential id). */
export const passkeyData = (userId: string, passkey: { id: string; name: string | null }) => ({
  userId,
  passkey: { id: passkey.id, name: passkey.name },
});

/** identity.connected / identity.disconnected: the provider and the subject (the provider's id of the person). */
export const identityData = (
  userId: string,
  identity: { id: string; provider: string; subject: string; email: string | null },
) => ({
  userId,
  identity: { id: identity.id, provider: identity.provider, subject: identity.subject, email: identity.email },
});
