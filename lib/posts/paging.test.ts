import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { posts } from "@/db/schema";
import { newUser } from "@/vitest/people";
import { newPostId } from "./ids";
import { listPosts } from "./list";

/**
 * Posts written within one millisecond of each other (set in the database, to the microsecond), paged with
 * a page size that cuts between them: every post appears exactly once, in order.
 */
async function pageThrough(author: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const page = await listPosts({ author, limit, ...(cursor ? { cursor } : {}) });
    if (!page.ok) throw new Error(page.error.message);
    seen.push(...page.value.posts.map((p) => p.id));
    cursor = page.value.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error("did not reach the last page");
}

/** Seven posts: five within one millisecond (microseconds apart), one just before it and one just after. */
async function writeWithinOneMillisecond(authorId: string) {
  const db = await getDb();
  const at = [
    "2031-05-06 07:08:09.122900+00",
    "2031-05-06 07:08:09.123001+00",
    "2031-05-06 07:08:09.123002+00",
    "2031-05-06 07:08:09.123400+00",
    "2031-05-06 07:08:09.123499+00",
    "2031-05-06 07:08:09.123999+00",
    "2031-05-06 07:08:09.124100+00",
  ];
  const written: string[] = [];
  for (const [i, createdAt] of at.entries()) {
    const id = newPostId();
    await db.insert(posts).values({ id, authorId, title: `Post ${i}`, body: "Body." });
    await db.execute(sql`update posts set created_at = ${createdAt}::timestamptz where id = ${id}`);
    written.push(id);
  }
  // What the database keeps, newest first, ties by id: the order every page must follow.
  const ordered = await db.execute(
    sql`select id from posts where author_id = ${authorId} order by created_at desc, id desc`,
  );
  const rows = (Array.isArray(ordered) ? ordered : (ordered as { rows: unknown[] }).rows) as { id: string }[];
  expect(new Set(rows.map((r) => r.id))).toEqual(new Set(written));
  return rows.map((r) => r.id);
}

describe("older posts", () => {
  it("pages through posts a microsecond apart: each exactly once, in order, for every page size", async () => {
    const author = await newUser("pg");
    const expected = await writeWithinOneMillisecond(author.id);
    for (const limit of [1, 2, 3, 4, 6])
      expect(await pageThrough(author.username, limit), `limit ${limit}`).toEqual(expected);
  });
});
