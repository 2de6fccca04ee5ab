import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { endApiKeys } from "../api-keys/revoke";
import { fail, ok, type Result } from "../result";
import { voidEmailTokens } from "../email-tokens/tokens";
import { refuseSoleOwner } from "../users/sole-owner";
import { recordEvent } from "../security/events";
import type { ClientInfo } from "../client-info";
import type { Caller } from "../sessions/resolve";
import { mailResetLink } from "../password-reset/link";
import { sendVerification } from "../verification/send";
import { validate } from "../validation";
import { requireAdminWrite } from "./access";
import { anotherActiveAdmin, lastAdmin } from "./last-admin";
import { adminUserPatchSchema } from "./schemas";
import { NO_SUCH_ACCOUNT, parseTargetId } from "./target-id";
import { getAdminUser, type AdminUserDto } from "./users";
import { emitSessionsRevoked } from "../sessions/revoke";
import { emitUserWebhook, userWebhookColumns } from "../users/webhook";

const notFound = () => fail("not_found", NO_SUCH_ACCOUNT);

/**
 * Every admin write's first step: the caller's role (and a recent re-authentication), then the shape of
 * the id. Nothing is read before both, so a caller who is not an administrator gets the same refusal
 * for any id, existing, missing or malformed, and a malformed id never reaches a query.
 */
function adminWriteOn(actor: Caller | null, id: unknown): Result<string> {
  const allowed = requireAdminWrite(actor);
  return allowed.ok ? parseTargetId(id) : allowed;
}

/** The account an admin acts on, its row locked until the transaction ends (role and status cannot move under it). */
async function lockTarget(tx: Tx, targetId: string) {
  const [target] = await tx
    .select({ username: users.username, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, targetId))
    .for("update");
  return target;
}

/**
 * Changes an account's role and/or disables or enables it. Disabling needs a reason and, in the same
 * transaction, deletes every session of the account and voids its pending emailed links (reset,
 * verification, email change), so a link mailed before cannot be spent afterwards. A change that
 * would leave no active administrator is refused (`last_admin`), serialised by the admin-change lock.
 * Records admin.* events on the account, with the acting administrator as the actor.
 */
export async function updateUserAsAdmin(
  actor: Caller,
  id: string,
  input: unknown,
  client: ClientInfo,
): Promise<Result<AdminUserDto>> {
  const checked = adminWriteOn(actor, id);
  if (!checked.ok) return checked;
  const targetId = checked.value;
  const parsed = validate(adminUserPatchSchema, input);
  if (!parsed.ok) return parsed;
  const patch = parsed.value;
  const db = await getDb();
  const outcome = await db.transaction(async (tx) => {
    const target = await lockTarget(tx, targetId);
    if (!target) return notFound();
    const role = patch.role ?? target.role;
    const disabled = patch.disabled ?? target.disabledAt !== null;
    const wasActiveAdmin = target.role === "admin" && target.disabledAt === null;
    const staysActiveAdmin = role === "admin" && !disabled;
    if (wasActiveAdmin && !staysActiveAdmin && !(await anotherActiveAdmin(tx, targetId))) return lastAdmin();
    const changes = {
      roleChanged: role !== target.role,
      disabledNow: disabled && target.disabledAt === null,
      enabledNow: !disabled && target.disabledAt !== null,
    };
    await tx
      .update(users)
      .set({
        role,
        ...(changes.disabledNow ? { disabledAt: new Date(), disabledReason: patch.disabledReason! } : {}),
        ...(disabled && !changes.disabledNow && patch.disabledReason ? { disabledReason: patch.disabledReason } : {}),
        ...(changes.enabledNow ? { disabledAt: null, disabledReason: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(users.id, targetId));
    if (changes.disabledNow) {
      // Every session ends at once: the next request with any of its tokens or cookies is signed out.
      const ended = await tx.delete(sessions).where(eq(sessions.userId, targetId)).returning({ id: sessions.id });
      await emitSessionsRevoked(tx, targetId, ended, "disabled");
      await endApiKeys(targetId, tx); // and every API key
      // And every link already mailed dies with them (redeeming one also checks the account is enabled).
      await voidEmailTokens(targetId, ["reset_password", "verify_email", "change_email"], tx);
    }
    if (changes.roleChanged) await emitUserWebhook("user.role_changed", targetId, tx, { previousRole: target.role });
    if (changes.disabledNow) await emitUserWebhook("user.disabled", targetId, tx, {});
    if (changes.enabledNow) await emitUserWebhook("user.enabled", targetId, tx, {});
    return ok(changes);
  });
  if (!outcome.ok) return outcome;
  const event = { ...client, userId: targetId, actorId: actor.user.id };
  if (outcome.value.roleChanged) await recordEvent("admin.role_changed", { ...event, detail: { role: patch.role! } });
  if (outcome.value.disabledNow) await recordEvent("admin.user_disabled", event);
  if (outcome.value.enabledNow) await recordEvent("admin.user_enabled", event);
  const user = await getAdminUser(targetId);
  return user ? ok(user) : notFound();
}

export const CONFIRM_USERNAME = "Type the account's username to confirm.";

/**
 * Deletes an account (its sessions, tokens and events cascade). The last active administrator cannot go.
 * The console asks for the account's username as a confirmation (`confirm`); it is compared with the
 * locked row here, after the role check, so only an administrator ever sees a username in the answer.
 */
export async function deleteUserAsAdmin(
  actor: Caller,
  id: string,
  client: ClientInfo,
  confirm?: { username: string },
): Promise<Result<void>> {
  const checked = adminWriteOn(actor, id);
  if (!checked.ok) return checked;
  const targetId = checked.value;
  const db = await getDb();
  const outcome = await db.transaction(async (tx) => {
    const target = await lockTarget(tx, targetId);
    if (!target) return notFound();
    if (confirm && confirm.username.trim() !== target.username)
      return fail("validation", CONFIRM_USERNAME, {
        fields: { confirmUsername: [`Type ${target.username} exactly.`] },
      });
    if (target.role === "admin" && target.disabledAt === null && !(await anotherActiveAdmin(tx, targetId)))
      return lastAdmin();
    const owner = await refuseSoleOwner(tx, targetId, "This account is"); // an organization always keeps an owner
    if (!owner.ok) return owner;
    const [gone] = await tx.delete(users).where(eq(users.id, targetId)).returning(userWebhookColumns);
    await emitUserWebhook("user.deleted", targetId, tx, { by: "admin" }, gone);
    return ok(undefined);
  });
  if (!outcome.ok) return outcome;
  // The account's own trail went with it; this row, with no account, is the operator's record.
  await recordEvent("admin.user_deleted", { ...client, userId: null, actorId: actor.user.id });
  return ok(undefined);
}

async function exists(targetId: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, targetId)).limit(1);
  return row !== undefined;
}

/** Signs an account out everywhere (or of one session, `sessionId`): every such row deleted. */
export async function revokeSessionsAsAdmin(
  actor: Caller,
  id: string,
  client: ClientInfo,
  sessionId?: string,
): Promise<Result<{ revoked: number }>> {
  const checked = adminWriteOn(actor, id);
  if (!checked.ok) return checked;
  const targetId = checked.value;
  const session = sessionId === undefined ? undefined : parseTargetId(sessionId, "sessionId");
  if (session && !session.ok) return session;
  if (!(await exists(targetId))) return notFound();
  const db = await getDb();
  const where = session
    ? and(eq(sessions.userId, targetId), eq(sessions.id, session.value))
    : eq(sessions.userId, targetId);
  const deleted = await db.transaction(async (tx) => {
    const ended = await tx.delete(sessions).where(where).returning({ id: sessions.id });
    await emitSessionsRevoked(tx, targetId, ended, "admin");
    return ended;
  });
  if (session && deleted.length === 0) return fail("not_found", "This account has no session with this id.");
  await recordEvent("admin.sessions_revoked", {
    ...client,
    userId: targetId,
    actorId: actor.user.id,
    detail: { count: deleted.length },
  });
  return ok({ revoked: deleted.length });
}

/**
 * Mails the account a password reset link (nothing to a disabled account, like the public request).
 * The token, its mail and the event commit together; the account's row is read `for share`, so an
 * account being disabled meanwhile is seen as disabled.
 */
export async function sendResetAsAdmin(actor: Caller, id: string, client: ClientInfo): Promise<Result<void>> {
  const checked = adminWriteOn(actor, id);
  if (!checked.ok) return checked;
  const targetId = checked.value;
  const db = await getDb();
  const found = await db.transaction(async (tx) => {
    const [target] = await tx
      .select({ email: users.email, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, targetId))
      .for("share");
    if (!target) return false;
    const sent = target.disabledAt === null;
    if (sent) await mailResetLink({ id: targetId, email: target.email }, tx);
    const event = { ...client, userId: targetId, actorId: actor.user.id, detail: { sent } };
    await recordEvent("admin.password_reset_sent", event, tx);
    return true;
  });
  return found ? ok(undefined) : notFound();
}

export const ALREADY_VERIFIED = "This account's email address is already verified.";

/** Mails the account a new verification link; an already verified address is a conflict. */
export async function sendVerificationAsAdmin(actor: Caller, id: string, client: ClientInfo): Promise<Result<void>> {
  const checked = adminWriteOn(actor, id);
  if (!checked.ok) return checked;
  const targetId = checked.value;
  const sent = await sendVerification(targetId, { resend: false });
  if (!sent.ok) return sent.error.code === "not_found" ? notFound() : sent;
  if (!sent.value.sent) return fail("conflict", ALREADY_VERIFIED);
  await recordEvent("admin.verification_sent", { ...client, userId: targetId, actorId: actor.user.id });
  return ok(undefined);
}
