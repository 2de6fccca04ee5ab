import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { follows, memberships, organizations, posts, users } from "@/db/schema";
import { NO_CLIENT, newUser } from "@/vitest/people";
import { feedPage, listFeed } from "../posts/feed";
import { newPostId } from "../posts/ids";
import { getPublicProfile } from "../users/public-profile";
import { followAccount, unfollowAccount } from "./follow";
import { listFollows, type FollowDirection } from "./lists";
import { forgetSuggestions, suggestAccounts } from "./suggestions";

/** Following (issue 33): one row per pair, counts and lists without disabled accounts, the feed's paging. */
beforeAll(() => getDb());

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : ((r as { rows?: T[] }).rows ?? []));

async function follow(follower: { id: string }, followee: { username: string }) {
  const result = await followAccount(follower.id, followee.username, NO_CLIENT);
  if (!result.ok) throw new Error(result.error.message);
}

async function counts(username: string) {
  const p = await getPublicProfile(username);
  return p && { followers: p.followers, following: p.following, posts: p.posts };
}

async function pairs(followerId: string, followeeId: string): Promise<number> {
  const db = await getDb();
  const rows = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from follows where follower_id = ${followerId} and followee_id = ${followeeId}`,
    ),
  );
  return Number(rows[0]!.n);
}

async function write(authorId: string, title: string, at?: string, organizationId?: string) {
  const db = await getDb();
  const id = newPostId();
  await db.insert(posts).values({ id, authorId, title, body: "Body.", organizationId: organizationId ?? null });
  if (at) await db.execute(sql`update posts set created_at = ${at}::timestamptz where id = ${id}`);
  return id;
}

async function pageAll<T>(next: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const seen: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await next(cursor);
    seen.push(...page.items);
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error("did not reach the last page");
}

const feedIds = (userId: string, limit: number) =>
  pageAll(async (cursor) => {
    const page = await listFeed(userId, { limit, cursor });
    if (!page.ok) throw new Error(page.error.message);
    return { items: page.value.posts.map((p) => p.id), nextCursor: page.value.nextCursor };
  });

const listNames = (username: string, direction: FollowDirection, limit: number) =>
  pageAll(async (cursor) => {
    const page = await listFollows(username, direction, { limit, cursor });
    if (!page.ok) throw new Error(page.error.message);
    return { items: page.value.users.map((u) => u.username), nextCursor: page.value.nextCursor };
  });

describe("follow and unfollow", () => {
  it("follows once however often asked, unfollows idempotently, and the counts follow", async () => {
    const [a, b] = [await newUser("fa"), await newUser("fb")];
    expect(await counts(b.username)).toEqual({ followers: 0, following: 0, posts: 0 });
    await follow(a, b);
    await follow(a, b);
    expect(await pairs(a.id, b.id)).toBe(1);
    expect(await counts(b.username)).toMatchObject({ followers: 1, following: 0 });
    expect(await counts(a.username)).toMatchObject({ followers: 0, following: 1 });
    expect((await getPublicProfile(b.username, a.id))?.followedByYou).toBe(true);
    expect((await getPublicProfile(a.username, b.id))?.followedByYou).toBe(false);
    expect(await getPublicProfile(b.username)).not.toHaveProperty("followedByYou");
    expect(await unfollowAccount(a.id, b.username)).toEqual({ ok: true, value: undefined });
    expect(await unfollowAccount(a.id, b.username)).toEqual({ ok: true, value: undefined });
    expect(await counts(b.username)).toMatchObject({ followers: 0 });
  });

  it("refuses oneself (cannot_follow_self) and an unknown, malformed or disabled account (not found)", async () => {
    const a = await newUser("fs");
    const self = await followAccount(a.id, a.username.toUpperCase(), NO_CLIENT);
    expect(self).toMatchObject({ ok: false, error: { code: "validation", reason: "cannot_follow_self" } });
    for (const name of ["nobody-here-at-all", "x\u0000y", "a".repeat(300)])
      expect(await followAccount(a.id, name, NO_CLIENT)).toMatchObject({ ok: false, error: { code: "not_found" } });
    const off = await newUser("fo");
    const db = await getDb();
    await db.update(users).set({ disabledAt: new Date(), disabledReason: "test" }).where(eq(users.id, off.id));
    expect(await followAccount(a.id, off.username, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await unfollowAccount(a.id, "nobody-here-at-all")).toMatchObject({ ok: true });
  });

  it("keeps the counts right under parallel follows and unfollows", async () => {
    const star = await newUser("fst");
    const fans = await Promise.all(Array.from({ length: 12 }, () => newUser("ffan")));
    // Everyone follows five times at once: one row each.
    await Promise.all(fans.flatMap((f) => Array.from({ length: 5 }, () => follow(f, star))));
    expect(await counts(star.username)).toMatchObject({ followers: 12 });
    for (const f of fans) expect(await pairs(f.id, star.id)).toBe(1);
    // Half unfollow (twice each, at once) while the other half follow again.
    const [leaving, staying] = [fans.slice(0, 6), fans.slice(6)];
    await Promise.all([
      ...leaving.flatMap((f) => [unfollowAccount(f.id, star.username), unfollowAccount(f.id, star.username)]),
      ...staying.map((f) => follow(f, star)),
    ]);
    expect(await counts(star.username)).toMatchObject({ followers: 6 });
    expect((await listNames(star.username, "followers", 100)).sort()).toEqual(staying.map((f) => f.username).sort());
    // A follow and an unfollow of one pair at once end in one state or the other, never two rows.
    const f = fans[0]!;
    await Promise.all([follow(f, star), unfollowAccount(f.id, star.username), follow(f, star)]);
    expect(await pairs(f.id, star.id)).toBeLessThanOrEqual(1);
    expect((await counts(star.username))!.followers).toBe(6 + (await pairs(f.id, star.id)));
  });
});

describe("lists", () => {
  it("pages followers and following made in the same microsecond: each exactly once, newest follow first", async () => {
    const star = await newUser("lst");
    const fans = await Promise.all(Array.from({ length: 7 }, () => newUser("lfan")));
    for (const f of fans) await follow(f, star);
    for (const f of fans) await follow(star, f);
    const db = await getDb();
    // All at one instant except the first (older) and the last (newer).
    await db.execute(sql`update follows set created_at = '2031-01-01 00:00:00.123456+00'
      where followee_id = ${star.id} or follower_id = ${star.id}`);
    await db
      .update(follows)
      .set({ createdAt: new Date("2030-01-01T00:00:00Z") })
      .where(eq(follows.followerId, fans[0]!.id));
    await db.execute(sql`update follows set created_at = '2032-01-01 00:00:00+00'
      where follower_id = ${star.id} and followee_id = ${fans[6]!.id}`);
    const all = fans.map((f) => f.username);
    for (const limit of [1, 2, 3, 5, 100]) {
      const followers = await listNames(star.username, "followers", limit);
      expect(followers, `followers, limit ${limit}`).toHaveLength(7);
      expect(new Set(followers)).toEqual(new Set(all));
      expect(followers.at(-1)).toBe(fans[0]!.username);
      const following = await listNames(star.username, "following", limit);
      expect(following, `following, limit ${limit}`).toHaveLength(7);
      expect(new Set(following)).toEqual(new Set(all));
      expect(following[0]).toBe(fans[6]!.username);
    }
  });

  it("answers not found for an unknown account and 400 for a bad cursor or limit", async () => {
    expect(await listFollows("nobody-here-at-all", "followers", {})).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    const a = await newUser("lb");
    expect(await listFollows(a.username, "followers", {})).toEqual({
      ok: true,
      value: { users: [], nextCursor: null },
    });
    expect(await listFollows(a.username, "following", { cursor: "nope" })).toMatchObject({
      ok: false,
      error: { code: "validation" },
    });
    expect(await listFollows(a.username, "following", { limit: "101" })).toMatchObject({
      ok: false,
      error: { code: "validation" },
    });
  });
});

describe("disabled and deleted accounts", () => {
  it("leave counts, lists and feeds; a deleted account's follows go with it", async () => {
    const [reader, author, off, gone] = await Promise.all([newUser("dr"), newUser("da"), newUser("do"), newUser("dg")]);
    for (const [x, y] of [
      [reader, author],
      [reader, off],
      [reader, gone],
      [off, author],
      [gone, author],
      [author, off],
    ] as const)
      await follow(x, y);
    await write(author.id, "by author");
    await write(off.id, "by off");
    await write(gone.id, "by gone");
    expect(await counts(author.username)).toMatchObject({ followers: 3, following: 1 });
    expect(await counts(reader.username)).toMatchObject({ following: 3 });
    const db = await getDb();
    await db.update(users).set({ disabledAt: new Date(), disabledReason: "test" }).where(eq(users.id, off.id));
    await db.delete(users).where(eq(users.id, gone.id));
    expect(await counts(author.username)).toMatchObject({ followers: 1, following: 0 });
    expect(await counts(reader.username)).toMatchObject({ following: 1 });
    expect(await listNames(author.username, "followers", 10)).toEqual([reader.username]);
    expect(await listNames(reader.username, "following", 10)).toEqual([author.username]);
    expect(await listNames(author.username, "following", 10)).toEqual([]);
    const feed = await feedPage(reader.id, { limit: 20 });
    expect(feed.ok && feed.value.posts.map((p) => p.title)).toEqual(["by author"]);
    expect(
      rowsOf(await db.execute(sql`select 1 from follows where follower_id = ${gone.id} or followee_id = ${gone.id}`)),
    ).toHaveLength(0);
    expect(await listFollows(off.username, "followers", {})).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await getPublicProfile(off.username)).toBeNull();
  });
});

describe("the feed", () => {
  it("pages posts of several authors written in the same millisecond: each exactly once, newest first", async () => {
    const reader = await newUser("fr");
    const authors = await Promise.all([newUser("fx"), newUser("fy"), newUser("fz")]);
    const stranger = await newUser("fq");
    for (const a of authors) await follow(reader, a);
    const times = [
      "2031-05-06 07:08:09.122900+00",
      "2031-05-06 07:08:09.123001+00",
      "2031-05-06 07:08:09.123001+00",
      "2031-05-06 07:08:09.123001+00",
      "2031-05-06 07:08:09.123999+00",
    ];
    for (const [i, a] of authors.entries()) for (const at of times) await write(a.id, `${a.username} ${i}`, at);
    await write(stranger.id, "not followed", "2031-05-06 07:08:09.123001+00");
    const db = await getDb();
    const expected = rowsOf<{ id: string }>(
      await db.execute(sql`select id from posts where author_id in (${authors[0]!.id}, ${authors[1]!.id}, ${authors[2]!.id})
        order by created_at desc, id desc`),
    ).map((r) => r.id);
    expect(expected).toHaveLength(15);
    for (const limit of [1, 2, 4, 7, 20]) expect(await feedIds(reader.id, limit), `limit ${limit}`).toEqual(expected);
    // Nothing of the people one does not follow, and nothing for someone who follows nobody.
    expect(await feedIds(stranger.id, 5)).toEqual([]);
  });

  it("shows an organization's posts only to its members, and stops when the membership ends", async () => {
    const [reader, outsider, author] = await Promise.all([newUser("or"), newUser("oo"), newUser("oa")]);
    await follow(reader, author);
    await follow(outsider, author);
    const db = await getDb();
    const [org] = await db
      .insert(organizations)
      .values({ slug: `feed-${Date.now().toString(36)}`, name: "Feed Org", createdBy: author.id })
      .returning();
    await db.insert(memberships).values([
      { organizationId: org!.id, userId: author.id, role: "owner" },
      { organizationId: org!.id, userId: reader.id, role: "member" },
    ]);
    await write(author.id, "public", "2031-01-01 00:00:00+00");
    await write(author.id, "members only", "2031-01-02 00:00:00+00", org!.id);
    const titles = async (id: string) => {
      const page = await feedPage(id, { limit: 20 });
      return page.ok ? page.value.posts.map((p) => [p.title, p.organization?.slug ?? null]) : null;
    };
    expect(await titles(reader.id)).toEqual([
      ["members only", org!.slug],
      ["public", null],
    ]);
    expect(await titles(outsider.id)).toEqual([["public", null]]);
    await db.delete(memberships).where(eq(memberships.userId, reader.id));
    expect(await titles(reader.id)).toEqual([["public", null]]);
  });

  it("suggests the most-followed enabled accounts, without the asker and whom it follows", async () => {
    const [top, second, asker] = await Promise.all([newUser("sa"), newUser("sb"), newUser("sc")]);
    const fans = await Promise.all(Array.from({ length: 3 }, () => newUser("sf")));
    for (const f of fans) await follow(f, top);
    for (const f of fans.slice(0, 2)) await follow(f, second);
    await follow(top, asker);
    forgetSuggestions();
    const names = (await suggestAccounts(asker.id, 50)).map((s) => s.username);
    expect(names.indexOf(top.username)).toBeLessThan(names.indexOf(second.username));
    expect(names).not.toContain(asker.username);
    await follow(asker, top);
    expect((await suggestAccounts(asker.id, 50)).map((s) => s.username)).not.toContain(top.username);
  });
});
