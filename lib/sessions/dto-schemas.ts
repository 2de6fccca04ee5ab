import { z } from "zod";
import { userDtoSchema } from "../users/dto-schemas";

/** What leaves lib/ about a session (never its token or token hash); SessionDto is inferred from it. */
export const sessionDtoSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(["browser", "api"]),
    device: z.string().meta({ example: "Chrome on Linux" }),
    ip: z.string().nullable(),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    idleExpiresAt: z.iso.datetime().meta({
      description: "When it ends unless used before: SESSION_IDLE_DAYS after last use, or `expiresAt` if sooner.",
    }),
    current: z.boolean().meta({ description: "The session this request was made with." }),
  })
  .strict()
  .meta({ id: "Session" });

export const sessionListSchema = z
  .object({ sessions: z.array(sessionDtoSchema) })
  .strict()
  .meta({ id: "SessionList" });

/** The answer to a sign-in: the bearer token, shown this once. */
export const issuedSessionSchema = z
  .object({
    token: z.string().meta({ description: "Send it as `Authorization: Bearer <token>`. It is shown only once." }),
    tokenType: z.literal("Bearer"),
    expiresAt: z.iso.datetime(),
    user: userDtoSchema,
  })
  .strict()
  .meta({ id: "IssuedSession" });
export type IssuedSessionDto = z.infer<typeof issuedSessionSchema>;

/**
 * Added to the answers that add a factor (two-factor turned on, a passkey added): sessions opened before
 * it, perhaps by someone with the password alone, stay signed in until ended (`DELETE /api/sessions`).
 */
export const otherSessionsShape = {
  otherSessions: z
    .number()
    .int()
    .min(0)
    .meta({
      description:
        "How many other sessions of the account (browsers and API tokens, not this one) are still signed in. " +
        "`DELETE /api/sessions` ends them all but this one.",
      example: 2,
    }),
};
