import "server-only";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys, identities, sessions } from "@/db/schema";
import { providerName } from "../identities/provider-names";
import { liveSessionsOf } from "../sessions/list";
import { describeDevice } from "../sessions/device";
import { idleExpiry } from "../sessions/idle";
import type { AccessItem } from "./dto-schemas";

/**
 * `GET /api/users/me/access` and the security page's "Access to your account": every live thing that can act as
 * the account — its own browser and API sessions, its API keys (not expired), its connected identities, and any
 * administrator's impersonation in progress (a session of the account's with `impersonator_id`) — newest use
 * first (the latest use, else the creation; the caller's own session leads). Three indexed reads by user id; no
 * token, hash or key leaves (a key's display prefix does), and the administrator is not named (as in the activity).
 */
export async function listAccess(userId: string, currentSessionId: string | null): Promise<AccessItem[]> {
  const db = await getDb();
  const [sessionRows, keyRows, identityRows] = await Promise.all([
    db
      .select({
        id: sessions.id,
        kind: sessions.kind,
        userAgent: sessions.userAgent,
        ip: sessions.ip,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        impersonatorId: sessions.impersonatorId,
        reason: sessions.impersonationReason,
      })
      .from(sessions)
      .where(liveSessionsOf(userId)),
    db
      .select({
        id: apiKeys.id,
        name: apiKeys.name,
        prefix: apiKeys.prefix,
        scopes: apiKeys.scopes,
        createdAt: apiKeys.createdAt,
        lastUsedAt: apiKeys.lastUsedAt,
        expiresAt: apiKeys.expiresAt,
      })
      .from(apiKeys)
      .where(and(eq(apiKeys.userId, userId), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)))),
    db
      .select({
        id: identities.id,
        provider: identities.provider,
        email: identities.email,
        connectedAt: identities.connectedAt,
        lastUsedAt: identities.lastUsedAt,
      })
      .from(identities)
      .where(eq(identities.userId, userId)),
  ]);
  const items: AccessItem[] = [
    ...sessionRows.map((s): AccessItem => {
      const common = {
        id: s.id,
        createdAt: s.createdAt.toISOString(),
        lastUsedAt: s.lastSeenAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        idleExpiresAt: idleExpiry(s.lastSeenAt, s.expiresAt).toISOString(),
        current: s.id === currentSessionId,
      };
      if (s.impersonatorId)
        return {
          ...common,
          kind: "impersonation",
          label: "An administrator acting as you",
          proof: "Administrator's session",
          detail: s.reason ? `Reason: ${s.reason}` : null,
        };
      return {
        ...common,
        kind: "session",
        label: describeDevice(s.userAgent),
        proof: s.kind === "api" ? "API token" : "Browser cookie",
        detail: s.ip ?? "unknown address",
      };
    }),
    ...keyRows.map((k): AccessItem => ({
      kind: "api_key",
      id: k.id,
      label: k.name,
      proof: `API key ${k.prefix}…`,
      detail: k.scopes.length ? k.scopes.join(", ") : "no scopes",
      createdAt: k.createdAt.toISOString(),
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
      expiresAt: k.expiresAt?.toISOString() ?? null,
      idleExpiresAt: null,
      current: false,
    })),
    ...identityRows.map((i): AccessItem => ({
      kind: "identity",
      id: i.id,
      label: providerName(i.provider),
      proof: `Sign-in with ${providerName(i.provider)}`,
      detail: i.email,
      createdAt: i.connectedAt.toISOString(),
      lastUsedAt: i.lastUsedAt?.toISOString() ?? null,
      expiresAt: null,
      idleExpiresAt: null,
      current: false,
    })),
  ];
  const usedAt = (item: AccessItem) => Date.parse(item.lastUsedAt ?? item.createdAt);
  // The caller's own session is in use right now, whatever its `last_seen_at` (written once a minute) says.
  const rank = (item: AccessItem) => (item.current ? Number.MAX_SAFE_INTEGER : usedAt(item));
  return items.sort((a, b) => rank(b) - rank(a) || b.createdAt.localeCompare(a.createdAt));
}
