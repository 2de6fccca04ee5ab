import { z } from "zod";
import { securityEventDtoSchema } from "../security/dto-schemas";
import { sessionDtoSchema } from "../sessions/dto-schemas";
import { userDtoSchema } from "../users/dto-schemas";

export const twoFactorStateSchema = z
  .object({ totp: z.boolean(), recoveryCodesLeft: z.number().int().min(0) })
  .strict()
  .meta({ id: "TwoFactorState" });

/** An account as the console sees it: the user DTO plus what only an administrator may know. */
export const adminUserDtoSchema = userDtoSchema
  .extend({
    role: z.enum(["user", "admin"]),
    disabledAt: z.iso.datetime().nullable(),
    disabledReason: z.string().nullable(),
    lastSignInAt: z.iso.datetime().nullable(),
    twoFactor: twoFactorStateSchema,
  })
  .strict()
  .meta({ id: "AdminUser", description: "An account as an administrator sees it. Never the password hash." });

export const adminUserPageSchema = z
  .object({
    users: z.array(adminUserDtoSchema),
    nextCursor: z.string().nullable().meta({ description: "Pass it as `cursor` for the next page; null on the last." }),
    total: z
      .number()
      .int()
      .min(0)
      .meta({ description: "How many accounts match the filters (all pages), counted up to 1,000." }),
    totalCapped: z
      .boolean()
      .meta({ description: "True when more accounts match than `total` says: counting stops at 1,000." }),
  })
  .strict()
  .meta({ id: "AdminUserPage" });

export const lastSignInSchema = z
  .object({
    at: z.iso.datetime(),
    ip: z.string().nullable(),
    device: z.string().meta({ example: "Chrome on Linux" }),
  })
  .strict()
  .meta({ id: "LastSignIn" });

export const adminUserDetailSchema = adminUserDtoSchema
  .extend({
    lastSignIn: lastSignInSchema.nullable(),
    sessions: z.array(sessionDtoSchema),
    events: z.array(securityEventDtoSchema).meta({ description: "The latest 20, newest first." }),
  })
  .strict()
  .meta({ id: "AdminUserDetail" });

export const adminEventDtoSchema = securityEventDtoSchema
  .extend({
    userId: z.uuid().nullable().meta({ description: "The account it concerns (null once deleted)." }),
    username: z.string().nullable().meta({ description: "That account's username (null once deleted)." }),
    actorId: z.uuid().nullable().meta({ description: "The administrator who acted (admin.* events)." }),
    actorUsername: z
      .string()
      .nullable()
      .meta({ description: "That administrator's username (null when none acted, or once deleted)." }),
  })
  .strict()
  .meta({ id: "AdminEvent" });

export const adminEventPageSchema = z
  .object({
    events: z.array(adminEventDtoSchema),
    nextCursor: z.string().nullable().meta({ description: "Pass it as `cursor` for the next (older) page." }),
  })
  .strict()
  .meta({ id: "AdminEventPage" });
