import "server-only";
import { and, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, organizationInvitations, organizations, users } from "@/db/schema";
import type { ClientInfo } from "../client-info";
import { hashToken, isWellFormedToken } from "../crypto/tokens";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import type { Caller } from "../sessions/resolve";
import { validate } from "../validation";
import { emitWebhook } from "../webhook-events/emit";
import { invitationTokenSchema } from "./invitation-schemas";
import { membershipBySlug, type OrganizationDto } from "./membership";
import type { OrgRole } from "./roles";

export const INVALID_INVITATION =
  "This invitation is invalid: it was revoked, replaced by a newer one, already used, or it expired. Ask for a new one.";
export const INVITATION_EMAIL_MISMATCH =
  "This invitation was sent to another email address. Sign in with the account that uses that address (or make it " +
  "this account's confirmed address) to accept it.";
export const INVITATION_EMAIL_UNVERIFIED =
  "Confirm your email address first (follow the link we sent you), then accept the invitation.";

/** What the invitation page shows before anyone presses a button. Nothing here is secret to the link's holder. */
export type InvitationPreview = {
  organizationName: string;
  role: OrgRole;
  email: string;
  inviter: string | null;
  expiresAt: string;
};

const liveByToken = (hash: string) =>
  and(eq(organizationInvitations.tokenHash, hash), gt(organizationInvitations.expiresAt, sql`now()`));

/** The pending invitation behind a link's token, or null (malformed, unknown, expired, used, revoked, replaced). */
export async function peekInvitation(token: unknown): Promise<InvitationPreview | null> {
  if (typeof token !== "string" || !isWellFormedToken(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      organizationName: organizations.name,
      role: organizationInvitations.role,
      email: organizationInvitations.email,
      inviter: users.username,
      expiresAt: organizationInvitations.expiresAt,
    })
    .from(organizationInvitations)
    .innerJoin(organizations, eq(organizations.id, organizationInvitations.organizationId))
    .leftJoin(users, eq(users.id, organizationInvitations.invitedBy))
    .where(liveByToken(hashToken(token)));
  return row ? { ...row, expiresAt: row.expiresAt.toISOString() } : null;
}

/**
 * Accepts an invitation for the caller: their **confirmed** address must be the invited one (read from the
 * account's row, not the session), else 403 `email_unverified` / `invitation_email_mismatch`, and nothing is
 * spent. The invitation is spent by one DELETE … RETURNING whose condition repeats those checks, so of two
 * accepts at once exactly one gets the row (one membership); the other answers 400 like a used link. An
 * account already in the organization keeps its role. Records `member.joined` and emits its webhook event.
 */
export async function acceptInvitation(
  caller: Caller,
  input: unknown,
  client: ClientInfo,
): Promise<Result<OrganizationDto>> {
  const hash = tokenHashOf(input);
  if (!hash) return fail("validation", INVALID_INVITATION);
  const db = await getDb();
  const [pending] = await db
    .select({ email: organizationInvitations.email })
    .from(organizationInvitations)
    .where(liveByToken(hash));
  if (!pending) return fail("validation", INVALID_INVITATION);
  const [me] = await db
    .select({ email: users.email, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, caller.user.id));
  if (!me?.verifiedAt) return fail("forbidden", INVITATION_EMAIL_UNVERIFIED, { reason: "email_unverified" });
  if (me.email !== pending.email)
    return fail("forbidden", INVITATION_EMAIL_MISMATCH, { reason: "invitation_email_mismatch" });

  const userId = caller.user.id;
  const joined = await db.transaction(async (tx) => {
    const ownAddress = tx
      .select({ email: users.email })
      .from(users)
      .where(and(eq(users.id, userId), isNotNull(users.emailVerifiedAt), isNull(users.disabledAt)));
    const [spent] = await tx
      .delete(organizationInvitations)
      .where(and(liveByToken(hash), sql`${organizationInvitations.email} = (${ownAddress})`))
      .returning();
    if (!spent) return null;
    await tx
      .insert(memberships)
      .values({ organizationId: spent.organizationId, userId, role: spent.role })
      .onConflictDoNothing();
    const [org] = await tx
      .select({ slug: organizations.slug })
      .from(organizations)
      .where(eq(organizations.id, spent.organizationId));
    const membership = await membershipBySlug(org!.slug, userId, tx);
    const detail = { organization: org!.slug, role: membership!.role };
    await recordEvent("member.joined", { ...client, userId, detail }, tx);
    await emitWebhook(
      "member.joined",
      {
        organization: { id: spent.organizationId, slug: org!.slug },
        member: { userId, role: membership!.role },
        invitationId: spent.id,
      },
      tx,
    );
    return membership!.organization;
  });
  return joined ? ok(joined) : fail("validation", INVALID_INVITATION);
}

/**
 * Declines an invitation: whoever holds the link may (it was mailed to the address), so it needs no account;
 * the row is deleted. An invalid, used or expired token is 400 like accepting one.
 */
export async function declineInvitation(input: unknown): Promise<Result<void>> {
  const hash = tokenHashOf(input);
  if (!hash) return fail("validation", INVALID_INVITATION);
  const db = await getDb();
  const deleted = await db
    .delete(organizationInvitations)
    .where(liveByToken(hash))
    .returning({ id: organizationInvitations.id });
  return deleted.length ? ok(undefined) : fail("validation", INVALID_INVITATION);
}

function tokenHashOf(input: unknown): string | null {
  const parsed = validate(invitationTokenSchema, input);
  if (!parsed.ok || !isWellFormedToken(parsed.value.token)) return null;
  return hashToken(parsed.value.token);
}
