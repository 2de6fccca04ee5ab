import { z } from "zod";

const detailValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One entry of the audit trail as it leaves lib/; SecurityEventDto is inferred from it. */
export const securityEventDtoSchema = z
  .object({
    id: z.string().meta({ example: "42" }),
    type: z.string().meta({ example: "sign_in.succeeded" }),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    createdAt: z.iso.datetime(),
    detail: z.record(z.string(), detailValue).meta({
      description:
        "Small facts about the event. A failed try (sign_in.failed, mfa.failed, reauth.failed, rate_limit.hit) is " +
        "summarised per account and 15 minutes: `tries` (2 or more) counts the tries the event stands for and " +
        "`lastAt` is when the last one was; `createdAt` is the first's.",
    }),
  })
  .strict()
  .meta({ id: "SecurityEvent" });

export const eventPageSchema = z
  .object({
    events: z.array(securityEventDtoSchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass it as `cursor` for the next (older) page; null on the last page." }),
  })
  .strict()
  .meta({ id: "EventPage" });
