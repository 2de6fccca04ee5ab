import "server-only";
import { getDb } from "@/db/client";
import type { ClientInfo } from "../client-info";
import { sendMail } from "../email/outbox";
import { exportNotice } from "../email/templates";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import { claimLimit } from "../security/limit-events";
import { requireRecentAuth } from "../security/recent-auth";
import type { Caller } from "../sessions/resolve";
import { exportDocument, type AccountExport } from "./export-document";

export type ExportedAccount = { filename: string; document: AccountExport };

/**
 * `GET /api/users/me/export` and the account page's "Download your data": inside the re-authentication window
 * (403 `reauthentication_required`), at most LIMIT_EXPORT_ACCOUNT a day (429, claimed before anything is read),
 * then the document (lib/account/export-document.ts), with `account.exported` recorded and the owner mailed
 * ("your data was exported") in one transaction: whoever holds the session, the owner hears of it.
 */
export async function exportAccount(caller: Caller, client: ClientInfo): Promise<Result<ExportedAccount>> {
  const fresh = requireRecentAuth(caller);
  if (!fresh.ok) return fresh;
  const userId = caller.user.id;
  const allowed = await claimLimit("export_account", [userId], { subject: userId, context: { ...client, userId } });
  if (!allowed.ok) return allowed;
  const document = await exportDocument(userId, caller.session.id);
  if (!document) return fail("not_found", "There is no such account.");
  const db = await getDb();
  await db.transaction(async (tx) => {
    await recordEvent("account.exported", { ...client, userId }, tx);
    await sendMail(exportNotice(caller.user.email), tx);
  });
  const day = document.exportedAt.slice(0, 10);
  return ok({ filename: `${caller.user.username}-${day}.json`.replace(/[^\w.-]/g, "_"), document });
}
