import { z } from "zod";

/**
 * The shapes of what leaves lib/ about a user (the API's answers). The DTO types are inferred from
 * these, and lib/openapi documents them, so the document and the code cannot disagree.
 */
export const userDtoSchema = z
  .object({
    id: z.uuid(),
    username: z.string().meta({ example: "ada" }),
    email: z.email().meta({ example: "ada@example.com" }),
    emailVerified: z.boolean(),
    displayName: z.string().nullable().meta({ example: "Ada Lovelace" }),
    avatarUrl: z.string().nullable(),
    bio: z.string().nullable(),
    createdAt: z.iso.datetime(),
    hasPassword: z.boolean().meta({
      description:
        "Whether the account has a password. Without one (made by an identity provider, or voided by an email " +
        "sign-in) the places that ask for `currentPassword` ask for a recent re-authentication instead.",
    }),
    twoFactor: z
      .object({
        totp: z.boolean().meta({ description: "Whether sign-in needs an authenticator-app code." }),
        recoveryCodesLeft: z.number().int().min(0).meta({ description: "Unused recovery codes (0 when off)." }),
      })
      .strict(),
  })
  .strict()
  .meta({ id: "User", description: "The account of the caller. Never the password hash." });

export const publicProfileDtoSchema = z
  .object({
    username: z.string().meta({ example: "ada" }),
    displayName: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    bio: z.string().nullable(),
    createdAt: z.iso.datetime(),
    postCount: z.number().int().min(0).meta({ description: "How many posts the account has published." }),
    followers: z.number().int().min(0).meta({ description: "How many enabled accounts follow it." }),
    following: z.number().int().min(0).meta({ description: "How many enabled accounts it follows." }),
    posts: z.number().int().min(0).meta({ description: "How many public posts it has (the same as `postCount`)." }),
    followedByYou: z.boolean().optional().meta({
      description:
        "Whether the caller follows it: present only for a signed-in caller (an API key needs `profile:read`).",
    }),
  })
  .strict()
  .meta({ id: "PublicProfile", description: "What anyone may see of an account: no email, no sessions." });
