import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { identities, users, type IdentityRow, type UserRow } from "@/db/schema";
import type { ClientInfo } from "../client-info";
import { sendMail } from "../email/outbox";
import { identityConnectedNotice } from "../email/templates";
import { recordEvent } from "../security/events";
import { emitWebhook } from "../webhook-events/emit";
import { identityData } from "../webhook-events/payloads";

/**
 * Identities: a (provider, subject) pair connected to one account, with the email the provider gave when
 * it was connected. Provider tokens are never stored. The unique index on (provider, subject) decides
 * races: of two connections of one identity at once, one row is made and the other finds it.
 */
export type IdentityKey = { provider: string; subject: string };
export type NewIdentity = IdentityKey & { email: string | null; emailVerified: boolean; providerName: string };

/** The identity and its account, or null when no account has it. */
export async function findIdentity(key: IdentityKey): Promise<{ identity: IdentityRow; user: UserRow } | null> {
  const db = await getDb();
  const [row] = await db
    .select({ identity: identities, user: users })
    .from(identities)
    .innerJoin(users, eq(users.id, identities.userId))
    .where(and(eq(identities.provider, key.provider), eq(identities.subject, key.subject)))
    .limit(1);
  return row ?? null;
}

/** Whether the account has an identity of this provider connected (re-authentication offers it then). */
export async function connectedProviders(userId: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .selectDistinct({ provider: identities.provider })
    .from(identities)
    .where(eq(identities.userId, userId));
  return rows.map((r) => r.provider);
}

export type Connected =
  { ok: true; identity: IdentityRow; created: boolean } | { ok: false; reason: "other_account" | "no_account" };

/**
 * Connects the identity to the account inside `tx`, with the `identity.connected` event and the owner's
 * notice in the same transaction. Already this account's: nothing new (created false). Another
 * account's: refused. The account must still exist (a deletion meanwhile: refused).
 */
export async function connectIdentity(
  userId: string,
  identity: NewIdentity,
  client: ClientInfo,
  tx: Db | Tx,
): Promise<Connected> {
  const [owner] = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.id, userId))
    .for("share")
    .limit(1);
  if (!owner) return { ok: false, reason: "no_account" };
  const [row] = await tx
    .insert(identities)
    .values({
      userId,
      provider: identity.provider,
      subject: identity.subject,
      email: identity.email,
      emailVerified: identity.emailVerified,
      lastUsedAt: sql`now()`,
    })
    .onConflictDoNothing({ target: [identities.provider, identities.subject] })
    .returning();
  if (!row) {
    const [existing] = await tx
      .select()
      .from(identities)
      .where(and(eq(identities.provider, identity.provider), eq(identities.subject, identity.subject)))
      .limit(1);
    if (existing?.userId === userId) return { ok: true, identity: existing, created: false };
    return { ok: false, reason: "other_account" };
  }
  await recordEvent(
    "identity.connected",
    {
      ...client,
      userId,
      detail: { provider: identity.provider, providerName: identity.providerName, email: identity.email },
    },
    tx,
  );
  await sendMail(identityConnectedNotice(owner.email, identity.providerName, identity.email), tx);
  await emitWebhook("identity.connected", identityData(userId, row), tx);
  return { ok: true, identity: row, created: true };
}

/** Connects in a transaction of its own. */
export async function connectIdentityNow(userId: string, identity: NewIdentity, client: ClientInfo) {
  const db = await getDb();
  return db.transaction((tx) => connectIdentity(userId, identity, client, tx));
}

/** Records a sign-in with the identity (last used now). */
export async function touchIdentity(id: string, tx?: Tx): Promise<void> {
  const db = tx ?? (await getDb());
  await db
    .update(identities)
    .set({ lastUsedAt: sql`now()` })
    .where(eq(identities.id, id));
}
