/** An account's role in an organization, strongest first (db/schema.ts#orgRoleEnum). Pure. */
export const ORG_ROLES = ["owner", "admin", "member"] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

const RANK: Record<OrgRole, number> = { owner: 3, admin: 2, member: 1 };

/** Whether `role` is `min` or stronger. */
export const atLeast = (role: OrgRole, min: OrgRole) => RANK[role] >= RANK[min];
