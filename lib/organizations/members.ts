import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { memberships } from "@/db/schema";
import type { ClientInfo } from "../client-info";
import { fail, ok, type Result } from "../result";
import { validate } from "../validation";
import { recordOrgChange } from "./activity";
import type { OrgActor } from "./create";
import type { MemberDto } from "./dto-schemas";
import { lockForMember, memberOf, ownerCount } from "./lock";
import { removalRefusal, roleChangeRefusal, RULES } from "./rules";
import { changeRoleSchema, MEMBER_NOT_FOUND, ORGANIZATION_NOT_FOUND } from "./schemas";

const lastOwner = () => fail("conflict", RULES.lastOwner, { reason: "last_owner" });

/** Another owner remains besides `userId`: the statement's own guard (the lock makes the count exact). */
const anotherOwner = (organizationId: string, userId: string) => sql`exists (
  select 1 from ${memberships} o
  where o.organization_id = ${organizationId} and o.role = 'owner' and o.user_id <> ${userId})`;

/**
 * Gives a member a new role by the rules (lib/organizations/rules.ts): 404 to a non-member (and for an account
 * not in the organization), 403 by the rules, 409 `last_owner` for the last owner's demotion. Under the
 * organization's row lock, and the update itself refuses to demote an owner when no other owner remains, so two
 * owners demoting each other at once leave one.
 */
export async function changeMemberRole(
  actor: OrgActor,
  slug: string,
  targetId: string,
  input: unknown,
  client: ClientInfo,
): Promise<Result<MemberDto>> {
  const parsed = validate(changeRoleSchema, input);
  if (!parsed.ok) return parsed;
  const next = parsed.value.role;
  const db = await getDb();
  return db.transaction(async (tx): Promise<Result<MemberDto>> => {
    const locked = await lockForMember(tx, slug, actor.user.id);
    if (!locked) return fail("not_found", ORGANIZATION_NOT_FOUND);
    const org = locked.organization;
    const target = await memberOf(tx, org.id, targetId);
    if (!target) return fail("not_found", MEMBER_NOT_FOUND);
    const refusal = roleChangeRefusal({ id: actor.user.id, role: locked.role }, target, next);
    if (refusal) return fail("forbidden", refusal);
    if (target.role === "owner" && next !== "owner" && (await ownerCount(tx, org.id)) <= 1) return lastOwner();
    const [row] = await tx
      .update(memberships)
      .set({ role: next })
      .where(
        and(
          eq(memberships.organizationId, org.id),
          eq(memberships.userId, targetId),
          sql`(${next} = 'owner' or ${memberships.role} <> 'owner' or ${anotherOwner(org.id, targetId)})`,
        ),
      )
      .returning();
    if (!row) return lastOwner();
    if (target.role !== next) {
      await recordOrgChange(
        "member.role_changed",
        {
          organization: org,
          actor: { id: actor.user.id, username: locked.username },
          member: { id: target.id, username: target.username, role: next, previousRole: target.role },
        },
        client,
        tx,
      );
    }
    return ok({ userId: row.userId, username: target.username, role: row.role, joinedAt: row.joinedAt.toISOString() });
  });
}

/**
 * Removes a member (admins and owners, by the rules), or the caller themselves (leaving). The last owner can
 * neither leave nor be removed (409 `last_owner`): under the organization's row lock, and the delete refuses it
 * itself. A removed member's next request reads the rows and finds nothing (404).
 */
export async function removeMember(
  actor: OrgActor,
  slug: string,
  targetId: string,
  client: ClientInfo,
): Promise<Result<{ left: boolean }>> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<Result<{ left: boolean }>> => {
    const locked = await lockForMember(tx, slug, actor.user.id);
    if (!locked) return fail("not_found", ORGANIZATION_NOT_FOUND);
    const org = locked.organization;
    const leaving = targetId === actor.user.id;
    const target = leaving
      ? { id: actor.user.id, role: locked.role, username: locked.username }
      : await memberOf(tx, org.id, targetId);
    if (!target) return fail("not_found", MEMBER_NOT_FOUND);
    if (!leaving) {
      const refusal = removalRefusal({ role: locked.role }, target);
      if (refusal) return fail("forbidden", refusal);
    }
    if (target.role === "owner" && (await ownerCount(tx, org.id)) <= 1) return lastOwner();
    const removed = await deleteMembership(tx, org.id, target.id);
    if (!removed) return lastOwner();
    await recordOrgChange(
      leaving ? "member.left" : "member.removed",
      {
        organization: org,
        actor: { id: actor.user.id, username: locked.username },
        member: { id: target.id, username: target.username, previousRole: target.role },
      },
      client,
      tx,
    );
    return ok({ left: leaving });
  });
}

async function deleteMembership(tx: Tx, organizationId: string, userId: string): Promise<boolean> {
  const rows = await tx
    .delete(memberships)
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        eq(memberships.userId, userId),
        sql`(${memberships.role} <> 'owner' or ${anotherOwner(organizationId, userId)})`,
      ),
    )
    .returning({ userId: memberships.userId });
  return rows.length > 0;
}
