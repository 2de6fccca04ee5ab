import { z } from "zod";
import { decodePosition, type KeysetPosition } from "../cursor";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BAD_CURSOR = "The cursor must be the nextCursor of a previous page.";
const BAD_LIMIT = "The limit must be a whole number from 1 to 100.";
/** base64url of a microsecond timestamp and a uuid: 84 characters. */
const CURSOR_MAX = 128;

/** The position of a followers/following cursor: when the follow was made (to the microsecond) and the other id. */
export type FollowCursor = KeysetPosition;

export const decodeFollowCursor = (cursor: unknown): FollowCursor | null =>
  typeof cursor === "string" && cursor.length <= CURSOR_MAX ? decodePosition(cursor, UUID) : null;

const blankIsAbsent = (v: unknown) => (v === "" || v === null ? undefined : v);

/** The query of `GET /api/users/{username}/followers` and `/following`: where to continue, how many (20). */
export const followListSchema = z.object({
  cursor: z.preprocess(
    blankIsAbsent,
    z
      .string({ error: BAD_CURSOR })
      .max(CURSOR_MAX, BAD_CURSOR)
      .transform((s, ctx) => {
        const position = decodeFollowCursor(s);
        if (!position) {
          ctx.addIssue({ code: "custom", message: BAD_CURSOR });
          return z.NEVER;
        }
        return position;
      })
      .optional(),
  ),
  limit: z.preprocess(
    blankIsAbsent,
    z.coerce.number({ error: BAD_LIMIT }).int(BAD_LIMIT).min(1, BAD_LIMIT).max(100, BAD_LIMIT).default(20),
  ),
});
export type FollowListQuery = z.output<typeof followListSchema>;

/** The pages' `?cursor=`: a bad one falls back to the first page. */
export const followPageQuerySchema = z
  .object({ cursor: z.unknown() })
  .partial()
  .transform(({ cursor }) => ({ cursor: decodeFollowCursor(cursor) ?? undefined }));
