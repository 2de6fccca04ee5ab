"use server";

import { reauthProviders, startIdentityIntent, startIdentitySignIn } from "@/lib/auth/identity-start";
import { publicFormAction, signedInAction, signedInFormAction } from "@/lib/forms/action";

/**
 * "Continue with {provider}" (sign-in and sign-up pages): Auth.js sends the browser to the provider
 * (PKCE, state, nonce). A provider that cannot be reached answers in the form.
 */
export const identitySignInAction = publicFormAction({ fields: ["provider", "callbackUrl"] }, (input) =>
  startIdentitySignIn(input.provider, input.callbackUrl),
);

/**
 * "Connect {provider}" on the security page: inside the re-authentication window (else the form asks for a
 * proof first: `reason: reauthentication_required`), the provider is asked to authenticate the person again.
 */
export const connectIdentityAction = signedInFormAction({ fields: ["provider", "returnTo"] }, (input, { caller }) =>
  startIdentityIntent(caller, "connect", input.provider, input.returnTo || undefined),
);

/** "Continue with {provider}" in the re-authentication dialog: a fresh sign-in at the provider (auth_time). */
export const reauthWithIdentityAction = signedInFormAction({ fields: ["provider", "returnTo"] }, (input, { caller }) =>
  startIdentityIntent(caller, "reauth", input.provider, input.returnTo || undefined),
);

/** The providers the re-authentication dialog offers ("Continue with {provider}"): none for a signed-out caller. */
export const reauthProvidersAction = signedInAction({ signedOut: () => [], unavailable: () => [] }, ({ caller }) =>
  reauthProviders(caller),
);
