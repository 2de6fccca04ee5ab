import type { EventType, SecurityEventDto } from "./events";

/**
 * The audit trail in words people read: one mapping for the account's own activity list and for the admin
 * console, so an event is never told two ways. Pure (no I/O). Typed by EventType, so a new event type fails
 * the typecheck until it has its words.
 */
export const EVENT_LABELS: Record<EventType, string> = {
  "sign_in.succeeded": "Signed in",
  "sign_in.failed": "Failed sign-in attempt",
  "sign_in.locked": "Sign-in locked after too many failed attempts (unlock link emailed)",
  "sign_in.unlocked": "Sign-in unlocked with the emailed link",
  "session.evicted": "Oldest session signed out: too many sessions at once",
  "account.secured": "Signed out everywhere from the new sign-in notice (reset link emailed)",
  signed_out: "Signed out",
  "rate_limit.hit": "Sign-in blocked: too many attempts",
  "session.revoked": "Session revoked",
  "password.changed": "Password changed",
  "password.reset": "Password reset",
  "email_change.requested": "Email change requested",
  "email_change.confirmed": "Email address changed",
  "account.deleted": "Account deleted",
  "account.exported": "Your data was exported",
  "reauth.failed": "Wrong current password entered",
  "mfa.enabled": "Two-factor authentication turned on",
  "mfa.disabled": "Two-factor authentication turned off",
  "mfa.recovery_code_used": "Signed in with a recovery code",
  "mfa.recovery_codes_regenerated": "New recovery codes made (the old ones no longer work)",
  "mfa.failed": "Wrong two-factor code entered",
  // What an administrator did to the account: never which administrator (the console adds "by @name").
  "admin.user_disabled": "An administrator disabled the account",
  "admin.user_enabled": "An administrator enabled the account",
  "admin.role_changed": "An administrator changed the account's role",
  "admin.sessions_revoked": "An administrator signed the account out",
  "admin.password_reset_sent": "An administrator sent a password reset link",
  "admin.verification_sent": "An administrator sent a verification link",
  "admin.user_deleted": "An administrator deleted the account",
  "post.removed_by_admin": "An administrator removed your post",
  "passkey.added": "Passkey added",
  "passkey.removed": "Passkey removed",
  "passkey.used": "Passkey used",
  "passkey.counter_regressed": "A passkey was refused: its signature counter went back, so it may have been copied",
  "identity.connected": "Connected account added",
  "identity.disconnected": "Connected account removed",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "impersonation.started": "An administrator acted as you",
  "impersonation.ended": "An administrator stopped acting as you",
  // An administrator's own actions on the webhook endpoints (recorded on the administrator's account).
  "webhook_endpoint.created": "Webhook endpoint created",
  "webhook_endpoint.updated": "Webhook endpoint changed",
  "webhook_endpoint.deleted": "Webhook endpoint deleted",
  "webhook_endpoint.secret_rotated": "Webhook signing secret rotated",
  "webhook_endpoint.test_sent": "Webhook test event sent",
  "webhook_endpoint.retried": "Webhook deliveries retried",
  "organization.created": "Organization created",
  "organization.deleted": "Organization deleted",
  "member.role_changed": "A member's role in an organization changed",
  "member.removed": "A member was removed from an organization",
  "member.left": "A member left an organization",
  "member.invited": "Invitation to an organization sent",
  "member.joined": "Joined an organization",
};

const WARN = new Set<string>([
  "sign_in.failed",
  "sign_in.locked",
  "rate_limit.hit",
  "reauth.failed",
  "mfa.disabled",
  "mfa.recovery_code_used",
  "mfa.failed",
  "post.removed_by_admin",
  "passkey.removed",
  "passkey.counter_regressed",
  "identity.disconnected",
  "impersonation.started",
]);

/** Whether the event deserves a second look (shown in a warning tone). */
export const isWarning = (type: string) => WARN.has(type);

/** Why a sign-in failed (`detail.reason`). */
export const REASONS: Record<string, string> = {
  wrong_password: "wrong password",
  disabled: "account disabled",
  password_changed: "the password had just changed",
  unknown_passkey: "a passkey this site does not know",
  passkey_refused: "the passkey could not be verified",
  passkey_expired: "the passkey sign-in had expired",
  identity_signup_closed: "no account is connected to that identity",
  wrong_email_code: "a wrong emailed code",
  email_code_gone: "the emailed code was used or had expired",
  email_code_attempts: "too many wrong emailed codes",
};
/** What a wrong current password was entered for (`reauth.failed`'s detail.purpose). */
export const PURPOSES: Record<string, string> = {
  password_change: "changing the password",
  email_change: "changing the email address",
  account_delete: "deleting the account",
  reauthenticate: "confirming it is you",
  sign_in: "signing in",
};
/** Which limit refused (`rate_limit.hit`'s detail.limit), when it is not a sign-in one. */
const LIMIT_LABELS: Record<string, string> = {
  reauth_account: "Blocked: too many wrong current passwords",
  totp_enrol_account: "Two-factor set-up blocked: too many wrong codes",
  email_change_account: "Email change blocked: too many requests",
  email_change_address: "Email change blocked: too many requests",
  post_account: "Posting blocked: too many posts in an hour",
  export_account: "Data export blocked: too many exports in a day",
  email_sign_in_address: "Sign-in emails blocked: too many asked for",
  invite_account: "Invitations blocked: too many sent",
  invite_organization: "Invitations blocked: too many sent for the organization",
  follow_account: "Following blocked: too many follows in an hour",
};

const labelOf = (type: string): string | undefined => (EVENT_LABELS as Record<string, string>)[type];

/**
 * One event in words, with what its detail adds ("Failed sign-in attempt (wrong password)"). `viewer` is
 * whom it is told to: the account's owner ("your post") or an administrator ("a post").
 */
export function eventLabel(
  event: Pick<SecurityEventDto, "type" | "detail">,
  viewer: "owner" | "admin" = "owner",
): string {
  const label = oneLabel(event, viewer);
  // A summary of failed tries (lib/security/event-summary.ts): how many, and when the last one was.
  const tries = event.detail.tries;
  if (typeof tries !== "number" || tries < 2) return label;
  const last = typeof event.detail.lastAt === "string" ? `, the last at ${event.detail.lastAt.slice(11, 16)} UTC` : "";
  return `${label} — ${tries} times within ${SUMMARY_WINDOW_MINUTES} minutes${last}`;
}

/**
 * The window of a summary of failed tries (lib/security/event-summary.ts): 15 minutes, the sign-in failure
 * limits' own window (LIMIT_SIGN_IN_FAILURES_ACCOUNT_IP's default, 5/900). Here, where it is told.
 */
export const SUMMARY_WINDOW_MINUTES = 15;

function oneLabel(event: Pick<SecurityEventDto, "type" | "detail">, viewer: "owner" | "admin"): string {
  // A program's sign-in by password is a new device every time: only a browser's is worth saying.
  if (event.type === "sign_in.succeeded" && event.detail.newDevice === true && event.detail.kind !== "api")
    return `${eventLabel({ type: event.type, detail: { ...event.detail, newDevice: false } }, viewer)} from a new device`;
  const whose = viewer === "owner" ? "your" : "a";
  if (event.type === "post.removed_by_admin")
    return typeof event.detail.title === "string"
      ? `An administrator removed ${whose} post '${event.detail.title}'`
      : `An administrator removed ${whose} post`;
  if (event.type === "impersonation.started" && typeof event.detail.reason === "string")
    return viewer === "owner"
      ? `An administrator acted as you (${event.detail.reason})`
      : `An administrator acted as this account (${event.detail.reason})`;
  const told = organizationLabel(event);
  if (told) return told;
  if (event.type === "reauth.failed" && event.detail.method === "passkey")
    return "A passkey could not confirm it was you";
  const named = event.type.startsWith("passkey.") && typeof event.detail.name === "string" ? event.detail.name : "";
  if (named && event.type !== "passkey.counter_regressed") {
    const base = `${labelOf(event.type)} '${named}'`;
    const purpose = typeof event.detail.purpose === "string" ? PURPOSES[event.detail.purpose] : undefined;
    return purpose ? `${base} (${purpose})` : base;
  }
  if (event.type.startsWith("identity.") && typeof event.detail.providerName === "string")
    return `${labelOf(event.type) ?? event.type} (${event.detail.providerName})`;
  if (event.type === "password.changed" && event.detail.set === true) return "Password set";
  const org = typeof event.detail.organization === "string" ? event.detail.organization : "";
  if (event.type === "member.invited" && org && typeof event.detail.email === "string")
    return `Invited ${event.detail.email} to ${org} as ${event.detail.role ?? "member"}`;
  if (event.type === "member.joined" && org) return `Joined ${org} as ${event.detail.role ?? "member"}`;
  if (event.type === "mfa.recovery_code_used" && event.detail.purpose === "reauthenticate")
    return "A recovery code was used to confirm it was you";
  const providerName = typeof event.detail.providerName === "string" ? event.detail.providerName : "";
  if (event.type === "sign_in.succeeded" && event.detail.method === "oidc" && providerName)
    return `Signed in with ${providerName}`;
  if (event.type === "sign_in.succeeded" && event.detail.method === "passkey")
    return `Signed in with a passkey${event.detail.kind === "api" ? " (API)" : ""}`;
  if (event.type === "sign_in.succeeded" && event.detail.method === "email")
    return `Signed in by email${event.detail.kind === "api" ? " (API)" : ""}`;
  const limit = event.type === "rate_limit.hit" && typeof event.detail.limit === "string" ? event.detail.limit : "";
  const base = LIMIT_LABELS[limit] ?? labelOf(event.type) ?? event.type;
  const purpose = typeof event.detail.purpose === "string" ? PURPOSES[event.detail.purpose] : undefined;
  if (purpose) return `${base} (${purpose})`;
  if (event.type === "admin.role_changed" && typeof event.detail.role === "string")
    return `${base} to ${event.detail.role === "admin" ? "administrator" : "user"}`;
  const kind = event.detail.kind === "api" ? " (API)" : "";
  const reason = typeof event.detail.reason === "string" ? REASONS[event.detail.reason] : undefined;
  return base + kind + (reason ? ` (${reason})` : "");
}

/**
 * An organization event with who did what (detail: organization slug, actor and member usernames, role): the
 * same words in the actor's and the member's activity ("@bob removed from 'acme' by @alice").
 */
function organizationLabel({ type, detail }: Pick<SecurityEventDto, "type" | "detail">): string | null {
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  const org = str(detail.organization);
  const actor = str(detail.actor);
  const member = str(detail.member);
  if (!org) return null;
  const by = actor ? ` by @${actor}` : "";
  if (type === "organization.created") return `Organization '${org}' created${by}`;
  if (type === "organization.deleted") return `Organization '${org}' deleted${by}`;
  if (!member) return null;
  if (type === "member.role_changed") return `@${member}'s role in '${org}' changed to ${str(detail.role)}${by}`;
  if (type === "member.removed") return `@${member} removed from '${org}'${by}`;
  if (type === "member.left") return `@${member} left '${org}'`;
  return null;
}
