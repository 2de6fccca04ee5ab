import { getEnv } from "../env";

export type ProviderId = "oidc" | "github" | "google";

/**
 * A provider's name as people read it: `OIDC_NAME` for the generic OpenID Connect provider (default "Single
 * sign-on"), else GitHub or Google; an id this build does not know (a row left by a removed provider) as it is.
 */
export function providerName(provider: string): string {
  if (provider === "github") return "GitHub";
  if (provider === "google") return "Google";
  if (provider === "oidc") return getEnv().OIDC_NAME || "Single sign-on";
  return provider;
}
