import "server-only";
import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import {
  apiKeys,
  emailTokens,
  follows,
  identities,
  memberships,
  organizations,
  passkeys,
  posts,
  securityEvents,
  sessions,
  userCounts,
  users,
} from "@/db/schema";
import { PRODUCT } from "../product";
import { eventLabel } from "../security/event-labels";
import { describeDevice } from "../sessions/device";
import { providerName } from "../identities/provider-names";

/** At most this many activity events in one export (the newest): an old, busy account stays one document. */
export const EXPORT_EVENTS_MAX = 10_000;
/** At most this many of each follow list (the newest), for the same reason: a famous account has a million. */
export const EXPORT_FOLLOWS_MAX = 10_000;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** One side of the follow graph: how many in all, and the newest EXPORT_FOLLOWS_MAX by username and date. */
const followSide = (total: number, rows: { username: string; since: Date }[]) => ({
  total,
  accounts: rows.map((r) => ({ username: r.username, since: iso(r.since) })),
});

/**
 * The account's data as one JSON-ready document: profile, email addresses, sessions (device, address, times),
 * API keys' metadata, organizations and the role in each, connected identities, passkeys (name, dates), two-factor
 * on/off, posts, whom it follows and who follows it (usernames and since when; the newest EXPORT_FOLLOWS_MAX of
 * each, with the full counts) and the activity list. Every read names its columns, so no hash, sealed secret,
 * token, code, credential or key is ever read, let alone written (the tests search the document for their
 * shapes). Not the administrator behind an impersonation (the activity list never names them either), nor an
 * identity's subject or a key's prefix.
 */
export async function exportDocument(userId: string, currentSessionId: string | null) {
  const db = await getDb();
  const [user] = await db
    .select({
      id: users.id,
      username: users.username,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      displayName: users.displayName,
      avatarUrl: users.avatarUrl,
      bio: users.bio,
      role: users.role,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const followList = (side: "following" | "followers") => {
    const [mine, theirs] =
      side === "following" ? [follows.followerId, follows.followeeId] : [follows.followeeId, follows.followerId];
    return (
      db
        .select({ username: users.username, since: follows.createdAt })
        .from(follows)
        .innerJoin(users, eq(users.id, theirs))
        // Disabled accounts are left out, as in the public lists and the stored counts.
        .where(and(eq(mine, userId), isNull(users.disabledAt)))
        .orderBy(desc(follows.createdAt))
        .limit(EXPORT_FOLLOWS_MAX)
    );
  };
  const [
    pendingEmails,
    sessionRows,
    keyRows,
    identityRows,
    passkeyRows,
    postRows,
    eventRows,
    orgRows,
    followingRows,
    followerRows,
    [counts],
  ] = await Promise.all([
    db
      .select({ email: emailTokens.email, createdAt: emailTokens.createdAt, expiresAt: emailTokens.expiresAt })
      .from(emailTokens)
      .where(
        and(
          eq(emailTokens.userId, userId),
          eq(emailTokens.purpose, "change_email"),
          gt(emailTokens.expiresAt, sql`now()`),
        ),
      ),
    db
      .select({
        id: sessions.id,
        kind: sessions.kind,
        userAgent: sessions.userAgent,
        ip: sessions.ip,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        impersonated: sql<boolean>`${sessions.impersonatorId} is not null`,
        impersonationReason: sessions.impersonationReason,
      })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)))
      .orderBy(desc(sessions.createdAt)),
    db
      .select({
        id: apiKeys.id,
        name: apiKeys.name,
        scopes: apiKeys.scopes,
        createdAt: apiKeys.createdAt,
        lastUsedAt: apiKeys.lastUsedAt,
        expiresAt: apiKeys.expiresAt,
      })
      .from(apiKeys)
      .where(eq(apiKeys.userId, userId))
      .orderBy(asc(apiKeys.createdAt)),
    db
      .select({
        id: identities.id,
        provider: identities.provider,
        email: identities.email,
        emailVerified: identities.emailVerified,
        connectedAt: identities.connectedAt,
        lastUsedAt: identities.lastUsedAt,
      })
      .from(identities)
      .where(eq(identities.userId, userId))
      .orderBy(asc(identities.connectedAt)),
    db
      .select({
        id: passkeys.id,
        name: passkeys.name,
        deviceType: passkeys.deviceType,
        backedUp: passkeys.backedUp,
        createdAt: passkeys.createdAt,
        lastUsedAt: passkeys.lastUsedAt,
      })
      .from(passkeys)
      .where(eq(passkeys.userId, userId))
      .orderBy(asc(passkeys.createdAt)),
    db
      .select({
        id: posts.id,
        title: posts.title,
        body: posts.body,
        createdAt: posts.createdAt,
        updatedAt: posts.updatedAt,
      })
      .from(posts)
      .where(eq(posts.authorId, userId))
      .orderBy(desc(posts.createdAt), desc(posts.id)),
    db
      .select({
        id: securityEvents.id,
        type: securityEvents.type,
        ip: securityEvents.ip,
        userAgent: securityEvents.userAgent,
        detail: securityEvents.detail,
        createdAt: securityEvents.createdAt,
      })
      .from(securityEvents)
      .where(eq(securityEvents.userId, userId))
      .orderBy(desc(securityEvents.id))
      .limit(EXPORT_EVENTS_MAX),
    db
      .select({
        slug: organizations.slug,
        name: organizations.name,
        role: memberships.role,
        joinedAt: memberships.joinedAt,
      })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(organizations.slug)),
    followList("following"),
    followList("followers"),
    db
      .select({ following: userCounts.following, followers: userCounts.followers })
      .from(userCounts)
      .where(eq(userCounts.userId, userId)),
  ]);
  return {
    product: PRODUCT,
    exportedAt: new Date().toISOString(),
    profile: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      bio: user.bio,
      avatarUrl: user.avatarUrl,
      role: user.role,
      hasPassword: user.hasPassword,
      createdAt: iso(user.createdAt),
      updatedAt: iso(user.updatedAt),
    },
    emails: [
      {
        address: user.email,
        primary: true,
        verified: user.emailVerifiedAt !== null,
        verifiedAt: iso(user.emailVerifiedAt),
      },
      ...pendingEmails.map((p) => ({
        address: p.email,
        primary: false,
        verified: false,
        pendingChange: { requestedAt: iso(p.createdAt), linkExpiresAt: iso(p.expiresAt) },
      })),
    ],
    sessions: sessionRows.map((s) => ({
      id: s.id,
      kind: s.kind,
      device: describeDevice(s.userAgent),
      userAgent: s.userAgent,
      ip: s.ip,
      createdAt: iso(s.createdAt),
      lastUsedAt: iso(s.lastSeenAt),
      expiresAt: iso(s.expiresAt),
      current: s.id === currentSessionId,
      ...(s.impersonated ? { impersonation: { byAnAdministrator: true, reason: s.impersonationReason } } : {}),
    })),
    organizations: orgRows.map((o) => ({ slug: o.slug, name: o.name, role: o.role, joinedAt: iso(o.joinedAt) })),
    apiKeys: keyRows.map((k) => ({
      id: k.id,
      name: k.name,
      scopes: k.scopes,
      createdAt: iso(k.createdAt),
      lastUsedAt: iso(k.lastUsedAt),
      expiresAt: iso(k.expiresAt),
    })),
    connectedIdentities: identityRows.map((i) => ({
      id: i.id,
      provider: i.provider,
      providerName: providerName(i.provider),
      email: i.email,
      emailVerified: i.emailVerified,
      connectedAt: iso(i.connectedAt),
      lastUsedAt: iso(i.lastUsedAt),
    })),
    passkeys: passkeyRows.map((p) => ({
      name: p.name,
      synced: p.deviceType === "multiDevice" && p.backedUp,
      createdAt: iso(p.createdAt),
      lastUsedAt: iso(p.lastUsedAt),
    })),
    twoFactor: { enabled: user.totpEnabledAt !== null, enabledAt: iso(user.totpEnabledAt) },
    posts: postRows.map((p) => ({
      id: p.id,
      title: p.title,
      body: p.body,
      createdAt: iso(p.createdAt),
      updatedAt: iso(p.updatedAt),
    })),
    following: followSide(counts?.following ?? followingRows.length, followingRows),
    followers: followSide(counts?.followers ?? followerRows.length, followerRows),
    activity: eventRows.map((e) => ({
      type: e.type,
      description: eventLabel({ type: e.type, detail: e.detail ?? {} }),
      ip: e.ip,
      userAgent: e.userAgent,
      detail: e.detail ?? {},
      at: iso(e.createdAt),
    })),
  };
}

export type AccountExport = NonNullable<Awaited<ReturnType<typeof exportDocument>>>;
