import "server-only";
import { and, asc, eq, gt, isNotNull, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mailOutbox, users } from "@/db/schema";
import { openWithIndex, seal, type SealPurpose } from "../crypto/sealed";

export type ResealCounts = {
  /** Sealed under an older secret, now sealed under the newest. */
  resealed: number;
  /** Already under the newest secret. */
  current: number;
  /** Opened by no listed secret (sealed under one already removed, or damaged): left as they are. */
  unopened: number;
};

/**
 * Seals again, under the newest secret of AUTH_SECRET, every stored value sealed under an older one:
 * authenticator secrets (on and pending) and queued mail bodies. An authenticator secret stays sealed
 * for as long as two-factor is on, so without this an old secret could never be retired
 * (docs/configuration.md, "Rotating AUTH_SECRET"): run it (`npm run secrets:reseal`) once every instance
 * lists the new secret first. A value is replaced only while it is still the one read (compare and
 * set), so a change made meanwhile (a new enrolment, a sent message) wins. Rows in batches by id.
 */
export async function resealUnderNewest(batchSize = 500): Promise<ResealCounts> {
  const counts: ResealCounts = { resealed: 0, current: 0, unopened: 0 };
  const db = await getDb();

  /** Seals `value` again if an older secret opened it; the new value, or null to leave it. */
  const fresh = (purpose: SealPurpose, value: string | null): string | null => {
    if (value === null) return null;
    const opened = openWithIndex(purpose, value);
    if (!opened) counts.unopened++;
    else if (opened.index === 0) counts.current++;
    else return seal(purpose, opened.plaintext);
    return null;
  };

  for (let after = ""; ;) {
    const rows = await db
      .select({ id: users.id, on: users.totpSecret, pending: users.totpPendingSecret })
      .from(users)
      .where(
        and(
          or(isNotNull(users.totpSecret), isNotNull(users.totpPendingSecret)),
          after ? gt(users.id, after) : undefined,
        ),
      )
      .orderBy(asc(users.id))
      .limit(batchSize);
    for (const row of rows) {
      const on = fresh("totp-secret", row.on);
      const pending = fresh("totp-secret", row.pending);
      if (on !== null) {
        const done = await db
          .update(users)
          .set({ totpSecret: on })
          .where(and(eq(users.id, row.id), eq(users.totpSecret, row.on!)))
          .returning({ id: users.id });
        counts.resealed += done.length;
      }
      if (pending !== null) {
        const done = await db
          .update(users)
          .set({ totpPendingSecret: pending })
          .where(and(eq(users.id, row.id), eq(users.totpPendingSecret, row.pending!)))
          .returning({ id: users.id });
        counts.resealed += done.length;
      }
    }
    if (rows.length < batchSize) break;
    after = rows.at(-1)!.id;
  }

  for (let after = ""; ;) {
    const rows = await db
      .select({ id: mailOutbox.id, body: mailOutbox.body })
      .from(mailOutbox)
      .where(
        and(
          eq(mailOutbox.status, "pending"),
          eq(mailOutbox.sealed, true),
          isNotNull(mailOutbox.body),
          after ? gt(mailOutbox.id, after) : undefined,
        ),
      )
      .orderBy(asc(mailOutbox.id))
      .limit(batchSize);
    for (const row of rows) {
      const body = fresh("mail-outbox", row.body);
      if (body === null) continue;
      const done = await db
        .update(mailOutbox)
        .set({ body })
        .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.status, "pending"), eq(mailOutbox.body, row.body!)))
        .returning({ id: mailOutbox.id });
      counts.resealed += done.length;
    }
    if (rows.length < batchSize) break;
    after = rows.at(-1)!.id;
  }
  return counts;
}
