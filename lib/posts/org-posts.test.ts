import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { memberships, organizations, posts, users } from "@/db/schema";
import { NO_CLIENT, newUser } from "@/vitest/people";
import { getPublicProfile } from "../users/public-profile";
import { createPost, NOT_A_MEMBER } from "./create";
import { deletePost } from "./delete";
import type { PostActor } from "./dto";
import { getPost } from "./find";
import { countPosts, listPosts } from "./list";
import { listOrgPosts, ORGANIZATION_NOT_FOUND, publishableOrganizations } from "./org-list";
import { updatePost } from "./update";

/**
 * Posts published to an organization (issue 31): only its members read them, from the rows on every call;
 * they are never public; its admins and owners may remove them. Organizations and memberships are rows
 * written here directly (lib/organizations makes them in the app).
 */
beforeAll(() => getDb());

type Role = "owner" | "admin" | "member";

async function person(options: { siteAdmin?: boolean } = {}) {
  const user = await newUser("op");
  const db = await getDb();
  const role = options.siteAdmin ? "admin" : "user";
  await db.update(users).set({ emailVerifiedAt: new Date(), role }).where(eq(users.id, user.id));
  const actor: PostActor = {
    user: { id: user.id, emailVerified: true },
    role,
    session: { reauthenticatedAt: new Date() },
  };
  return { ...user, actor };
}

let orgs = 0;
async function organization(members: [{ id: string }, Role][]) {
  const db = await getDb();
  const slug = `org-${Date.now().toString(36)}-${(orgs++).toString(36)}`;
  const [org] = await db
    .insert(organizations)
    .values({ slug, name: `Team ${slug}`, createdBy: members[0]?.[0].id ?? null })
    .returning();
  for (const [who, role] of members)
    await db.insert(memberships).values({ organizationId: org!.id, userId: who.id, role });
  return org!;
}

async function removeMember(orgId: string, userId: string) {
  const db = await getDb();
  await db.delete(memberships).where(and(eq(memberships.organizationId, orgId), eq(memberships.userId, userId)));
}

async function publish(actor: PostActor, slug: string, title = "Team notes") {
  const result = await createPost(actor, { title, body: "For the team only.", organization: slug }, NO_CLIENT);
  if (!result.ok) throw new Error(`setup failed: ${result.error.message}`);
  return result.value;
}

describe("publishing to an organization", () => {
  it("a member publishes; the post names its organization, and a public one names none", async () => {
    const a = await person();
    const org = await organization([[a, "member"]]);
    const post = await publish(a.actor, org.slug);
    expect(post).toMatchObject({ title: "Team notes", organization: { slug: org.slug, name: org.name } });
    expect(await getPost(post.id, a.id)).toEqual(post);
    const open = await createPost(a.actor, { title: "Open", body: "For all.", organization: "" }, NO_CLIENT);
    expect(open).toMatchObject({ ok: true, value: { organization: null } });
  });

  it("refuses a non-member with 403, an organization that does not exist alike, and writes nothing", async () => {
    const [a, outsider] = [await person(), await person()];
    const org = await organization([[a, "owner"]]);
    for (const slug of [org.slug, "no-such-organization"]) {
      const result = await createPost(outsider.actor, { title: "Sneaky", body: "In.", organization: slug }, NO_CLIENT);
      expect(result).toEqual({ ok: false, error: { code: "forbidden", message: NOT_A_MEMBER } });
    }
    const db = await getDb();
    expect(await db.select().from(posts).where(eq(posts.authorId, outsider.id))).toEqual([]);
  });

  it("refuses a member removed a moment ago", async () => {
    const a = await person();
    const org = await organization([[a, "admin"]]);
    await removeMember(org.id, a.id);
    const result = await createPost(a.actor, { title: "Late", body: "Too late.", organization: org.slug }, NO_CLIENT);
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it.each([["UPPER CASE"], ["ab"], ["x".repeat(41)], [["a", "b"]], [42], ["bad/slug"]])(
    "refuses the organization %j with a field error",
    async (organization) => {
      const a = await person();
      expect(await createPost(a.actor, { title: "T", body: "B", organization }, NO_CLIENT)).toMatchObject({
        ok: false,
        error: { code: "validation", fields: { organization: [expect.any(String)] } },
      });
    },
  );

  it("offers the organizations an account is in, and only those", async () => {
    const [a, b] = [await person(), await person()];
    const mine = await organization([[a, "member"]]);
    await organization([[b, "owner"]]);
    expect(await publishableOrganizations(a.id)).toEqual([{ slug: mine.slug, name: mine.name }]);
  });
});

describe("who reads an organization's post", () => {
  it("members only: signed out, another account and a site administrator get nothing (not found)", async () => {
    const [a, b, outsider, siteAdmin] = [
      await person(),
      await person(),
      await person(),
      await person({ siteAdmin: true }),
    ];
    const org = await organization([
      [a, "owner"],
      [b, "member"],
    ]);
    const post = await publish(a.actor, org.slug);
    expect(await getPost(post.id, b.id)).toEqual(post);
    expect(await getPost(post.id)).toBeNull();
    expect(await getPost(post.id, null)).toBeNull();
    expect(await getPost(post.id, outsider.id)).toBeNull();
    expect(await getPost(post.id, siteAdmin.id)).toBeNull();
  });

  it("a removed member loses it on the next read, the author too", async () => {
    const [a, b] = [await person(), await person()];
    const org = await organization([
      [a, "owner"],
      [b, "member"],
    ]);
    const post = await publish(b.actor, org.slug);
    expect(await getPost(post.id, b.id)).not.toBeNull();
    await removeMember(org.id, b.id);
    expect(await getPost(post.id, b.id)).toBeNull();
    expect(await updatePost(b.actor, post.id, { title: "Mine still?" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await deletePost(b.actor, post.id, NO_CLIENT)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await getPost(post.id, a.id)).not.toBeNull();
  });

  it("is not in the public feed, the author's posts, the profile's count nor the account's count", async () => {
    const a = await person();
    const org = await organization([[a, "member"]]);
    const open = await createPost(a.actor, { title: "Public", body: "Hello." }, NO_CLIENT);
    const hidden = await publish(a.actor, org.slug);
    const feed = await listPosts({ limit: 100 });
    const mine = await listPosts({ author: a.username, limit: 100 });
    if (!feed.ok || !mine.ok || !open.ok) throw new Error("setup");
    expect(feed.value.posts.map((p) => p.id)).not.toContain(hidden.id);
    expect(mine.value.posts.map((p) => p.id)).toEqual([open.value.id]);
    expect(await getPublicProfile(a.username)).toMatchObject({ postCount: 1 });
    expect(await countPosts(a.id)).toBe(1);
  });
});

describe("the organization's posts", () => {
  it("pages them newest first to members, with a cursor like the feed", async () => {
    const [a, b] = [await person(), await person()];
    const org = await organization([
      [a, "owner"],
      [b, "member"],
    ]);
    const other = await organization([[a, "owner"]]);
    const written = [];
    for (let i = 0; i < 3; i++) written.push((await publish(i % 2 ? b.actor : a.actor, org.slug, `Post ${i}`)).id);
    await publish(a.actor, other.slug, "Elsewhere");
    await createPost(a.actor, { title: "Public", body: "Hello." }, NO_CLIENT);
    const first = await listOrgPosts(org.slug, b.id, { limit: "2" });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.posts.map((p) => p.id)).toEqual([written[2], written[1]]);
    const second = await listOrgPosts(org.slug, b.id, { limit: "2", cursor: first.value.nextCursor });
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.posts.map((p) => p.id)).toEqual([written[0]]);
    expect(second.value.nextCursor).toBeNull();
  });

  it("answers not found alike to a non-member, a removed member and an organization that does not exist", async () => {
    const [a, b, outsider] = [await person(), await person(), await person()];
    const org = await organization([
      [a, "owner"],
      [b, "member"],
    ]);
    await publish(a.actor, org.slug);
    const notFound = { ok: false, error: { code: "not_found", message: ORGANIZATION_NOT_FOUND } };
    expect(await listOrgPosts(org.slug, outsider.id, {})).toEqual(notFound);
    expect(await listOrgPosts("no-such-organization", outsider.id, {})).toEqual(notFound);
    expect(await listOrgPosts("../etc", outsider.id, {})).toEqual(notFound);
    expect(await listOrgPosts(org.slug, b.id, {})).toMatchObject({ ok: true });
    await removeMember(org.id, b.id);
    expect(await listOrgPosts(org.slug, b.id, {})).toEqual(notFound);
  });

  it("refuses a bad cursor or limit with a field error", async () => {
    const a = await person();
    const org = await organization([[a, "owner"]]);
    expect(await listOrgPosts(org.slug, a.id, { limit: "0" })).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { limit: [expect.any(String)] } },
    });
  });
});

describe("removing an organization's post", () => {
  it.each([["owner" as const], ["admin" as const]])("its %s may; the post is gone for everyone", async (role) => {
    const [author, moderator] = [await person(), await person()];
    const org = await organization([
      [author, "member"],
      [moderator, role],
    ]);
    const post = await publish(author.actor, org.slug);
    expect(await deletePost(moderator.actor, post.id, NO_CLIENT)).toEqual({
      ok: true,
      value: { id: post.id, byAdmin: false, organization: org.slug },
    });
    expect(await getPost(post.id, author.id)).toBeNull();
  });

  it("a plain member may not (forbidden), nor edit it; the author still may delete", async () => {
    const [author, member] = [await person(), await person()];
    const org = await organization([
      [author, "member"],
      [member, "member"],
    ]);
    const post = await publish(author.actor, org.slug);
    expect(await deletePost(member.actor, post.id, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await updatePost(member.actor, post.id, { title: "x" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await getPost(post.id, author.id)).not.toBeNull();
    expect(await deletePost(author.actor, post.id, NO_CLIENT)).toMatchObject({ ok: true });
  });

  it("another organization's admin and a site administrator outside it get not found", async () => {
    const [author, otherAdmin, siteAdmin] = [await person(), await person(), await person({ siteAdmin: true })];
    const org = await organization([[author, "owner"]]);
    await organization([[otherAdmin, "owner"]]);
    const post = await publish(author.actor, org.slug);
    for (const actor of [otherAdmin.actor, siteAdmin.actor])
      expect(await deletePost(actor, post.id, NO_CLIENT)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await getPost(post.id, author.id)).not.toBeNull();
  });

  it("an admin demoted a moment ago may no longer remove it", async () => {
    const [author, moderator] = [await person(), await person()];
    const org = await organization([
      [author, "owner"],
      [moderator, "admin"],
    ]);
    const post = await publish(author.actor, org.slug);
    const db = await getDb();
    await db
      .update(memberships)
      .set({ role: "member" })
      .where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, moderator.id)));
    expect(await deletePost(moderator.actor, post.id, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
  });
});
