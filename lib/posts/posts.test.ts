import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { posts, securityEvents, users } from "@/db/schema";
import { NO_CLIENT, PASSWORD, newUser } from "@/vitest/people";
import { deleteAccount } from "../account/delete-account";
import { getPublicProfile } from "../users/public-profile";
import { createPost } from "./create";
import { deletePost } from "./delete";
import type { PostActor } from "./dto";
import { getPost } from "./find";
import { listPosts } from "./list";
import { encodePosition } from "../cursor";
import { decodePostCursor } from "./schemas";
import { updatePost } from "./update";

beforeAll(() => getDb());

async function author(options: { verified?: boolean; role?: "user" | "admin" } = {}) {
  const user = await newUser("p");
  const db = await getDb();
  if (options.verified !== false || options.role)
    await db
      .update(users)
      .set({
        emailVerifiedAt: options.verified === false ? null : new Date(),
        role: options.role ?? "user",
      })
      .where(eq(users.id, user.id));
  const actor: PostActor = {
    user: { id: user.id, emailVerified: options.verified !== false },
    role: options.role ?? "user",
    session: { reauthenticatedAt: new Date() },
  };
  return { ...user, actor };
}

async function write(actor: PostActor, title = "A title", body = "A body") {
  const result = await createPost(actor, { title, body }, NO_CLIENT);
  if (!result.ok) throw new Error(`setup failed: ${result.error.message}`);
  return result.value;
}

describe("the rules of a post", () => {
  it("trims, keeps line breaks and tabs in the body, and answers the Post shape", async () => {
    const a = await author();
    const result = await createPost(a.actor, { title: "  Hello  ", body: "\n line one\r\n\tline two \n" }, NO_CLIENT);
    expect(result).toMatchObject({
      ok: true,
      value: { title: "Hello", body: "line one\n\tline two", author: { username: a.username } },
    });
    if (!result.ok) return;
    expect(result.value.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await getPost(result.value.id)).toEqual(result.value);
  });

  it.each([
    [{ title: "", body: "x" }, "title"],
    [{ title: "   ", body: "x" }, "title"],
    [{ title: "x".repeat(121), body: "x" }, "title"],
    [{ title: "a\nb", body: "x" }, "title"],
    [{ title: "a\u202eb", body: "x" }, "title"],
    [{ title: "x", body: "  \n " }, "body"],
    [{ title: "x", body: "x".repeat(20_001) }, "body"],
    [{ title: "x", body: "nul\u0000" }, "body"],
    [{ title: "x", body: "bell\u0007" }, "body"],
    [{ title: "x" }, "body"],
  ])("refuses %j (field %s)", async (input, field) => {
    const a = await author();
    const result = await createPost(a.actor, input, NO_CLIENT);
    expect(result).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { [field]: [expect.any(String)] } },
    });
  });

  it("accepts exactly 120 and 20,000 characters (an emoji counts as one)", async () => {
    const a = await author();
    const result = await createPost(a.actor, { title: "😀".repeat(120), body: "y".repeat(20_000) }, NO_CLIENT);
    expect(result.ok).toBe(true);
  });

  it("refuses an author whose email is not confirmed, with the email_unverified reason", async () => {
    const a = await author({ verified: false });
    expect(await createPost(a.actor, { title: "t", body: "b" }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "forbidden", reason: "email_unverified" },
    });
  });

  it("lets an account publish 10 posts an hour, then answers rate_limited with a wait", async () => {
    const a = await author();
    for (let i = 0; i < 10; i++) await write(a.actor, `Post ${i}`);
    const eleventh = await createPost(a.actor, { title: "one more", body: "b" }, NO_CLIENT);
    expect(eleventh).toMatchObject({ ok: false, error: { code: "rate_limited", retryAfter: expect.any(Number) } });
    // Another account is not affected.
    const b = await author();
    expect((await createPost(b.actor, { title: "mine", body: "b" }, NO_CLIENT)).ok).toBe(true);
  });
});

describe("ownership", () => {
  it("lets the author edit (absent keys unchanged, updatedAt moves) and nobody else", async () => {
    const [a, b] = [await author(), await author()];
    const post = await write(a.actor, "Original", "Body");
    expect(await updatePost(b.actor, post.id, { title: "Hijacked" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    const admin = await author({ role: "admin" });
    expect(await updatePost(admin.actor, post.id, { title: "Admin edit" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    const edited = await updatePost(a.actor, post.id, { title: "Edited" });
    expect(edited).toMatchObject({ ok: true, value: { title: "Edited", body: "Body", createdAt: post.createdAt } });
    if (edited.ok) expect(new Date(edited.value.updatedAt) >= new Date(post.updatedAt)).toBe(true);
    expect(await getPost(post.id)).toMatchObject({ title: "Edited" });
    expect(await updatePost(a.actor, post.id, { body: "" })).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { body: [expect.any(String)] } },
    });
  });

  it("answers not_found for an id no post has, before looking at the input", async () => {
    const a = await author();
    expect(await updatePost(a.actor, "A".repeat(22), { title: "" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await deletePost(a.actor, "nonsense", NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });

  it("lets the author delete, refuses another account, and lets an admin delete with an event for the author", async () => {
    const [a, b, admin] = [await author(), await author(), await author({ role: "admin" })];
    const first = await write(a.actor, "First");
    expect(await deletePost(b.actor, first.id, NO_CLIENT)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await getPost(first.id)).not.toBeNull();
    expect(await deletePost(a.actor, first.id, NO_CLIENT)).toEqual({
      ok: true,
      value: { id: first.id, byAdmin: false, organization: null },
    });
    expect(await getPost(first.id)).toBeNull();

    const second = await write(a.actor, "Second thoughts");
    expect(await deletePost(admin.actor, second.id, { ip: "198.51.100.9", userAgent: "admin browser" })).toEqual({
      ok: true,
      value: { id: second.id, byAdmin: true, organization: null },
    });
    const db = await getDb();
    const events = await db.select().from(securityEvents).where(eq(securityEvents.userId, a.id));
    const removed = events.find((e) => e.type === "post.removed_by_admin");
    expect(removed).toMatchObject({
      ip: null,
      userAgent: null,
      detail: { postId: second.id, title: "Second thoughts" },
      actorId: admin.id,
    });
  });

  it("refuses an admin's removal of someone else's post without a recent re-authentication, and keeps the post", async () => {
    const [a, admin] = [await author(), await author({ role: "admin" })];
    const post = await write(a.actor, "Still here");
    const stale = { ...admin.actor, session: { reauthenticatedAt: new Date(Date.now() - 24 * 3600_000) } };
    expect(await deletePost(stale, post.id, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "forbidden", reason: "reauthentication_required" },
    });
    expect(await getPost(post.id)).not.toBeNull();
    // Their own post needs no fresh proof: deleting it is not an admin action.
    const own = await write(admin.actor, "Mine");
    expect(await deletePost(stale, own.id, NO_CLIENT)).toMatchObject({ ok: true });
  });
});

describe("pages of posts", () => {
  it("pages newest first, and a page stays stable while posts are added", async () => {
    const a = await author();
    const written = [];
    for (let i = 0; i < 5; i++) written.push(await write(a.actor, `Old ${i}`));
    const newestFirst = written.reverse().map((p) => p.id);

    const first = await listPosts({ author: a.username, limit: "2" });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.posts.map((p) => p.id)).toEqual(newestFirst.slice(0, 2));
    expect(first.value.nextCursor).toEqual(expect.any(String));

    for (let i = 0; i < 3; i++) await write(a.actor, `New ${i}`);

    const second = await listPosts({ author: a.username, limit: "2", cursor: first.value.nextCursor });
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.posts.map((p) => p.id)).toEqual(newestFirst.slice(2, 4));
    const third = await listPosts({ author: a.username, limit: 2, cursor: second.value.nextCursor });
    if (!third.ok) throw new Error(third.error.message);
    expect(third.value.posts.map((p) => p.id)).toEqual(newestFirst.slice(4));
    expect(third.value.nextCursor).toBeNull();

    const all = await listPosts({ author: a.username.toUpperCase(), limit: 100 });
    expect(all).toMatchObject({ ok: true, value: { nextCursor: null } });
    if (all.ok) expect(all.value.posts).toHaveLength(8);
  });

  it("lists everyone's posts newest first, with a default page of 20", async () => {
    const a = await author();
    const post = await write(a.actor, "Latest of all");
    const page = await listPosts({});
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.posts[0]?.id).toBe(post.id);
    expect(page.value.posts.length).toBeLessThanOrEqual(20);
  });

  it.each([
    [{ cursor: "not a cursor" }, "cursor"],
    [{ cursor: Buffer.from("123:short").toString("base64url") }, "cursor"],
    [{ cursor: ["a", "b"] }, "cursor"],
    [{ limit: "0" }, "limit"],
    [{ limit: "101" }, "limit"],
    [{ limit: "1.5" }, "limit"],
  ])("refuses %j (field %s)", async (query, field) => {
    expect(await listPosts(query)).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { [field]: [expect.any(String)] } },
    });
  });

  it("answers not_found for an unknown author", async () => {
    expect(await listPosts({ author: "nobody-has-this-name" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });

  it("round-trips a cursor and refuses anything else", () => {
    const position = { at: "2026-01-02T03:04:05.678901Z", id: "abcdefghijklmnopqrstuv" };
    expect(decodePostCursor(encodePosition(position))).toEqual(position);
    expect(decodePostCursor("")).toBeNull();
    expect(decodePostCursor(Buffer.from("x\nabcdefghijklmnopqrstuv").toString("base64url"))).toBeNull();
    expect(decodePostCursor(encodePosition({ ...position, at: "2026-01-02T03:04:05.678Z" }))).toBeNull();
    expect(decodePostCursor(encodePosition({ ...position, id: "short" }))).toBeNull();
  });
});

describe("an account's posts", () => {
  it("counts them on the public profile, and they go with the account", async () => {
    const a = await author();
    expect(await getPublicProfile(a.username)).toMatchObject({ postCount: 0 });
    const [one] = [await write(a.actor), await write(a.actor)];
    expect(await getPublicProfile(a.username)).toMatchObject({ postCount: 2 });
    expect(await deleteAccount(a.id, { password: PASSWORD }, NO_CLIENT)).toMatchObject({ ok: true });
    expect(await getPost(one.id)).toBeNull();
    const db = await getDb();
    expect(await db.select().from(posts).where(eq(posts.authorId, a.id))).toEqual([]);
  });
});
