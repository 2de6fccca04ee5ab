import "server-only";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import type { Caller } from "../sessions/resolve";
import { getEnv } from "../env";
import { log } from "../log";
import { fail, type DomainError } from "../result";

/** Starting a round trip either redirects (thrown) or is refused. */
type Refused = { ok: false; error: DomainError };
import { requireRecentAuth } from "../security/recent-auth";
import { connectedProviders } from "../identities/store";
import { setIntent } from "./identity-cookies";
import { findIdentityProvider, identityProviders as identityProvidersFor } from "./identity-providers";
import { signIn } from "./nextauth";
import { safeRedirectPath } from "./redirects";

export const PROVIDER_UNREACHABLE = (name: string) =>
  `${name} could not be reached just now. Try again in a moment, or sign in another way.`;
export const UNKNOWN_PROVIDER = "That sign-in provider is not offered here.";
export const NOT_CONNECTED = (name: string) => `No ${name} sign-in is connected to this account.`;

/**
 * Sends the browser to the provider (Auth.js's sign-in: PKCE, state and nonce cookies, then a redirect,
 * thrown as Next's redirect). A provider that cannot be reached (its discovery fails) is answered here,
 * with the reason logged; Next's redirect goes on.
 */
async function goToProvider(id: string, redirectTo: string, params?: Record<string, string>): Promise<Refused> {
  const provider = findIdentityProvider(getEnv(), id);
  if (!provider) return fail("not_found", UNKNOWN_PROVIDER);
  let next: string;
  try {
    next = await signIn(provider.id, { redirectTo, redirect: false }, params);
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    const cause = (error as { cause?: { err?: unknown } }).cause?.err;
    log.warn("identity provider unreachable", {
      provider: provider.id,
      error: error.name,
      ...(cause instanceof Error ? { cause: cause.message.slice(0, 200) } : {}),
    });
    return fail("unavailable", PROVIDER_UNREACHABLE(provider.name));
  }
  // A discovery that failed (the provider is down) comes back as Auth.js's error page, not as the provider's
  // authorization URL (Auth.js logged the cause): said in the form instead.
  const url = new URL(next, getEnv().BASE_URL);
  if (url.pathname === "/sign-in" && url.searchParams.has("error")) {
    log.warn("identity provider unreachable", { provider: provider.id, error: url.searchParams.get("error") });
    return fail("unavailable", PROVIDER_UNREACHABLE(provider.name));
  }
  redirect(next);
}

/** "Continue with {provider}" on the sign-in and sign-up pages. */
export function startIdentitySignIn(id: string, callbackUrl: unknown): Promise<Refused> {
  return goToProvider(id, safeRedirectPath(callbackUrl));
}

/**
 * A signed-in person connects another identity (inside the re-authentication window) or re-authenticates
 * with one already connected: the sealed intent cookie names the account, the session and the moment,
 * and the provider is asked to authenticate the person again (`prompt=login`, `max_age=0`).
 */
export async function startIdentityIntent(
  caller: Caller,
  purpose: "connect" | "reauth",
  id: string,
  returnTo: unknown,
): Promise<Refused> {
  const provider = findIdentityProvider(getEnv(), id);
  if (!provider) return fail("not_found", UNKNOWN_PROVIDER);
  if (purpose === "connect") {
    const recent = requireRecentAuth(caller);
    if (!recent.ok) return recent;
  } else if (!provider.reportsAuthTime || !(await connectedProviders(caller.user.id)).includes(provider.id)) {
    return fail("not_found", NOT_CONNECTED(provider.name));
  }
  const back = safeRedirectPath(returnTo, "/account/security");
  await setIntent({
    purpose,
    userId: caller.user.id,
    sessionId: caller.session.id,
    provider: provider.id,
    startedAt: Math.floor(Date.now() / 1000),
    returnTo: back,
  });
  const started = await goToProvider(provider.id, back, provider.freshSignInParams);
  return started;
}

/**
 * The providers the caller can re-authenticate with: connected to the account, and reporting `auth_time`
 * (the freshness check needs it).
 */
export async function reauthProviders(caller: Caller): Promise<{ id: string; name: string }[]> {
  const connected = await connectedProviders(caller.user.id);
  return identityProvidersFor(getEnv())
    .filter((p) => p.reportsAuthTime && connected.includes(p.id))
    .map(({ id, name }) => ({ id, name }));
}
