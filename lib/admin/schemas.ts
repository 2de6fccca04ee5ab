import { z } from "zod";
import { CONTROL, NO_CONTROL, UUID_PATTERN } from "../validation";
import { decodeCursor, decodePosition } from "../cursor";

const blankIsAbsent = (v: unknown) => (v === "" || v === null ? undefined : v);
/** An account's (or a session's) id as PostgreSQL writes a uuid; anything else names no row. */
export const UUID = UUID_PATTERN;
const CURSOR = "The cursor must be the nextCursor of a previous page.";
const LIMIT = "The limit must be a whole number from 1 to 100.";

/** A key the schema does not know: named in the message only by kind (a stray key may be huge or hostile). */
const strictKeys = {
  error: (issue: { code?: string }) => (issue.code === "unrecognized_keys" ? "Unknown parameter." : undefined),
};

const limit = z.preprocess(
  blankIsAbsent,
  z.coerce.number({ error: LIMIT }).int(LIMIT).min(1, LIMIT).max(100, LIMIT).default(25),
);

/** `{at, id}` of the last user on the previous page (created_at with microseconds, as the database has it). */
const userCursor = z.preprocess(
  blankIsAbsent,
  z
    .string({ error: CURSOR })
    .transform((c, ctx) => {
      const position = decodePosition(c, UUID);
      if (!position) {
        ctx.addIssue({ code: "custom", message: CURSOR });
        return z.NEVER;
      }
      return position;
    })
    .optional(),
);

/** The query of GET /api/admin/users and of the console's users table. */
export const adminUserListSchema = z.strictObject(
  {
    query: z.preprocess(
      blankIsAbsent,
      z
        .string({ error: "The query must be text." })
        .trim()
        .max(200, "The query is at most 200 characters.")
        // A NUL reached PostgreSQL as a 500: a control character is no part of a name or an address.
        .refine((s) => !CONTROL.test(s), NO_CONTROL)
        .optional(),
    ),
    role: z.preprocess(blankIsAbsent, z.enum(["user", "admin"], { error: "The role is user or admin." }).optional()),
    status: z.preprocess(
      blankIsAbsent,
      z.enum(["active", "disabled"], { error: "The status is active or disabled." }).optional(),
    ),
    verified: z.preprocess(
      blankIsAbsent,
      z
        .enum(["true", "false"], { error: "verified is true or false." })
        .transform((v) => v === "true")
        .optional(),
    ),
    order: z.preprocess(
      blankIsAbsent,
      z.enum(["newest", "oldest"], { error: "The order is newest or oldest." }).default("newest"),
    ),
    cursor: userCursor,
    limit,
  },
  strictKeys,
);
export type AdminUserListQuery = z.output<typeof adminUserListSchema>;

/** The query of GET /api/admin/events and of the console's events page. */
export const adminEventListSchema = z.strictObject(
  {
    type: z.preprocess(
      blankIsAbsent,
      z
        .string({ error: "The type must be an event type." })
        .regex(/^[a-z_.]{1,64}$/, "The type must be an event type.")
        .optional(),
    ),
    userId: z.preprocess(
      blankIsAbsent,
      z.string({ error: "userId must be an account's id." }).regex(UUID, "userId must be an account's id.").optional(),
    ),
    username: z.preprocess(
      blankIsAbsent,
      z
        .string({ error: "The username must be text." })
        .trim()
        .transform((u) => u.replace(/^@/, ""))
        .pipe(z.string().max(30, "A username is at most 30 characters."))
        .optional(),
    ),
    cursor: z.preprocess(
      blankIsAbsent,
      z
        .string({ error: CURSOR })
        .transform((c, ctx) => {
          const parts = decodeCursor(c, 1);
          if (!parts || !/^[1-9]\d{0,15}$/.test(parts[0]!)) {
            ctx.addIssue({ code: "custom", message: CURSOR });
            return z.NEVER;
          }
          return Number(parts[0]);
        })
        .optional(),
    ),
    limit,
  },
  strictKeys,
);
export type AdminEventListQuery = z.output<typeof adminEventListSchema>;

/** PATCH /api/admin/users/{id}: at least one key; `disabled: true` needs a reason. */
export const adminUserPatchSchema = z
  .strictObject(
    {
      role: z.enum(["user", "admin"], { error: "The role is user or admin." }).optional(),
      disabled: z.boolean({ error: "disabled is true or false." }).optional(),
      disabledReason: z
        .string({ error: "The reason must be text." })
        .trim()
        .min(1, "Give a reason for disabling the account.")
        .max(500, "The reason is at most 500 characters.")
        .optional(),
    },
    strictKeys,
  )
  .superRefine((v, ctx) => {
    if (v.role === undefined && v.disabled === undefined)
      ctx.addIssue({ code: "custom", path: ["role"], message: "Send role or disabled." });
    if (v.disabled === true && !v.disabledReason)
      ctx.addIssue({ code: "custom", path: ["disabledReason"], message: "Give a reason for disabling the account." });
  });
export type AdminUserPatch = z.output<typeof adminUserPatchSchema>;

/** `{id}` of /api/admin/users/{id}: anything not a UUID names no account (404, no query). */
export const adminUserParamsSchema = z.object({ id: z.string().regex(UUID) });
