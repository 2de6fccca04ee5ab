import { z } from "zod";
import { decodePosition, type KeysetPosition } from "../cursor";
import { usernameSegmentSchema } from "../users/schemas";
import { charCount, CONTROL_BUT_LINES, NO_CONTROL, singleLineText } from "../validation";

export const TITLE_MAX_CHARS = 120;
export const BODY_MAX_CHARS = 20_000;

/** Raw strings are capped (4× the limit) before anything else runs, so oversized input costs nothing. */
const capped = (max: number) => z.string({ error: "Required." }).max(max * 4, "This is far too long.");

/** The title: one line, trimmed, 1–120 characters; no control or text-direction characters. */
export const postTitleSchema = singleLineText(TITLE_MAX_CHARS, "Give your post a title.", "Required.");

/** The body: plain text, trimmed, 1–20,000 characters; newlines (CRLF becomes LF) and tabs are kept. */
export const postBodySchema = capped(BODY_MAX_CHARS)
  .transform((s) => s.replace(/\r\n?/g, "\n"))
  .refine((s) => !CONTROL_BUT_LINES.test(s), NO_CONTROL)
  .transform((s) => s.trim())
  .refine((s) => s.length > 0, "Write something in your post.")
  .refine((s) => charCount(s) <= BODY_MAX_CHARS, `Use at most ${BODY_MAX_CHARS.toLocaleString("en")} characters.`);

const BAD_SLUG = "An organization's slug is 3–40 lower-case letters, digits or dashes.";

/**
 * The organization a post is published to, by slug: absent, null or blank = public ("Everyone (public)" in
 * the form). Only the shape is checked here; whether the author is a member is checked in the insert.
 */
export const postOrganizationSchema = z.preprocess(
  (v) => (v === "" || v === null ? undefined : typeof v === "string" ? v.trim().toLowerCase() : v),
  z
    .string({ error: BAD_SLUG })
    .regex(/^[a-z0-9-]{3,40}$/, BAD_SLUG)
    .optional()
    .meta({ description: "An organization's slug: only its members may read the post. Absent: public." }),
);

/** `POST /api/posts` and the "Write a post" form. */
export const createPostSchema = z.object({
  title: postTitleSchema,
  body: postBodySchema,
  organization: postOrganizationSchema,
});
export type CreatePostInput = z.output<typeof createPostSchema>;

/** `PATCH /api/posts/{id}`: each key optional (absent = unchanged). Where a post is published never changes. */
export const updatePostSchema = z.object({ title: postTitleSchema, body: postBodySchema }).partial();
export type UpdatePostInput = z.output<typeof updatePostSchema>;

const POST_ID = /^[A-Za-z0-9_-]{22}$/;

/** A post id as lib/posts/ids.ts makes them: 22 base64url characters (128 random bits). */
export const postIdSchema = z.string().regex(POST_ID, "A post id is 22 letters, digits, - or _.");

/** The path parameters of `/api/posts/[id]`, `/posts/[id]` and `/posts/[id]/edit`. */
export const postParamsSchema = z.object({ id: postIdSchema });

const BAD_CURSOR = "The cursor must be the nextCursor of a previous page.";
const BAD_LIMIT = "The limit must be a whole number from 1 to 100.";

/**
 * The keyset position a cursor names: the last post of the previous page, created_at to the microsecond
 * (lib/cursor.ts, the codec the admin console's lists use too).
 */
export type PostCursor = KeysetPosition;

/** A cursor is at most this long (base64url of a microsecond timestamp and a post id: 68 characters). */
const CURSOR_MAX = 128;

/** The position of a cursor made by `encodePosition`, or null for anything else. */
export const decodePostCursor = (cursor: unknown): PostCursor | null => decodePosition(cursor, POST_ID);

/** An empty query parameter (`?cursor=&limit=`) means "not given". */
const blankIsAbsent = (v: unknown) => (v === "" || v === null ? undefined : v);

const cursorSchema = z
  .string({ error: BAD_CURSOR })
  .max(CURSOR_MAX, BAD_CURSOR)
  .transform((s, ctx) => {
    const position = decodePostCursor(s);
    if (!position) {
      ctx.addIssue({ code: "custom", message: BAD_CURSOR });
      return z.NEVER;
    }
    return position;
  });

const pagingFields = {
  cursor: z.preprocess(blankIsAbsent, cursorSchema.optional()),
  limit: z.preprocess(
    blankIsAbsent,
    z.coerce.number({ error: BAD_LIMIT }).int(BAD_LIMIT).min(1, BAD_LIMIT).max(100, BAD_LIMIT).default(20),
  ),
};

/** The query of `GET /api/posts`: whose posts (absent = everyone's), where to continue, how many. */
export const postListSchema = z.object({
  author: z.preprocess(blankIsAbsent, usernameSegmentSchema.optional()),
  ...pagingFields,
});
export type PostListQuery = z.output<typeof postListSchema>;

/** The query of `GET /api/organizations/{slug}/posts`: where to continue, how many. */
export const orgPostListSchema = z.object(pagingFields);

/** The path parameter of `/api/organizations/[slug]/posts`: anything else is a not found, like a non-member. */
export const orgSlugParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{3,40}$/) });

/** The query of the home page and the profile (`?cursor=`): a bad cursor falls back to the first page. */
export const postPageQuerySchema = z
  .object({ cursor: z.unknown() })
  .partial()
  .transform(({ cursor }) => ({
    cursor:
      typeof cursor === "string" && cursor.length <= CURSOR_MAX ? (decodePostCursor(cursor) ?? undefined) : undefined,
  }));
