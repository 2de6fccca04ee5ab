import { getEnv } from "../env";
import { tryAgainIn } from "../security/rate-limited";
import { findIdentityProvider, providerButtons } from "./identity-providers";
import { readPendingLink } from "./identity-cookies";
import { NO_EMAIL, SIGNUP_CLOSED } from "./identity-sign-in";
import { ACCOUNT_DISABLED } from "./sign-in-tail";

/**
 * What the sign-in page says after an identity provider's round trip. The query's `error` only picks one
 * of these fixed sentences (an unknown one gets the general one) and `provider` only a configured
 * provider's name: nothing from the query is shown as it came.
 */
export const IDENTITY_CANCELLED = (name: string) =>
  `Signing in with ${name} was cancelled or refused at ${name}. Nothing was changed: try again, or sign in another way.`;
export const IDENTITY_FAILED = (name: string) =>
  `Signing in with ${name} did not finish: its answer was incomplete, had expired or had already been used. ` +
  "Start again with the button below.";
export const IDENTITY_RATE_LIMITED = `Too many sign-in attempts. ${tryAgainIn(900)}`;

/** The sign-in page's message for `?error=…&provider=…`, or null when there is no error. */
export function identityErrorMessage(error: string | undefined, provider: string | undefined): string | null {
  if (!error) return null;
  const env = getEnv();
  // Auth.js's own failures (`OAuthCallbackError`, `Configuration`, …) do not name the provider: with one
  // provider offered it is that one.
  const offered = providerButtons(env);
  const name =
    (provider && findIdentityProvider(env, provider)?.name) ||
    (offered.length === 1 ? offered[0]!.name : "your sign-in provider");
  switch (error) {
    case "OAuthCallbackError":
    case "AccessDenied":
      return IDENTITY_CANCELLED(name);
    case "identity_disabled":
      return ACCOUNT_DISABLED;
    case "identity_signup_closed":
      return SIGNUP_CLOSED(name);
    case "identity_no_email":
      return NO_EMAIL(name);
    case "identity_rate_limited":
      return IDENTITY_RATE_LIMITED;
    default:
      return IDENTITY_FAILED(name);
  }
}

export const pendingLinkMessage = (email: string | null, providerName: string) =>
  `An account with the email address ${email ?? "that your sign-in gave"} already exists here. ` +
  `Sign in to it below (with its password, a passkey, or a sign-in already connected to it), and ${providerName} ` +
  "will be connected to it.";

/** The pending link this browser holds (from its sealed cookie), in words, for the sign-in page. */
export async function pendingLinkNotice(): Promise<{ message: string; offerReset: boolean } | null> {
  const link = await readPendingLink();
  if (!link) return null;
  return { message: pendingLinkMessage(link.email, link.providerName), offerReset: link.offerReset };
}

export const signInProviderButtons = () => providerButtons(getEnv());
