import { z } from "zod";

/** The shapes of what leaves lib/follows (the API's answers), documented by lib/openapi. */
export const followUserDtoSchema = z
  .object({
    username: z.string().meta({ example: "ada" }),
    displayName: z.string().nullable().meta({ example: "Ada Lovelace" }),
    avatarUrl: z.string().nullable(),
  })
  .strict()
  .meta({ id: "FollowUser", description: "An account in a followers or following list: its public part." });

export const followUserPageSchema = z
  .object({
    users: z.array(followUserDtoSchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as `cursor` for the next (older) page; null at the end." }),
  })
  .strict()
  .meta({ id: "FollowUserPage", description: "One page of accounts, the most recent follow first." });

export type FollowUserDto = z.infer<typeof followUserDtoSchema>;
export type FollowUserPage = z.infer<typeof followUserPageSchema>;
