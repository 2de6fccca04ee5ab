import { z } from "zod";
import { ERROR_CODES, PROBLEM_CODES } from "../result";

/** RFC 9457 problem document: the shape of every error the JSON API answers (lib/http/problem.ts). */
export const problemSchema = z
  .object({
    type: z.url().meta({ example: "https://accounts.invalid/problems/validation" }),
    title: z.string().meta({ example: "Invalid request" }),
    status: z.int().min(400).max(599),
    detail: z.string(),
    code: z
      .enum([...ERROR_CODES, ...PROBLEM_CODES])
      .optional()
      .meta({
        description:
          "What went wrong, for programs to branch on: the error's kind (`validation`, `not_found` …) or a more " +
          "precise reason (`reauthentication_required`, `email_unverified`, `account_disabled`, `last_admin`, " +
          "`invalid_code`, `last_way_in`, `insufficient_scope`, `too_many_api_keys`, `last_owner`).",
        example: "validation",
      }),
    errors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({
        description: "Per-field messages, on a validation failure (400) and where a field caused the refusal.",
        example: { username: ["Use at least 3 characters."] },
      }),
    scope: z.string().optional().meta({
      description: "With `code: insufficient_scope`: the scope the API key would have needed.",
      example: "posts:write",
    }),
  })
  .strict()
  .meta({ id: "Problem" });

/** The answer of a request that was taken and will be acted on out of band (a mail is on its way). */
export const acceptedSchema = z
  .object({
    status: z.literal("accepted"),
    detail: z.string().optional().meta({ description: "What happens next, safe to show." }),
  })
  .strict()
  .meta({ id: "Accepted" });

export const maintenanceSchema = z
  .object({
    status: z.literal("ok"),
    mailProcessed: z
      .number()
      .int()
      .meta({ description: "Outbox messages tried in this run (sent, retried later or failed)." }),
    deleted: z
      .object({
        sessions: z.number().int(),
        emailTokens: z.number().int(),
        mfaChallenges: z.number().int().meta({ description: "Expired two-factor sign-in challenges." }),
        webauthnChallenges: z.number().int().meta({ description: "Expired passkey ceremony challenges." }),
        rateLimits: z.number().int(),
        mail: z.number().int().meta({ description: "Outbox rows done more than MAIL_KEEP_DAYS ago." }),
      })
      .strict(),
  })
  .strict()
  .meta({ id: "MaintenanceReport" });

export const healthSchema = z
  .object({ status: z.literal("ok") })
  .strict()
  .meta({ id: "Health" });
