import { commonPasswords } from "./common-passwords";

/**
 * Password rules beyond length: not a common password, not a common password dressed up (other case,
 * digits or symbols added at the end, letters swapped for look-alike digits and symbols), and not the
 * person's username or email. Returns the message to show, or null when the password is acceptable.
 * Shared by sign-up, password change and reset. Messages never repeat the password.
 */
export const PASSWORD_MESSAGES = {
  common: "This is one of the most common passwords, the first ones attackers try. Choose another.",
  lookAlike:
    "This is a common password with small changes (capitals, digits or symbols added, letters swapped for look-alikes). Choose another.",
  username: "Don't use your username in your password.",
  email: "Don't use your email address in your password.",
} as const;

/** Look-alikes for letters; "1" and "!" are tried as both "i" and "l". */
const LEET: Record<string, string> = {
  "@": "a",
  "4": "a",
  "8": "b",
  "(": "c",
  "3": "e",
  "6": "g",
  "9": "g",
  "#": "h",
  "0": "o",
  $: "s",
  "5": "s",
  "7": "t",
  "+": "t",
  "2": "z",
};
const ONE_AS = ["i", "l"];
const TRAILING_JUNK = /[\d\p{P}\p{S}\s]+$/u;
const LEADING_JUNK = /^[\d\p{P}\p{S}\s]+/u;
const MIN_BASE_CHARS = 4;
const MIN_IDENTITY_CHARS = 3;

function unleet(s: string, one: string): string {
  return [...s].map((c) => (c === "1" || c === "!" || c === "|" ? one : (LEET[c] ?? c))).join("");
}

/** The forms a dressed-up common password could take once undressed. */
function lookAlikes(lower: string): Set<string> {
  const out = new Set<string>();
  const add = (s: string) => {
    if ([...s].length >= MIN_BASE_CHARS) out.add(s);
  };
  const stripped = lower.replace(TRAILING_JUNK, "");
  const bothEnds = stripped.replace(LEADING_JUNK, "");
  for (const s of [stripped, bothEnds, lower.replace(/\s+/g, "")]) {
    add(s);
    for (const one of ONE_AS) {
      const plain = unleet(s, one);
      add(plain);
      add(plain.replace(TRAILING_JUNK, ""));
    }
  }
  for (const one of ONE_AS) add(unleet(lower, one).replace(TRAILING_JUNK, ""));
  out.delete(lower);
  return out;
}

export function passwordPolicyProblem(
  password: string,
  identity: { username?: string | null; email?: string | null },
): string | null {
  const lower = password.normalize("NFKC").toLowerCase();
  const list = commonPasswords();
  if (list.has(lower)) return PASSWORD_MESSAGES.common;

  const username = identity.username?.normalize("NFKC").trim().toLowerCase() ?? "";
  if (username.length >= MIN_IDENTITY_CHARS && lower.includes(username)) return PASSWORD_MESSAGES.username;
  const email = identity.email?.normalize("NFKC").trim().toLowerCase() ?? "";
  const local = email.includes("@") ? email.slice(0, email.lastIndexOf("@")) : email;
  if (email && (lower === email || lower.includes(email))) return PASSWORD_MESSAGES.email;
  if (local.length >= MIN_IDENTITY_CHARS && lower.includes(local)) return PASSWORD_MESSAGES.email;

  for (const candidate of lookAlikes(lower)) {
    if (list.has(candidate)) return PASSWORD_MESSAGES.lookAlike;
  }
  return null;
}
