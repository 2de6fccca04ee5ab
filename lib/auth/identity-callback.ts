import "server-only";
import { eq, sql } from "drizzle-orm";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { getEnv } from "../env";
import { clientInfo } from "../http/client-info";
import type { ClientInfo } from "../client-info";
import { connectIdentityNow } from "../identities/store";
import { log } from "../log";
import { getCaller } from "./caller";
import { sessionCookieName } from "./config";
import { cookieFrom, deviceCookieName } from "./device-cookie";
import { setPendingLink, takeIntent, type IdentityIntent } from "./identity-cookies";
import { connectPendingIdentity } from "./identity-link";
import { findIdentityProvider } from "./identity-providers";
import { profileFromAuthUser, type ProviderProfile } from "./identity-providers/profile";
import { identityBelongsTo, identityOf, NO_EMAIL, signInWithIdentity, SIGNUP_CLOSED } from "./identity-sign-in";
import { setMfaCookie } from "./mfa-cookie";
import { setBrowserDeviceCookie } from "./browser-sign-in";
import { safeRedirectPath } from "./redirects";
import { sessionTokenIn } from "./session-cookie";

/**
 * Auth.js's `signIn` callback for the identity providers: Auth.js has checked the provider's answer
 * (PKCE, state, nonce, the ID token) and our `profile()` has made a ProviderProfile. Answers `true` (a
 * session was opened: its token is put on `user.sessionToken`, which the jwt callback keeps as `sid`) or
 * a path on this site to go to instead (Auth.js then sets no session cookie):
 *
 * - the second step (`/sign-in/two-factor`, the challenge cookie set) when two-factor is on;
 * - the sign-in page with a pending link (`/sign-in?link=1`, the sealed cookie set) or a refusal
 *   (`/sign-in?error=identity_…&provider=…`), whose words the page picks;
 * - for a connect or re-authenticate intent (the sealed intent cookie, set by the server action that
 *   sent the person away: never a query parameter), the page it came from, with the result.
 */
export async function identitySignInCallback(user: { sessionToken?: string }): Promise<true | string> {
  const profile = profileFromAuthUser(user);
  if (!profile) {
    log.warn("identity sign-in refused: the provider's profile could not be read");
    return refusal("identity_profile", "");
  }
  const env = getEnv();
  const providerName = findIdentityProvider(env, profile.provider)?.name ?? profile.provider;
  const h = await headers();
  const client = clientInfo(h);
  const intent = await takeIntent();
  if (intent) return intentCallback(intent, profile, providerName, client);
  const cookieHeader = h.get("cookie");
  const result = await signInWithIdentity(profile, providerName, client, {
    deviceCookie: cookieFrom(cookieHeader, deviceCookieName()),
    previousSessionToken: await sessionTokenIn(cookieFrom(cookieHeader, sessionCookieName(env.SECURE_COOKIES))),
  });
  if (!result.ok) {
    const code =
      result.error.code === "rate_limited"
        ? "identity_rate_limited"
        : result.error.reason === "account_disabled"
          ? "identity_disabled"
          : result.error.message === SIGNUP_CLOSED(providerName)
            ? "identity_signup_closed"
            : result.error.message === NO_EMAIL(providerName)
              ? "identity_no_email"
              : "identity_again";
    log.info("identity sign-in refused", { provider: profile.provider, why: code });
    return refusal(code, profile.provider);
  }
  const outcome = result.value;
  if (outcome.kind === "signed_in") {
    const { signedIn } = outcome;
    if (signedIn.deviceCookie) await setBrowserDeviceCookie(signedIn.deviceCookie);
    await connectPendingIdentity(signedIn.user.id, client);
    user.sessionToken = signedIn.session.token;
    return true;
  }
  if (outcome.kind === "mfa") {
    await setMfaCookie(outcome.mfa.challenge);
    return "/sign-in/two-factor";
  }
  await setPendingLink({
    userId: outcome.userId,
    offerReset: outcome.offerReset,
    ...identityOf(profile, providerName),
    provider: profile.provider,
  });
  if (outcome.mfa) {
    await setMfaCookie(outcome.mfa.challenge);
    return "/sign-in/two-factor";
  }
  return "/sign-in?link=1";
}

function refusal(code: string, provider: string): string {
  return `/sign-in?${new URLSearchParams(provider ? { error: code, provider } : { error: code })}`;
}

/** Fresh: the provider's auth_time is no older than the moment the person was sent there (60 s of clock skew). */
const SKEW_SECONDS = 60;

async function intentCallback(
  intent: IdentityIntent,
  profile: ProviderProfile,
  providerName: string,
  client: ClientInfo,
): Promise<string> {
  const back = (params: Record<string, string>) => {
    const path = safeRedirectPath(intent.returnTo);
    return `${path}${path.includes("?") ? "&" : "?"}${new URLSearchParams(params)}`;
  };
  const caller = await getCaller();
  // Only the account and session that asked: a signed-out browser, or another session, gets nothing.
  if (!caller || caller.user.id !== intent.userId || caller.session.id !== intent.sessionId) {
    log.warn("identity intent refused: not the session that asked", { purpose: intent.purpose });
    return refusal("identity_again", profile.provider);
  }
  if (profile.provider !== intent.provider) {
    log.warn("identity intent refused: another provider answered", { purpose: intent.purpose });
    return back({ identity: "refused" });
  }
  if (intent.purpose === "connect") {
    const connected = await connectIdentityNow(caller.user.id, identityOf(profile, providerName), client);
    if (!connected.ok) {
      log.info("identity not connected", { provider: profile.provider, why: connected.reason });
      return back({ identity: connected.reason === "other_account" ? "taken" : "refused" });
    }
    return back({ identity: connected.created ? "connected" : "already" });
  }
  const now = Math.floor(Date.now() / 1000);
  const fresh =
    profile.authTime !== null &&
    profile.authTime >= intent.startedAt - SKEW_SECONDS &&
    profile.authTime <= now + SKEW_SECONDS;
  if (!fresh || !(await identityBelongsTo(caller.user.id, profile))) {
    log.info("identity re-authentication refused", {
      provider: profile.provider,
      why: fresh ? "not_connected" : "stale_auth_time",
    });
    return back({ identity: "reauth_refused" });
  }
  const db = await getDb();
  await db
    .update(sessions)
    .set({ reauthenticatedAt: sql`now()` })
    .where(eq(sessions.id, caller.session.id));
  return back({ identity: "reauthenticated" });
}
