import "server-only";
import type { Db, Tx } from "@/db/client";
import type { ClientInfo } from "../client-info";
import { recordEvent, type EventType } from "../security/events";
import { emitWebhook } from "../webhook-events/emit";
import type { WebhookEventType } from "../webhook-events/types";
import type { OrgRole } from "./roles";

type Account = { id: string; username: string };
type Org = { id: string; slug: string; name: string };

export type OrgChange = {
  organization: Org;
  actor: Account;
  /** The account the change is about, when it is not only the actor (a role changed, a member removed). */
  member?: Account & { role?: OrgRole | null; previousRole?: OrgRole | null };
};

/**
 * Records one organization change in `tx`, the change's own transaction: a security event in the activity of
 * the actor and of the member it concerns (one row each; once when they are the same account), with the
 * acting account, and the webhook event of the same name. Detail carries slugs, usernames and roles only.
 */
export async function recordOrgChange(
  type: EventType & WebhookEventType,
  change: OrgChange,
  client: ClientInfo,
  tx: Db | Tx,
): Promise<void> {
  const { organization, actor, member } = change;
  const detail = {
    organization: organization.slug,
    actor: actor.username,
    ...(member ? { member: member.username } : {}),
    ...(member?.role ? { role: member.role } : {}),
    ...(member?.previousRole ? { previousRole: member.previousRole } : {}),
  };
  const concerned = member && member.id !== actor.id ? [actor.id, member.id] : [actor.id];
  for (const userId of concerned) await recordEvent(type, { ...client, userId, actorId: actor.id, detail }, tx);
  await emitWebhook(
    type,
    {
      organization: { id: organization.id, slug: organization.slug, name: organization.name },
      actor: { userId: actor.id, username: actor.username },
      ...(member ? { member: { userId: member.id, username: member.username, role: member.role ?? null } } : {}),
    },
    tx,
  );
}
