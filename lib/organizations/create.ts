import "server-only";
import { getDb } from "@/db/client";
import { memberships, organizations } from "@/db/schema";
import type { ClientInfo } from "../client-info";
import { fail, ok, type Result } from "../result";
import { validate } from "../validation";
import { recordOrgChange } from "./activity";
import type { OrganizationDto } from "./membership";
import { createOrganizationSchema } from "./schemas";

export const ORG_EMAIL_UNVERIFIED =
  "Confirm your email address before you create an organization: follow the link we sent you.";
export const SLUG_TAKEN = "This address is taken: choose another.";

/** Who acts on organizations: a Caller fits. The role is never read from here, always from the rows. */
export type OrgActor = { user: { id: string; username: string; emailVerified: boolean } };

/**
 * Creates an organization whose owner is the actor (a verified email, else 403 `email_unverified`). The slug is
 * claimed by the insert itself (`on conflict do nothing`), so two creates of one slug at once make one and the
 * other is 409; the owner's membership, `organization.created` and its webhook event commit with it.
 */
export async function createOrganization(
  actor: OrgActor,
  input: unknown,
  client: ClientInfo,
): Promise<Result<OrganizationDto>> {
  const parsed = validate(createOrganizationSchema, input);
  if (!parsed.ok) return parsed;
  if (!actor.user.emailVerified) return fail("forbidden", ORG_EMAIL_UNVERIFIED, { reason: "email_unverified" });
  const { name, slug } = parsed.value;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(organizations)
      .values({ name, slug, createdBy: actor.user.id })
      .onConflictDoNothing({ target: organizations.slug })
      .returning();
    if (!row) return fail("conflict", SLUG_TAKEN, { fields: { slug: [SLUG_TAKEN] } });
    await tx.insert(memberships).values({ organizationId: row.id, userId: actor.user.id, role: "owner" });
    const actorAccount = { id: actor.user.id, username: actor.user.username };
    await recordOrgChange("organization.created", { organization: row, actor: actorAccount }, client, tx);
    return ok({ id: row.id, slug: row.slug, name: row.name, role: "owner", createdAt: row.createdAt.toISOString() });
  });
}
