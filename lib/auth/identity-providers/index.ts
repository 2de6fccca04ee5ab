import type { Provider } from "next-auth/providers";
import type { Env } from "../../env";
import { githubProvider } from "./github";
import { googleProvider } from "./google";
import { oidcProvider } from "./oidc";
import type { ProviderId } from "./profile";

/**
 * The identity providers this instance offers, from its environment: each is an Auth.js provider
 * config (whose `profile()` answers `asAuthUser(ProviderProfile)`, ./profile.ts) plus what the pages
 * and the flows need to know about it. A provider whose variables are unset is simply absent.
 */
export type IdentityProvider = {
  id: ProviderId;
  /** The name on the button: "Continue with {name}". */
  name: string;
  /** Auth.js's provider config; its callback is APP_URL + /api/auth/callback/{id}. */
  config: Provider;
  /**
   * Authorization parameters that make the provider ask the person again, not reuse its own session
   * (connecting an identity, re-authenticating): `prompt=login` and `max_age=0` for OIDC.
   */
  freshSignInParams: Record<string, string>;
  /** Whether the provider reports `auth_time`: re-authentication through it is offered only then. */
  reportsAuthTime: boolean;
};

export function identityProviders(env: Env): IdentityProvider[] {
  return [oidcProvider(env), githubProvider(env), googleProvider(env)].filter((p): p is IdentityProvider => p !== null);
}

/** The buttons' data: id and name, in the order the pages show them. */
export function providerButtons(env: Env): { id: ProviderId; name: string }[] {
  return identityProviders(env).map(({ id, name }) => ({ id, name }));
}

export function findIdentityProvider(env: Env, id: string): IdentityProvider | undefined {
  return identityProviders(env).find((p) => p.id === id);
}
