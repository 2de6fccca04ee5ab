import { z } from "zod";

const when = z.iso.datetime().nullable();
const loose = (id: string, description: string, shape: z.ZodRawShape) =>
  z.object(shape).loose().meta({ id, description });

/** One side of the follow graph: how many in all, and the newest 10,000 (lib/account/export-document.ts). */
const followList = loose(
  "ExportFollowList",
  "Accounts on one side of the follow graph: the count, the newest 10,000.",
  {
    total: z.number().int(),
    accounts: z.array(z.object({ username: z.string(), since: when })),
  },
);

/**
 * The export's shape for the OpenAPI document (`GET /api/users/me/export`): every top-level part and the keys
 * a program can rely on. Parts may gain keys (`.loose()`); none ever holds a hash, secret, code or token.
 */
export const accountExportSchema = z
  .object({
    product: z.string(),
    exportedAt: z.iso.datetime(),
    profile: loose("ExportProfile", "The profile.", {
      id: z.uuid(),
      username: z.string(),
      displayName: z.string().nullable(),
      bio: z.string().nullable(),
      createdAt: when,
    }),
    emails: z.array(
      loose("ExportEmail", "The account's address, and any change waiting for its link.", {
        address: z.string(),
        primary: z.boolean(),
        verified: z.boolean(),
      }),
    ),
    sessions: z.array(
      loose("ExportSession", "A live session: device, address, times.", {
        id: z.uuid(),
        kind: z.enum(["browser", "api"]),
        device: z.string(),
        ip: z.string().nullable(),
        createdAt: when,
        lastUsedAt: when,
        expiresAt: when,
      }),
    ),
    organizations: z.array(
      loose("ExportOrganization", "An organization the account belongs to, and its role there.", {
        slug: z.string(),
        name: z.string(),
        role: z.enum(["owner", "admin", "member"]),
        joinedAt: when,
      }),
    ),
    apiKeys: z.array(
      loose("ExportApiKey", "An API key's metadata (never the key).", {
        id: z.uuid(),
        name: z.string(),
        scopes: z.array(z.string()),
        createdAt: when,
        lastUsedAt: when,
        expiresAt: when,
      }),
    ),
    connectedIdentities: z.array(
      loose("ExportIdentity", "A connected identity.", {
        provider: z.string(),
        email: z.string().nullable(),
        connectedAt: when,
      }),
    ),
    passkeys: z.array(
      loose("ExportPasskey", "A passkey: its name and dates.", { name: z.string(), createdAt: when, lastUsedAt: when }),
    ),
    twoFactor: loose("ExportTwoFactor", "Whether two-factor is on.", { enabled: z.boolean() }),
    posts: z.array(
      loose("ExportPost", "A post.", { id: z.string(), title: z.string(), body: z.string(), createdAt: when }),
    ),
    following: followList,
    followers: followList,
    activity: z.array(
      loose("ExportEvent", "One event of the activity list, newest first.", {
        type: z.string(),
        description: z.string(),
        at: when,
      }),
    ),
  })
  .loose()
  .meta({ id: "AccountExport", description: "Everything the account holds, as one document." });
