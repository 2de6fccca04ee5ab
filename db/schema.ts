import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  check,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("user_role", ["user", "admin"]);
export const sessionKindEnum = pgEnum("session_kind", ["browser", "api"]);
export const emailTokenPurposeEnum = pgEnum("email_token_purpose", [
  "verify_email",
  "reset_password",
  "change_email",
  "unlock_sign_in",
]);

/**
 * What the console's search reads (lib/admin/users.ts), and what users_search_trgm_idx indexes: the username key,
 * the email and the lower-cased display name, each after a U+0001. A search refuses control characters, so a
 * fragment never spans two fields, and `%<U+0001>ab%` is "a field starting with ab". The query must spell the
 * expression exactly like the index for PostgreSQL to use it: both are built here.
 */
export const usersSearchText = (t: { usernameKey: AnyPgColumn; email: AnyPgColumn; displayName: AnyPgColumn }) =>
  sql`(E'\\x01' || ${t.usernameKey} || E'\\x01' || ${t.email} || E'\\x01' || coalesce(lower(${t.displayName}), ''))`;

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** As the person typed it. */
    username: text("username").notNull(),
    /** NFKC + lower-case: the unique, case-insensitive key. */
    usernameKey: text("username_key").notNull(),
    /** Trimmed, NFKC, lower-cased. */
    email: text("email").notNull(),
    /**
     * bcrypt; null for an account without a password (made by an identity provider, or whose password was
     * voided when an email sign-in first proved the address). A null hash never matches any password.
     */
    passwordHash: text("password_hash"),
    displayName: text("display_name"),
    avatarUrl: text("avatar_url"),
    bio: text("bio"),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    role: roleEnum("role").notNull().default("user"),
    /** Set when an operator disables the account: it can no longer sign in. */
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** Why an administrator disabled it (required with disabledAt; shown in the console only). */
    disabledReason: text("disabled_reason"),
    /** The confirmed TOTP secret, sealed (lib/crypto/sealed.ts, AES-256-GCM); null while two-factor is off. */
    totpSecret: text("totp_secret"),
    /** A secret handed out by POST /api/users/me/totp and not yet confirmed, sealed. */
    totpPendingSecret: text("totp_pending_secret"),
    /** When two-factor was turned on; null = off. */
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** The last TOTP time step accepted for this account: a code is good once (replay protection). */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    /**
     * When the account's second factors last changed (two-factor on or off, new recovery codes): device
     * cookies issued before it no longer stand (lib/auth/device-cookie.ts).
     */
    factorsChangedAt: timestamp("factors_changed_at", { withTimezone: true }),
    /**
     * How many of the account's recovery codes are unused: kept by migration 0016's triggers on recovery_codes, so
     * the caller lookup every authenticated request makes reads a column instead of counting (lib/users/raw-dto.ts).
     */
    recoveryCodesLeft: smallint("recovery_codes_left").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_username_key_unique").on(t.usernameKey),
    uniqueIndex("users_email_unique").on(t.email),
    // The console's default order (newest first, keyset on created_at + id).
    index("users_created_at_idx").on(t.createdAt, t.id),
    // The console's search by fragment (lib/admin/users.ts): one trigram index (pg_trgm) over the three fields
    // searched, so a search is one index scan at a million accounts as at ten (migration 0015). No pending list
    // (fastupdate off): a sign-up writes its trigrams at once (~0.2 ms), and a search never reads through the up to
    // 4 MB of entries the list holds between vacuums (0.3 ms → 13 ms at a million accounts).
    index("users_search_trgm_idx")
      .using("gin", sql`${usersSearchText(t)} gin_trgm_ops`)
      .with({ fastupdate: false }),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** SHA-256 of the token, base64url. The token itself is never stored. */
    tokenHash: text("token_hash").notNull(),
    kind: sessionKindEnum("kind").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    /** When the holder last proved who they are (sign-in, re-authentication): sensitive changes need it recent. */
    reauthenticatedAt: timestamp("reauthenticated_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Impersonation: the administrator acting as this session's account (null for the owner's own sessions),
     * why, and the administrator's own session it was started from (it ends with that one).
     */
    impersonatorId: uuid("impersonator_id").references((): AnyPgColumn => users.id, { onDelete: "cascade" }),
    impersonationReason: text("impersonation_reason"),
    parentSessionId: uuid("parent_session_id").references((): AnyPgColumn => sessions.id, { onDelete: "cascade" }),
  },
  (t) => [
    uniqueIndex("sessions_token_hash_unique").on(t.tokenHash),
    index("sessions_user_id_idx").on(t.userId, t.createdAt),
    index("sessions_expires_at_idx").on(t.expiresAt),
  ],
);

/**
 * Single-use tokens sent by email (verification, password reset, email change). Only the SHA-256 is
 * stored; redeeming deletes the row in the same statement that checks it.
 */
export const emailTokens = pgTable(
  "email_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: emailTokenPurposeEnum("purpose").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The address the link went to: the account's for verify/reset, the new one for change_email. */
    email: text("email").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("email_tokens_token_hash_unique").on(t.tokenHash),
    index("email_tokens_user_purpose_idx").on(t.userId, t.purpose),
    index("email_tokens_expires_at_idx").on(t.expiresAt),
  ],
);

/** Two-factor recovery codes: SHA-256 of each, deleted when used (single-use) or replaced. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("recovery_codes_user_code_unique").on(t.userId, t.codeHash)],
);

/** A sign-in's pending second step: the password was right, a code is still owed. Only the SHA-256 is kept. */
export const mfaChallenges = pgTable(
  "mfa_challenges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    kind: sessionKindEnum("kind").notNull(),
    /** Wrong codes given for this challenge; it dies at 5. */
    failures: integer("failures").notNull().default(0),
    /** The way in that asked for the second step, recorded on its success: null = password; `oidc`, `email` … */
    method: text("method"),
    /** For an identity provider's sign-in: which provider (`oidc`, `github`, `google`). */
    provider: text("provider"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("mfa_challenges_token_hash_unique").on(t.tokenHash),
    index("mfa_challenges_user_id_idx").on(t.userId),
    index("mfa_challenges_expires_at_idx").on(t.expiresAt),
  ],
);

/** Fixed-window counters shared by every instance: one row per limit key, bumped in one statement. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    count: integer("count").notNull(),
    resetAt: timestamp("reset_at", { withTimezone: true }).notNull(),
    /**
     * A hash naming whose counter this is (an account's sign-in failures), so that every counter of
     * one account can be cleared at once (password reset, unlock link). Null for the others.
     */
    subject: text("subject"),
  },
  (t) => [
    index("rate_limits_reset_at_idx").on(t.resetAt),
    index("rate_limits_subject_idx")
      .on(t.subject)
      .where(sql`${t.subject} is not null`),
  ],
);

/** The audit trail a person sees on /account/security. Never a password, token or hash. */
export const securityEvents = pgTable(
  "security_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** The administrator who acted (admin.* events); never shown to the affected person. */
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    type: text("type").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    detail: jsonb("detail").$type<Record<string, string | number | boolean | null>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("security_events_user_id_idx").on(t.userId, t.id),
    index("security_events_created_at_idx").on(t.createdAt),
    // The console's events page filtered by type (newest first by id).
    index("security_events_type_idx").on(t.type, t.id),
    // An account's last sign-in (the console's list and account page): one probe, however many other events
    // the account has.
    index("security_events_sign_in_idx")
      .on(t.userId, t.id)
      .where(sql`${t.type} = 'sign_in.succeeded'`),
  ],
);

/**
 * The mini blog's posts. Ids are random (lib/posts/ids.ts), never a guessable sequence. Timestamps keep
 * milliseconds only, so the keyset cursor (created_at, id) survives a round trip through a JS Date.
 */
export const posts = pgTable(
  "posts",
  {
    id: text("id").primaryKey(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** To the microsecond, as PostgreSQL keeps time: the pages' cursor (lib/cursor.ts) keeps it exactly. */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** Null: a public post. Otherwise only the organization's members may read it. */
    organizationId: uuid("organization_id").references((): AnyPgColumn => organizations.id, { onDelete: "cascade" }),
  },
  (t) => [
    index("posts_created_at_id_idx").on(t.createdAt.desc(), t.id.desc()),
    index("posts_author_created_at_id_idx").on(t.authorId, t.createdAt.desc(), t.id.desc()),
    index("posts_organization_created_at_id_idx")
      .on(t.organizationId, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.organizationId} is not null`),
  ],
);

export const mailStatusEnum = pgEnum("mail_status", ["pending", "sent", "failed"]);

/**
 * The mail outbox: every message is a row, written in the transaction of the change that causes it,
 * and sent by whichever instance claims it first (lib/email/outbox.ts). `body` holds the text and HTML
 * parts as JSON, sealed (AES-256-GCM, lib/crypto/sealed.ts) when they carry a link token, and is set
 * to null once the message is sent or has failed for good.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    body: text("body"),
    sealed: boolean("sealed").notNull().default(false),
    status: mailStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** When the row may next be claimed: now for a new one, after the back-off or a claim's lease. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When it was sent or given up on. */
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (t) => [
    index("mail_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index("mail_outbox_done_at_idx").on(t.doneAt),
  ],
);

/**
 * A public profile's counts, kept by triggers (migration 0014) in the transaction of each follow, unfollow, post,
 * disable, re-enable and deletion, so the profile reads one row instead of counting an account's followers.
 * `followers` counts the follows rows from enabled accounts, `following` those to enabled accounts, `posts` the
 * public posts (no organization). No row = all zero.
 */
export const userCounts = pgTable("user_counts", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  followers: integer("followers").notNull().default(0),
  following: integer("following").notNull().default(0),
  posts: integer("posts").notNull().default(0),
});

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type EmailTokenRow = typeof emailTokens.$inferSelect;
export type SecurityEventRow = typeof securityEvents.$inferSelect;
export type PostRow = typeof posts.$inferSelect;
export type MailOutboxRow = typeof mailOutbox.$inferSelect;

/**
 * A passkey (WebAuthn credential) of an account. `id` is ours (random text, lib/posts/ids.ts's kind);
 * `credentialId` is the authenticator's (base64url), unique across the site. The public key is kept as
 * base64url text (the same in both drivers). `counter` is the signature counter last seen (0 for
 * authenticators that keep none, such as synced passkeys).
 */
export const passkeys = pgTable(
  "passkeys",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    credentialId: text("credential_id").notNull(),
    publicKey: text("public_key").notNull(),
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    transports: jsonb("transports").$type<string[]>().notNull().default([]),
    /** `multiDevice` credentials may be synced; `backedUp` says whether this one is. */
    deviceType: text("device_type").notNull(),
    backedUp: boolean("backed_up").notNull(),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex("passkeys_credential_id_unique").on(t.credentialId),
    index("passkeys_user_id_idx").on(t.userId, t.createdAt),
  ],
);

export const webauthnPurposeEnum = pgEnum("webauthn_purpose", ["registration", "sign_in", "reauthentication"]);

/**
 * A WebAuthn ceremony's challenge: only its SHA-256 is kept, spent once (`delete … returning`), dead
 * after 5 minutes. Registration and re-authentication are bound to the session that asked; a sign-in's
 * challenge is the pending sign-in itself.
 */
export const webauthnChallenges = pgTable(
  "webauthn_challenges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    challengeHash: text("challenge_hash").notNull(),
    purpose: webauthnPurposeEnum("purpose").notNull(),
    sessionId: uuid("session_id").references(() => sessions.id, { onDelete: "cascade" }),
    /** SHA-256 of the secret that binds the challenge to the client that asked (a cookie, or a field). */
    bindingHash: text("binding_hash"),
    /** The asking client's address key (lib/security/ip-key.ts, hashed), to bound its live challenges. */
    clientKey: text("client_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("webauthn_challenges_hash_unique").on(t.challengeHash),
    index("webauthn_challenges_client_idx").on(t.clientKey, t.expiresAt),
    index("webauthn_challenges_session_idx").on(t.sessionId),
    index("webauthn_challenges_expires_at_idx").on(t.expiresAt),
  ],
);
export type PasskeyRow = typeof passkeys.$inferSelect;

/**
 * An identity at an outside provider (OpenID Connect, GitHub, Google) connected to an account: the key
 * is (provider, subject), never an email. `email` is what the provider gave when it was connected (and
 * whether it said it verified it); provider tokens are never stored.
 */
export const identities = pgTable(
  "identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The Auth.js provider id: `oidc`, `github`, `google`. */
    provider: text("provider").notNull(),
    /** The provider's stable id of the person (`sub`; GitHub's numeric user id). */
    subject: text("subject").notNull(),
    email: text("email"),
    emailVerified: boolean("email_verified").notNull().default(false),
    connectedAt: timestamp("connected_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex("identities_provider_subject_unique").on(t.provider, t.subject),
    index("identities_user_id_idx").on(t.userId, t.connectedAt),
  ],
);
export type IdentityRow = typeof identities.$inferSelect;

/**
 * A pending sign-in by email (one per account: a newer request replaces it). The link's token and the
 * 8-digit code are stored as SHA-256 only; `bindingHash` is the SHA-256 of the cookie set in the browser
 * that asked, so the link signs in only there; `failures` counts wrong codes for this request (dead at 5).
 */
export const emailSignIns = pgTable(
  "email_sign_ins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    codeHash: text("code_hash").notNull(),
    bindingHash: text("binding_hash"),
    failures: integer("failures").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("email_sign_ins_user_unique").on(t.userId),
    uniqueIndex("email_sign_ins_token_hash_unique").on(t.tokenHash),
    index("email_sign_ins_expires_at_idx").on(t.expiresAt),
  ],
);
export type EmailSignInRow = typeof emailSignIns.$inferSelect;

/**
 * A named API key: a bearer token (`acc_` + random) limited to `scopes`, shown once and stored as its
 * SHA-256 (like a session token); `prefix` is its first characters, kept for display. Revoking deletes the row.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    scopes: jsonb("scopes").$type<string[]>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** Written at most once a minute. */
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, precision: 3 }),
    /** Null: never expires. */
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex("api_keys_key_hash_unique").on(t.keyHash),
    index("api_keys_user_id_idx").on(t.userId, t.createdAt),
  ],
);
export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** An account's role in an organization, strongest first. */
export const orgRoleEnum = pgEnum("org_role", ["owner", "admin", "member"]);

/**
 * A team. `slug` is its unique address (lower-case letters, digits, dashes; 3–40). Who may do what is
 * read from `memberships` on every request, never from a session.
 */
export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("organizations_slug_unique").on(t.slug)],
);
export type OrganizationRow = typeof organizations.$inferSelect;

/** One membership per account and organization. An organization always keeps an owner (lib/organizations). */
export const memberships = pgTable(
  "memberships",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: orgRoleEnum("role").notNull(),
    joinedAt: timestamp("joined_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("memberships_org_user_unique").on(t.organizationId, t.userId),
    index("memberships_user_id_idx").on(t.userId),
  ],
);
export type MembershipRow = typeof memberships.$inferSelect;

/**
 * A pending invitation: one per organization and (normalised) address, a newer one replaces it. The link's
 * token is stored as its SHA-256; accepting, declining or revoking deletes the row, so a link works once.
 */
export const organizationInvitations = pgTable(
  "organization_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: orgRoleEnum("role").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    uniqueIndex("organization_invitations_org_email_unique").on(t.organizationId, t.email),
    uniqueIndex("organization_invitations_token_hash_unique").on(t.tokenHash),
  ],
);
export type OrganizationInvitationRow = typeof organizationInvitations.$inferSelect;

/**
 * A webhook endpoint, managed by administrators. `events` empty means every event type. The signing secret
 * is sealed (lib/crypto/sealed.ts); during a rotation the previous one keeps signing until
 * `previous_secret_expires_at`. `failing_since` is the first failure of the current run of failures.
 */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: uuid("id").primaryKey().defaultRandom(),
  url: text("url").notNull(),
  events: jsonb("events").$type<string[]>().notNull(),
  description: text("description").notNull().default(""),
  enabled: boolean("enabled").notNull().default(true),
  /** Why it was turned off by the system (410 Gone, failing for a day), null when an administrator did. */
  disabledReason: text("disabled_reason"),
  secretSealed: text("secret_sealed").notNull(),
  previousSecretSealed: text("previous_secret_sealed"),
  previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true, precision: 3 }),
  failingSince: timestamp("failing_since", { withTimezone: true, precision: 3 }),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

/**
 * One event for receivers, written in the transaction of the change that causes it. `id` is the
 * `webhook-id` header (`msg_` + random), the same on every attempt; `payload` is `{type, timestamp, data}`.
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    payload: jsonb("payload").$type<{ type: string; timestamp: string; data: Record<string, unknown> }>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("webhook_events_created_at_idx").on(t.createdAt)],
);
export type WebhookEventRow = typeof webhookEvents.$inferSelect;

export const webhookMessageStatusEnum = pgEnum("webhook_message_status", ["pending", "succeeded", "failed"]);

/**
 * One event to one endpoint: the delivery queue, fanned out in the event's transaction to the endpoints
 * enabled and subscribed then. Claimed like the mail outbox (lease on `next_attempt_at`).
 */
export const webhookMessages = pgTable(
  "webhook_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: text("event_id")
      .notNull()
      .references(() => webhookEvents.id, { onDelete: "cascade" }),
    status: webhookMessageStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    doneAt: timestamp("done_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex("webhook_messages_endpoint_event_unique").on(t.endpointId, t.eventId),
    index("webhook_messages_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index("webhook_messages_done_at_idx").on(t.doneAt),
  ],
);
export type WebhookMessageRow = typeof webhookMessages.$inferSelect;

/** One row per delivery attempt (or refusal before connecting), for the console's delivery list. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => webhookMessages.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    attempt: integer("attempt").notNull(),
    /** The receiver's HTTP status; null when no answer came (refused, timed out, address not allowed). */
    status: integer("status"),
    durationMs: integer("duration_ms").notNull(),
    /** Why it failed, in words safe to show (never the body or a secret). */
    error: text("error"),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** When the next try is due, if any. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [index("webhook_attempts_endpoint_idx").on(t.endpointId, t.id)],
);
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;

/**
 * Who follows whom (issue 33): public, one row per pair, never oneself. `created_at` keeps microseconds, so the
 * followers and following lists page by (created_at, id) like the feeds.
 */
export const follows = pgTable(
  "follows",
  {
    followerId: uuid("follower_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    followeeId: uuid("followee_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("follows_pair_unique").on(t.followerId, t.followeeId),
    // An account's followers, newest first; and whom it follows, newest first (the lists and the feed).
    index("follows_followee_created_idx").on(t.followeeId, t.createdAt.desc(), t.followerId),
    index("follows_follower_created_idx").on(t.followerId, t.createdAt.desc(), t.followeeId),
    check("follows_not_self", sql`${t.followerId} <> ${t.followeeId}`),
  ],
);
export type FollowRow = typeof follows.$inferSelect;
