import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";
import { open, seal } from "../crypto/sealed";
import { PROVIDER_IDS } from "./identity-providers/profile";
import { hostCookieName, setSiteCookie } from "./site-cookie";

/**
 * Two short-lived, sealed (AES-256-GCM under AUTH_SECRET, lib/crypto/sealed.ts), HttpOnly cookies of the
 * identity-provider flow. Neither is ever read from a query parameter or a form.
 *
 * - **pending link** (`accounts.identity-link`, 10 minutes): an identity whose email is an existing
 *   account's, waiting for a sign-in to *that* account in this browser (lib/auth/identity-link.ts).
 * - **intent** (`accounts.identity-intent`, 10 minutes): set by the server action that sends a signed-in
 *   person to the provider to connect an identity or to re-authenticate, so the callback tells them apart
 *   from a sign-in. It names the account and session that asked; the callback honours it only for them.
 */
export const PENDING_MINUTES = 10;
export const INTENT_MINUTES = 10;

const pendingName = () => hostCookieName("accounts.identity-link");
const intentName = () => hostCookieName("accounts.identity-intent");

const pendingSchema = z.object({
  userId: z.uuid(),
  provider: z.enum(PROVIDER_IDS),
  providerName: z.string().max(100),
  subject: z.string().min(1).max(255),
  email: z.string().max(254).nullable(),
  emailVerified: z.boolean(),
  offerReset: z.boolean(),
  expiresAt: z.number(),
});
export type PendingLink = z.infer<typeof pendingSchema>;

const intentSchema = z.object({
  purpose: z.enum(["connect", "reauth"]),
  userId: z.uuid(),
  sessionId: z.string().min(1).max(100),
  provider: z.enum(PROVIDER_IDS),
  /** Seconds since the epoch when the person was sent to the provider: a re-authentication must be newer. */
  startedAt: z.number(),
  /** Where to come back to (a safe path on this site). */
  returnTo: z.string().max(2048),
});
export type IdentityIntent = z.infer<typeof intentSchema>;

function read<T>(raw: string | undefined, purpose: "identity-pending" | "identity-intent", schema: z.ZodType<T>) {
  if (!raw || raw.length > 4096) return null;
  const text = open(purpose, raw);
  if (!text) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function setPendingLink(link: Omit<PendingLink, "expiresAt">): Promise<void> {
  const value: PendingLink = { ...link, expiresAt: Date.now() + PENDING_MINUTES * 60_000 };
  await setSiteCookie(pendingName(), seal("identity-pending", JSON.stringify(value)), PENDING_MINUTES * 60);
}

/** The pending link this browser holds, if it is still live. */
export async function readPendingLink(): Promise<PendingLink | null> {
  const link = read((await cookies()).get(pendingName())?.value, "identity-pending", pendingSchema);
  return link && link.expiresAt > Date.now() ? link : null;
}

export async function clearPendingLink(): Promise<void> {
  const jar = await cookies();
  if (jar.get(pendingName())) jar.delete(pendingName());
}

export async function setIntent(intent: IdentityIntent): Promise<void> {
  await setSiteCookie(intentName(), seal("identity-intent", JSON.stringify(intent)), INTENT_MINUTES * 60);
}

/** The intent this browser holds (deleted as it is read: one callback uses it), if still live. */
export async function takeIntent(): Promise<IdentityIntent | null> {
  const jar = await cookies();
  const raw = jar.get(intentName())?.value;
  if (raw === undefined) return null;
  jar.delete(intentName());
  const intent = read(raw, "identity-intent", intentSchema);
  return intent && intent.startedAt * 1000 + INTENT_MINUTES * 60_000 > Date.now() ? intent : null;
}
