import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, organizations } from "@/db/schema";
import type { ClientInfo } from "../client-info";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import { requireRecentAuth, type WithProof } from "../security/recent-auth";
import { validate } from "../validation";
import { emitWebhook } from "../webhook-events/emit";
import type { OrgActor } from "./create";
import { lockForMember } from "./lock";
import type { OrganizationDto } from "./membership";
import { RULES } from "./rules";
import { deleteOrganizationSchema, ORGANIZATION_NOT_FOUND, renameOrganizationSchema } from "./schemas";

export const CONFIRM_MISMATCH = "Type the organization's address exactly as shown to confirm.";

/** Renames the organization (owners only; 404 to a non-member, 403 below owner); emits `organization.updated`. */
export async function renameOrganization(
  actor: OrgActor,
  slug: string,
  input: unknown,
): Promise<Result<OrganizationDto>> {
  const parsed = validate(renameOrganizationSchema, input);
  if (!parsed.ok) return parsed;
  const db = await getDb();
  return db.transaction(async (tx): Promise<Result<OrganizationDto>> => {
    const locked = await lockForMember(tx, slug, actor.user.id);
    if (!locked) return fail("not_found", ORGANIZATION_NOT_FOUND);
    if (locked.role !== "owner") return fail("forbidden", RULES.ownersOnly);
    const [row] = await tx
      .update(organizations)
      .set({ name: parsed.value.name })
      .where(eq(organizations.id, locked.organization.id))
      .returning();
    const organization = { id: row!.id, slug: row!.slug, name: row!.name };
    if (row!.name !== locked.organization.name) {
      await emitWebhook("organization.updated", { organization, actor: { userId: actor.user.id } }, tx);
    }
    return ok({ ...organization, role: "owner", createdAt: row!.createdAt.toISOString() });
  });
}

/**
 * Deletes the organization with its memberships, invitations and posts (the foreign keys cascade): an owner,
 * inside the re-authentication window (403 `reauthentication_required`), who typed its slug as `confirm`.
 * `organization.deleted` goes into the activity of every member it had, and out as a webhook event.
 */
export async function deleteOrganization(
  actor: OrgActor & WithProof,
  slug: string,
  input: unknown,
  client: ClientInfo,
): Promise<Result<void>> {
  const parsed = validate(deleteOrganizationSchema, input);
  if (!parsed.ok) return parsed;
  const db = await getDb();
  return db.transaction(async (tx): Promise<Result<void>> => {
    const locked = await lockForMember(tx, slug, actor.user.id);
    if (!locked) return fail("not_found", ORGANIZATION_NOT_FOUND);
    if (locked.role !== "owner") return fail("forbidden", RULES.ownersOnly);
    const recent = requireRecentAuth(actor);
    if (!recent.ok) return recent;
    if (parsed.value.confirm !== locked.organization.slug) {
      return fail("validation", CONFIRM_MISMATCH, { fields: { confirm: [CONFIRM_MISMATCH] } });
    }
    const org = locked.organization;
    const members = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(eq(memberships.organizationId, org.id));
    await tx.delete(organizations).where(eq(organizations.id, org.id));
    const detail = { organization: org.slug, actor: locked.username };
    for (const { userId } of members) {
      await recordEvent("organization.deleted", { ...client, userId, actorId: actor.user.id, detail }, tx);
    }
    const organization = { id: org.id, slug: org.slug, name: org.name };
    await emitWebhook("organization.deleted", { organization, actor: { userId: actor.user.id } }, tx);
    return ok(undefined);
  });
}
