import "server-only";
import { randomInt } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { identities, users, type UserRow } from "@/db/schema";
import type { ClientInfo } from "../client-info";
import { issueEmailToken } from "../email-tokens/tokens";
import { appLink } from "../email/links";
import { sendMail } from "../email/outbox";
import { verificationMail } from "../email/templates";
import { getEnv } from "../env";
import { connectIdentityNow, findIdentity, touchIdentity, type NewIdentity } from "../identities/store";
import { log } from "../log";
import { fail, ok, type Result } from "../result";
import { ipKey } from "../security/ip-key";
import { recordLimitHit } from "../security/limit-events";
import { hit } from "../security/rate-limit";
import { rateLimited } from "../security/rate-limited";
import { normaliseEmail, RESERVED_USERNAMES, usernameKey } from "../users/schemas";
import { emitUserWebhook } from "../users/webhook";
import { emitWebhook } from "../webhook-events/emit";
import { identityData } from "../webhook-events/payloads";
import type { ProviderProfile } from "./identity-providers/profile";
import { createChallenge, type MfaPending } from "./second-step";
import { attemptFor, claimSignIn, signInClaimReturned, signInFailed } from "./sign-in-limits";
import { ACCOUNT_DISABLED, finishSignIn, refuseDisabled, type BrowserContext, type SignedIn } from "./sign-in-tail";

/**
 * The way in through an identity provider, once Auth.js has checked the provider's answer (PKCE, state,
 * nonce, the ID token) and our provider's `profile()` has made a ProviderProfile of it:
 *
 * - **known identity** (provider, subject) → its account, exactly like a right password: the sign-in
 *   limits are claimed, a disabled account is refused with the password's message, two-factor on gives
 *   the second step's challenge, else the one tail `finishSignIn` (activity `method: "oidc"` with the
 *   provider).
 * - **unknown identity whose email is an account's** → never linked silently: `link_pending` (the caller
 *   keeps it in a sealed cookie and connects it after a sign-in to that account). With
 *   OIDC_LINK_VERIFIED_EMAIL the link is made at once only when the provider verified the email and the
 *   account's own email is verified (and two-factor, when on, is still asked first: `link_pending` with a
 *   challenge). A provider-verified email meeting an account whose email nobody verified: `link_pending`
 *   with `offerReset` (the page offers the password reset).
 * - **unknown identity, no such account** → a new account when OIDC_ALLOW_SIGNUP (username from the
 *   preferred username or the email's local part, made unique; the email verified only if the provider
 *   verified it; no password), else refused. Two first sign-ins of one identity at once make one account:
 *   the unique indexes decide, and the loser signs in to the winner's account.
 */
export type IdentitySignIn =
  | { kind: "signed_in"; signedIn: SignedIn; created: boolean }
  | { kind: "mfa"; mfa: MfaPending; userId: string }
  | { kind: "link_pending"; userId: string; offerReset: boolean; mfa?: MfaPending };

export const SIGNUP_CLOSED = (provider: string) =>
  `No account here is connected to that ${provider} sign-in, and new accounts cannot be made with it. ` +
  "Sign in another way, then connect it on your security page.";
export const NO_EMAIL = (provider: string) =>
  `${provider} did not share an email address, so no account can be made from it. ` +
  "Sign up with an email address, then connect it on your security page.";
export const SIGN_IN_AGAIN = "The account changed while you were signing in. Sign in again.";
export const IDENTITY_TAKEN = (provider: string) => `That ${provider} sign-in is already connected to another account.`;

/** The identity as it will be stored, from the profile. */
export function identityOf(profile: ProviderProfile, providerName: string): NewIdentity {
  return {
    provider: profile.provider,
    subject: profile.subject,
    email: profile.email,
    emailVerified: profile.emailVerified,
    providerName,
  };
}

export async function signInWithIdentity(
  profile: ProviderProfile,
  providerName: string,
  client: ClientInfo,
  browser: BrowserContext = {},
): Promise<Result<IdentitySignIn>> {
  const identity = identityOf(profile, providerName);
  const known = await findIdentity(profile);
  if (known) return knownIdentity(known.user, known.identity.id, identity, client, browser);
  const env = getEnv();
  const existing = profile.email ? await accountWithEmail(profile.email) : null;
  if (existing) {
    const autoLink = env.OIDC_LINK_VERIFIED_EMAIL && profile.emailVerified && existing.emailVerifiedAt !== null;
    if (!autoLink) {
      return ok({
        kind: "link_pending",
        userId: existing.id,
        offerReset: profile.emailVerified && existing.emailVerifiedAt === null,
      });
    }
    return verifiedEmailLink(existing, identity, client, browser);
  }
  if (!env.OIDC_ALLOW_SIGNUP) return fail("forbidden", SIGNUP_CLOSED(providerName));
  if (!profile.email) return fail("forbidden", NO_EMAIL(providerName));
  const allowed = await hit("sign_up_ip", [ipKey(client.ip)]);
  if (!allowed.ok) {
    await recordLimitHit("sign_up_ip", null, { ...client, userId: null });
    return rateLimited(allowed.retryAfter);
  }
  const made = await createAccountWithIdentity(profile, identity);
  if (made === "identity_taken" || made === "email_taken") {
    // Lost a race with the same identity's first sign-in (or a sign-up with this email): start again,
    // now that the winner's rows are committed (a unique index waits for the other transaction).
    log.info("identity sign-in: lost a first sign-in race, retrying", { provider: profile.provider, made });
    return signInWithIdentity(profile, providerName, client, browser);
  }
  const signedIn = await knownIdentity(made.user, made.identityId, identity, client, browser, true);
  if (!signedIn.ok || signedIn.value.kind !== "signed_in") return signedIn;
  return ok({ ...signedIn.value, created: true });
}

/** A known identity's account, exactly like a right password: limits, disabled, two-factor, the one tail. */
async function knownIdentity(
  user: UserRow,
  identityId: string,
  identity: NewIdentity,
  client: ClientInfo,
  browser: BrowserContext,
  /** The account was made by this sign-in: its browser is its first device, not a new one. */
  created = false,
): Promise<Result<IdentitySignIn>> {
  const attempt = attemptFor(user, "", "browser", client, browser.deviceCookie);
  const claim = await claimSignIn(attempt);
  if (!claim.ok) return rateLimited(claim.retryAfter);
  if (user.disabledAt) return refuseDisabled(attempt);
  if (user.totpEnabledAt) {
    const mfa = await createChallenge(user.id, user.passwordHash, "browser", {
      method: "oidc",
      provider: identity.provider,
    });
    if (!mfa) {
      await signInFailed(attempt, "password_changed");
      return fail("unauthorized", SIGN_IN_AGAIN);
    }
    await signInClaimReturned(attempt, claim);
    await touchIdentity(identityId);
    return ok({ kind: "mfa", mfa, userId: user.id });
  }
  const finished = await finishSignIn({
    user,
    kind: "browser",
    browser,
    attempt,
    claim,
    method: "oidc",
    provider: { provider: identity.provider, providerName: identity.providerName },
    comparedHash: null,
    gone: { reason: "disabled", answer: fail("forbidden", ACCOUNT_DISABLED, { reason: "account_disabled" }) },
    record: (tx) => touchIdentity(identityId, tx),
    ...(created ? { firstDevice: true as const } : {}),
  });
  return finished.ok ? ok({ kind: "signed_in", signedIn: finished.value, created: false }) : finished;
}

/**
 * OIDC_LINK_VERIFIED_EMAIL: both emails verified. Without two-factor the identity is connected (event,
 * mail) and the account signed in; with it, the link waits for the second step like any pending link.
 */
async function verifiedEmailLink(
  user: UserRow,
  identity: NewIdentity,
  client: ClientInfo,
  browser: BrowserContext,
): Promise<Result<IdentitySignIn>> {
  if (user.totpEnabledAt) {
    const attempt = attemptFor(user, "", "browser", client, browser.deviceCookie);
    const claim = await claimSignIn(attempt);
    if (!claim.ok) return rateLimited(claim.retryAfter);
    if (user.disabledAt) return refuseDisabled(attempt);
    const mfa = await createChallenge(user.id, user.passwordHash, "browser", {
      method: "oidc",
      provider: identity.provider,
    });
    await signInClaimReturned(attempt, claim);
    if (!mfa) return fail("unauthorized", SIGN_IN_AGAIN);
    return ok({ kind: "link_pending", userId: user.id, offerReset: false, mfa });
  }
  if (user.disabledAt) {
    const attempt = attemptFor(user, "", "browser", client, browser.deviceCookie);
    const claim = await claimSignIn(attempt);
    if (!claim.ok) return rateLimited(claim.retryAfter);
    return refuseDisabled(attempt);
  }
  const connected = await connectIdentityNow(user.id, identity, client);
  if (!connected.ok) return fail("conflict", IDENTITY_TAKEN(identity.providerName));
  return knownIdentity(user, connected.identity.id, identity, client, browser);
}

async function accountWithEmail(email: string): Promise<UserRow | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .limit(1);
  return row ?? null;
}

/** A username from the provider's preferred username or the email's local part: 3–30 of [A-Za-z0-9._-]. */
export function usernameBase(profile: Pick<ProviderProfile, "preferredUsername" | "email">): string {
  const from = (raw: string | null | undefined) =>
    (raw ?? "")
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9._-]+/g, "")
      .replace(/^[^A-Za-z0-9]+/, "")
      .slice(0, 24);
  let base = from(profile.preferredUsername?.split("@")[0]) || from(profile.email?.split("@")[0]);
  if (base.length < 3) base = (base + "user").slice(0, 24);
  if (RESERVED_USERNAMES.has(base.toLowerCase())) base = `${base}-user`;
  return base;
}

type Made = { user: UserRow; identityId: string } | "identity_taken" | "email_taken";

/**
 * The new account and its identity in one transaction. A taken username tries the next candidate
 * (base, then base-NNNN); a taken email or identity (a race) rolls everything back.
 */
async function createAccountWithIdentity(profile: ProviderProfile, identity: NewIdentity): Promise<Made> {
  const db = await getDb();
  const email = normaliseEmail(profile.email!);
  const base = usernameBase(profile);
  class Lost extends Error {
    constructor(readonly why: "identity_taken" | "email_taken") {
      super(why);
    }
  }
  try {
    return await db.transaction(async (tx) => {
      let user: UserRow | undefined;
      for (let i = 0; i < 8 && !user; i++) {
        const username = i === 0 ? base : `${base.slice(0, 25)}-${randomInt(1000, 10_000)}`;
        [user] = await tx
          .insert(users)
          .values({
            username,
            usernameKey: usernameKey(username),
            email,
            passwordHash: null,
            emailVerifiedAt: profile.emailVerified ? sql`now()` : null,
            displayName: profile.name?.slice(0, 100) ?? null,
          })
          .onConflictDoNothing()
          .returning();
        if (!user) {
          const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
          if (taken) throw new Lost("email_taken");
        }
      }
      if (!user) throw new Error("identity sign-in: no free username");
      const [row] = await tx
        .insert(identities)
        .values({
          userId: user.id,
          provider: identity.provider,
          subject: identity.subject,
          email: identity.email,
          emailVerified: identity.emailVerified,
        })
        .onConflictDoNothing({ target: [identities.provider, identities.subject] })
        .returning({ id: identities.id });
      if (!row) throw new Lost("identity_taken");
      await emitUserWebhook("user.created", user.id, tx, { via: "identity" }, user);
      await emitWebhook("identity.connected", identityData(user.id, { ...identity, id: row.id }), tx);
      // An address the provider did not vouch for gets the same verification link a password sign-up sends
      // (in this transaction: the account and its mail commit together).
      if (!user.emailVerifiedAt) {
        const ttl = getEnv().VERIFY_TOKEN_TTL_MINUTES;
        const token = await issueEmailToken(user.id, "verify_email", user.email, ttl, tx);
        await sendMail(verificationMail(user.email, appLink("/verify-email", token), Math.round(ttl / 60)), tx);
      }
      return { user, identityId: row.id };
    });
  } catch (error) {
    if (error instanceof Lost) return error.why;
    throw error;
  }
}

/** Whether the account has this identity (re-authentication accepts only the caller's own). */
export async function identityBelongsTo(userId: string, profile: ProviderProfile): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: identities.id })
    .from(identities)
    .where(
      and(
        eq(identities.userId, userId),
        eq(identities.provider, profile.provider),
        eq(identities.subject, profile.subject),
      ),
    )
    .limit(1);
  return Boolean(row);
}
