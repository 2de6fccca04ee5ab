import "server-only";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { memberships, organizationInvitations } from "@/db/schema";
import type { ClientInfo } from "../client-info";
import { hashToken, newToken } from "../crypto/tokens";
import { appLink } from "../email/links";
import { sendMail } from "../email/outbox";
import { invitationMail } from "../email/templates";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import { claimLimit } from "../security/limit-events";
import type { Caller } from "../sessions/resolve";
import { UUID_PATTERN, validate } from "../validation";
import { emitWebhook } from "../webhook-events/emit";
import { inviteSchema } from "./invitation-schemas";
import { membershipBySlug, type OrganizationDto } from "./membership";
import { atLeast, ORG_ROLES, type OrgRole } from "./roles";

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;
export const NO_ORGANIZATION = "No such organization.";
export const ADMINS_ONLY = "Only the organization's admins and owners manage invitations.";
export const ABOVE_OWN_ROLE = "You cannot invite someone with a role above your own.";
export const NO_INVITATION = "No such pending invitation.";

/** A pending invitation as admins and owners see it (never its token or hash). */
export type InvitationDto = { id: string; email: string; role: OrgRole; createdAt: string; expiresAt: string };

const toDto = (r: { id: string; email: string; role: OrgRole; createdAt: Date; expiresAt: Date }): InvitationDto => ({
  id: r.id,
  email: r.email,
  role: r.role,
  createdAt: r.createdAt.toISOString(),
  expiresAt: r.expiresAt.toISOString(),
});

/** The caller's organization when they may manage its invitations: 404 to non-members, 403 below admin. */
async function managed(
  slug: string,
  caller: Caller,
): Promise<Result<{ organization: OrganizationDto; role: OrgRole }>> {
  const membership = await membershipBySlug(slug, caller.user.id);
  if (!membership) return fail("not_found", NO_ORGANIZATION);
  if (!atLeast(membership.role, "admin")) return fail("forbidden", ADMINS_ONLY);
  return ok(membership);
}

/** The roles an inviter must hold to grant `role`: admin or owner, and never below the role granted. */
const rolesAllowedToGrant = (role: OrgRole) => ORG_ROLES.filter((r) => atLeast(r, "admin") && atLeast(r, role));

/**
 * Invites an address into the organization at `slug` with a role. Only admins and owners invite, and nobody
 * above their own role: checked first for a clear answer, and again inside the statement that writes the row
 * (an insert … select from the inviter's membership row, so a demotion that committed first is seen). One
 * pending invitation per organization and address: a newer one replaces it (same row, new token, new 7 days),
 * so two at once leave one row, whose token is the only live one. The token is stored hashed; the mail goes
 * through the outbox in the same transaction. The answer does not depend on whether the address has an
 * account. Limits: `invite_account` per inviter, `invite_organization` per organization.
 */
export async function inviteMember(
  caller: Caller,
  slug: string,
  input: unknown,
  client: ClientInfo,
): Promise<Result<InvitationDto>> {
  const org = await managed(slug, caller);
  if (!org.ok) return org;
  const parsed = validate(inviteSchema, input);
  if (!parsed.ok) return parsed;
  const { email, role } = parsed.value;
  if (!atLeast(org.value.role, role)) return fail("forbidden", ABOVE_OWN_ROLE, { fields: { role: [ABOVE_OWN_ROLE] } });
  const userId = caller.user.id;
  const { organization } = org.value;
  const refused = { subject: userId, context: { ...client, userId } };
  const byAccount = await claimLimit("invite_account", [userId], refused);
  if (!byAccount.ok) return byAccount;
  const byOrganization = await claimLimit("invite_organization", [organization.id], refused);
  if (!byOrganization.ok) return byOrganization;

  const { token, hash } = newToken();
  const db = await getDb();
  const written = await db.transaction(async (tx) => {
    const id = await upsertInvitation(tx, { organizationId: organization.id, userId, email, role, hash });
    if (!id) return null;
    const [row] = await tx.select().from(organizationInvitations).where(eq(organizationInvitations.id, id));
    const url = appLink("/invitations/accept", token);
    await sendMail(invitationMail(email, organization.name, caller.user.username, role, url, INVITATION_DAYS), tx);
    const detail = { organization: organization.slug, email, role };
    await recordEvent("member.invited", { ...client, userId, detail }, tx);
    const invitation = toDto(row!);
    await emitWebhook(
      "member.invited",
      { organization: { id: organization.id, slug: organization.slug }, invitation, invitedBy: userId },
      tx,
    );
    return invitation;
  });
  return written ? ok(written) : fail("forbidden", ADMINS_ONLY);
}

/** The one statement that writes (or replaces) the invitation, only while the inviter may grant `role`. */
async function upsertInvitation(
  tx: Db | Tx,
  v: { organizationId: string; userId: string; email: string; role: OrgRole; hash: string },
): Promise<string | null> {
  const allowed = sql.join(
    rolesAllowedToGrant(v.role).map((r) => sql`${r}::org_role`),
    sql`, `,
  );
  const result = await tx.execute(sql`
    insert into organization_invitations (organization_id, email, role, token_hash, invited_by, expires_at)
    select m.organization_id, ${v.email}, ${v.role}::org_role, ${v.hash}, m.user_id,
      now() + ${INVITATION_DAYS}::int * interval '1 day'
    from memberships m
    where m.organization_id = ${v.organizationId}::uuid and m.user_id = ${v.userId}::uuid and m.role in (${allowed})
    on conflict (organization_id, email) do update set
      role = excluded.role, token_hash = excluded.token_hash, invited_by = excluded.invited_by,
      created_at = now(), expires_at = excluded.expires_at
    returning id`);
  const rows = (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as { id: string }[];
  return rows[0]?.id ?? null;
}

/** The organization's pending (unexpired) invitations, oldest first: to its admins and owners only. */
export async function listInvitations(caller: Caller, slug: string): Promise<Result<InvitationDto[]>> {
  const org = await managed(slug, caller);
  if (!org.ok) return org;
  const db = await getDb();
  const rows = await db
    .select()
    .from(organizationInvitations)
    .where(
      and(
        eq(organizationInvitations.organizationId, org.value.organization.id),
        gt(organizationInvitations.expiresAt, sql`now()`),
      ),
    )
    .orderBy(asc(organizationInvitations.createdAt), asc(organizationInvitations.id))
    .limit(500);
  return ok(rows.map(toDto));
}

/**
 * Revokes a pending invitation: one DELETE whose condition holds the caller's admin-or-owner membership of the
 * invitation's organization. Another organization's invitation id, or an unknown one, is 404.
 */
export async function revokeInvitation(caller: Caller, slug: string, id: string): Promise<Result<void>> {
  const org = await managed(slug, caller);
  if (!org.ok) return org;
  if (!UUID_PATTERN.test(id)) return fail("not_found", NO_INVITATION);
  const db = await getDb();
  const organizationId = org.value.organization.id;
  const deleted = await db
    .delete(organizationInvitations)
    .where(
      and(
        eq(organizationInvitations.id, id),
        eq(organizationInvitations.organizationId, organizationId),
        sql`exists (${db
          .select({ one: sql`1` })
          .from(memberships)
          .where(
            and(
              eq(memberships.organizationId, organizationId),
              eq(memberships.userId, caller.user.id),
              inArray(memberships.role, ["owner", "admin"]),
            ),
          )})`,
      ),
    )
    .returning({ id: organizationInvitations.id });
  return deleted.length ? ok(undefined) : fail("not_found", NO_INVITATION);
}

/** Hashes a link's token the way invitations are stored (lib/organizations/invitation-accept.ts). */
export const invitationTokenHash = hashToken;
