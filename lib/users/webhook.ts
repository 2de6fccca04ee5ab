import "server-only";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { users } from "@/db/schema";
import { emitWebhook } from "../webhook-events/emit";
import { userEventData, type UserEventExtra, type UserEventType, type UserSource } from "../webhook-events/payloads";

/** The columns a user.* webhook payload is made of (lib/webhook-events/payloads.ts): never the hash. */
export const userWebhookColumns = {
  id: users.id,
  username: users.username,
  email: users.email,
  emailVerifiedAt: users.emailVerifiedAt,
  role: users.role,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
};

/**
 * Emits a user.* webhook event in `tx`, the change's own transaction, with the account as the change left it
 * (read here by primary key, in the transaction, so it sees the change). `user` may be handed over instead when
 * the caller already holds the row (a deletion reads it before the row goes). Nothing when the account is gone.
 */
export async function emitUserWebhook<T extends UserEventType>(
  type: T,
  userId: string,
  tx: Db | Tx,
  extra: UserEventExtra[T],
  user?: UserSource,
): Promise<void> {
  const row = user ?? (await tx.select(userWebhookColumns).from(users).where(eq(users.id, userId)))[0];
  if (!row) return;
  await emitWebhook(type, userEventData(type, row, extra) as Record<string, unknown>, tx);
}
