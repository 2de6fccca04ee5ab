import { atLeast, type OrgRole } from "./roles";

/** Why a change is refused, in words people read (the API's 403 detail, the page's message). */
export const RULES = {
  membersCannot: "Only the organization's admins and owners can change roles or remove members.",
  aboveOwn: "You cannot grant a role above your own.",
  adminsCannot: "Admins cannot change or remove an owner or another admin.",
  ownersOnly: "Only the organization's owners can do this.",
  lastOwner: "An organization always keeps an owner: make another member an owner first (or delete the organization).",
} as const;

/**
 * Whether `actor` may give `target` the role `next` (pure; the owner count is the caller's, under the lock).
 * Members change nothing; nobody grants above their own role; an admin changes no owner and no other admin
 * (an admin may step down themselves). Returns the refusal's words, or null when allowed.
 */
export function roleChangeRefusal(
  actor: { id: string; role: OrgRole },
  target: { id: string; role: OrgRole },
  next: OrgRole,
): string | null {
  if (!atLeast(actor.role, "admin")) return RULES.membersCannot;
  if (!atLeast(actor.role, next)) return RULES.aboveOwn;
  if (actor.role !== "owner" && target.id !== actor.id && atLeast(target.role, "admin")) return RULES.adminsCannot;
  return null;
}

/** Whether `actor` may remove `target` (someone else; leaving is always allowed but for the last owner). */
export function removalRefusal(actor: { role: OrgRole }, target: { role: OrgRole }): string | null {
  if (!atLeast(actor.role, "admin")) return RULES.membersCannot;
  if (actor.role !== "owner" && atLeast(target.role, "admin")) return RULES.adminsCannot;
  return null;
}
