import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * The ~49,000 most common passwords from @zxcvbn-ts/language-common (lower-case, from public breach
 * corpora), as a Set built on first use: a route that never checks a password never pays for it.
 */
let cached: ReadonlySet<string> | undefined;

export function commonPasswords(): ReadonlySet<string> {
  cached ??= new Set(dictionary["passwords-common"]);
  return cached;
}
