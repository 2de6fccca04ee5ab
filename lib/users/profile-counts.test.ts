import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { follows, organizations, posts, users } from "@/db/schema";
import { NO_CLIENT, newUser } from "@/vitest/people";
import { followAccount, unfollowAccount } from "../follows/follow";
import { newPostId } from "../posts/ids";
import { getPublicProfile } from "./public-profile";

/**
 * The profile's counts are stored (user_counts, kept by migration 0014's triggers): they must always say what
 * counting the rows says, whatever order follows, unfollows, posts, disables and deletions come in.
 */
beforeAll(() => getDb());

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : ((r as { rows?: T[] }).rows ?? []));
type Person = { id: string; username: string };

/** What the profile said before the counts were stored: count(*) over the rows, without disabled accounts. */
async function recount(person: Person) {
  const db = await getDb();
  const [row] = rowsOf<{ followers: number; following: number; posts: number }>(
    await db.execute(sql`select
      (select count(*) from follows f join users u on u.id = f.follower_id and u.disabled_at is null
        where f.followee_id = ${person.id})::int as followers,
      (select count(*) from follows f join users u on u.id = f.followee_id and u.disabled_at is null
        where f.follower_id = ${person.id})::int as following,
      (select count(*) from posts p where p.author_id = ${person.id} and p.organization_id is null)::int as posts`),
  );
  return { followers: Number(row!.followers), following: Number(row!.following), posts: Number(row!.posts) };
}

async function shown(person: Person) {
  const p = await getPublicProfile(person.username);
  return p && { followers: p.followers, following: p.following, posts: p.posts };
}

async function follow(a: Person, b: Person) {
  const r = await followAccount(a.id, b.username, NO_CLIENT);
  if (!r.ok) throw new Error(r.error.message);
}

async function write(authorId: string, organizationId: string | null = null) {
  const db = await getDb();
  const id = newPostId();
  await db.insert(posts).values({ id, authorId, title: "T", body: "B.", organizationId });
  return id;
}

describe("stored profile counts", () => {
  it("say what counting the rows says after follows, posts, a disable, a re-enable and a deletion", async () => {
    const [a, b, c, d] = [await newUser("ca"), await newUser("cb"), await newUser("cc"), await newUser("cd")];
    const people = [a, b, c, d];
    for (const [x, y] of [
      [a, b],
      [b, a],
      [c, a],
      [d, a],
      [a, c],
      [d, b],
    ] as const)
      await follow(x, y);
    const db = await getDb();
    const [org] = await db
      .insert(organizations)
      .values({ slug: `counts-${Date.now().toString(36)}`, name: "Counts", createdBy: a.id })
      .returning();
    const kept = await write(a.id);
    const gone = await write(a.id);
    await write(a.id, org!.id); // members only: not on the public profile
    const moved = await write(b.id);
    await db.delete(posts).where(eq(posts.id, gone));
    await db.update(posts).set({ organizationId: org!.id }).where(eq(posts.id, moved));
    await db.update(posts).set({ authorId: c.id }).where(eq(posts.id, kept));
    await unfollowAccount(d.id, b.username);
    await unfollowAccount(d.id, b.username);
    for (const p of people) expect(await shown(p), p.username).toEqual(await recount(p));
    expect(await shown(a)).toEqual({ followers: 3, following: 2, posts: 0 });
    expect(await shown(c)).toMatchObject({ posts: 1 });

    await db.update(users).set({ disabledAt: new Date(), disabledReason: "test" }).where(eq(users.id, c.id));
    expect(await shown(a)).toEqual({ followers: 2, following: 1, posts: 0 });
    for (const p of [a, b, d]) expect(await shown(p), p.username).toEqual(await recount(p));
    await db.update(users).set({ disabledAt: null, disabledReason: null }).where(eq(users.id, c.id));
    expect(await shown(a)).toEqual({ followers: 3, following: 2, posts: 0 });

    await db.delete(users).where(eq(users.id, d.id));
    expect(await shown(a)).toEqual({ followers: 2, following: 2, posts: 0 });
    for (const p of [a, b, c]) expect(await shown(p), p.username).toEqual(await recount(p));
  });

  it("stay right when two accounts follow and unfollow each other in parallel (no deadlock)", async () => {
    const [a, b] = (await Promise.all([newUser("pa"), newUser("pb")])) as [Person, Person];
    for (let round = 0; round < 5; round++) {
      await Promise.all([follow(a, b), follow(b, a), follow(a, b), follow(b, a)]);
      expect(await shown(a)).toEqual({ followers: 1, following: 1, posts: 0 });
      await Promise.all([unfollowAccount(a.id, b.username), unfollowAccount(b.id, a.username)]);
      expect(await shown(b)).toEqual({ followers: 0, following: 0, posts: 0 });
    }
    const db = await getDb();
    // Rows written straight to the table (not through lib/) are counted too: the triggers keep the counts.
    await db.insert(follows).values({ followerId: a.id, followeeId: b.id });
    expect(await shown(b)).toEqual(await recount(b));
    expect(await shown(b)).toMatchObject({ followers: 1 });
  });

  it("stay right when follows, unfollows, a disable and a deletion of followers race", async () => {
    const target = await newUser("rt");
    const fans: Person[] = [];
    for (let i = 0; i < 6; i++) fans.push(await newUser(`rf${i}`));
    const [f0, f1, f2, f3, f4, f5] = fans as [Person, Person, Person, Person, Person, Person];
    for (const f of [f3, f4, f5]) await follow(f, target);
    const db = await getDb();
    await Promise.all([
      follow(f0, target),
      follow(f1, target),
      follow(f2, target),
      db.update(users).set({ disabledAt: new Date(), disabledReason: "test" }).where(eq(users.id, f3.id)),
      unfollowAccount(f4.id, target.username),
      db.delete(users).where(eq(users.id, f5.id)),
      // Straight to the table: lib/ would refuse to follow an account being disabled, the triggers must not care.
      db.insert(follows).values({ followerId: target.id, followeeId: f3.id }),
      follow(target, f2),
    ]);
    expect(await shown(target)).toEqual(await recount(target));
    expect(await shown(target)).toEqual({ followers: 3, following: 1, posts: 0 });
    await db.update(users).set({ disabledAt: null, disabledReason: null }).where(eq(users.id, f3.id));
    expect(await shown(target)).toEqual({ followers: 4, following: 2, posts: 0 });
  });
});
