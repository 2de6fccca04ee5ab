import "server-only";
import { PRODUCT } from "../product";
import { getEnv } from "../env";

/**
 * Who the passkeys belong to: the relying party ID is APP_URL's host name and the only origin a
 * ceremony may come from is APP_URL's origin, so an answer made on any other site (a look-alike
 * domain, a sub-domain, the same server reached under another name) fails verification.
 */
export function relyingParty(): { id: string; name: string; origin: string } {
  const url = new URL(getEnv().BASE_URL);
  return { id: url.hostname, name: PRODUCT, origin: url.origin };
}

/** How long a ceremony may take: the challenge's lifetime, and the browser's timeout. */
export const CEREMONY_MINUTES = 5;
