import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import { normaliseEmail, usernameKey } from "../users/schemas";
import { emitUserWebhook } from "../users/webhook";
import { anotherActiveAdmin, lastAdmin } from "./last-admin";

/**
 * The bootstrap of administrators (`npm run admin -- grant|revoke <username|email>`): no web path
 * makes anyone an admin. Records `admin.role_changed` (no actor: an operator at the console, `via: cli`).
 * Revoking the last active administrator is refused like in the console.
 */
export async function setRoleByLogin(
  login: string,
  role: "user" | "admin",
): Promise<Result<{ username: string; changed: boolean }>> {
  const trimmed = login.trim();
  if (!trimmed) return fail("validation", "Name an account by its username or email.");
  const db = await getDb();
  const where = trimmed.includes("@")
    ? eq(users.email, normaliseEmail(trimmed))
    : eq(users.usernameKey, usernameKey(trimmed));
  const outcome = await db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: users.id, username: users.username, role: users.role, disabledAt: users.disabledAt })
      .from(users)
      .where(where)
      .for("update");
    if (!target) return fail("not_found", `No account is called ${trimmed}.`);
    if (target.role === role) return ok({ id: target.id, username: target.username, changed: false });
    if (role === "user" && target.disabledAt === null && !(await anotherActiveAdmin(tx, target.id))) return lastAdmin();
    await tx.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, target.id));
    await emitUserWebhook("user.role_changed", target.id, tx, { previousRole: target.role });
    return ok({ id: target.id, username: target.username, changed: true });
  });
  if (!outcome.ok) return outcome;
  if (outcome.value.changed)
    await recordEvent("admin.role_changed", {
      ip: null,
      userAgent: null,
      userId: outcome.value.id,
      detail: { role, via: "cli" },
    });
  return ok({ username: outcome.value.username, changed: outcome.value.changed });
}
