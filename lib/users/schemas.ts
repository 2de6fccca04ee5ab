import { z } from "zod";
import { BIDI, CONTROL, CONTROL_BUT_LINES, NO_BIDI, NO_CONTROL } from "../validation";
import { passwordPolicyProblem } from "./password-policy";

/** Names that would be confusing or dangerous as a public profile path or a support impersonation. */
export const RESERVED_USERNAMES = new Set([
  "admin",
  "administrator",
  "api",
  "auth",
  "account",
  "accounts",
  "help",
  "me",
  "root",
  "settings",
  "sign-in",
  "sign-up",
  "signin",
  "signup",
  "login",
  "logout",
  "staff",
  "support",
  "system",
  "security",
  "null",
  "undefined",
  "www",
]);

export const PASSWORD_MIN_CHARS = 8;
export const PASSWORDS_DIFFER = "The passwords do not match.";
export const PASSWORD_MAX_BYTES = 72;
export const BIO_MAX_WORDS = 500;
export const BIO_MAX_CHARS = 5000;

/** NFKC, then lower-case: how usernames are compared. */
export const usernameKey = (username: string) => username.normalize("NFKC").toLowerCase();

/** Trimmed, NFKC, lower-cased: how emails are stored and compared. */
export const normaliseEmail = (email: string) => email.trim().normalize("NFKC").toLowerCase();

export const countWords = (text: string) => text.trim().split(/\s+/u).filter(Boolean).length;

/** Raw strings are capped before any normalising, so oversized input costs nothing. */
const capped = (max: number) => z.string({ error: "Required." }).max(max, "This is far too long.");
/** A capped single-line text: no control character at all. */
const plain = (max: number) => capped(max).refine((s) => !CONTROL.test(s), NO_CONTROL);

export const usernameSchema = plain(200)
  .refine((s) => !BIDI.test(s), NO_BIDI)
  .transform((s) => s.trim().normalize("NFKC"))
  .pipe(
    z
      .string()
      .min(3, "Use at least 3 characters.")
      .max(30, "Use at most 30 characters.")
      .regex(/^[A-Za-z0-9]/, "Start with a letter or a digit.")
      .regex(/^[A-Za-z0-9._-]*$/, "Use only letters, digits, dots, dashes and underscores.")
      .refine((s) => !RESERVED_USERNAMES.has(s.toLowerCase()), "This username is reserved."),
  );

export const emailSchema = plain(400)
  .transform(normaliseEmail)
  .pipe(
    z
      .string()
      .min(1, "Enter your email address.")
      .max(254, "Use at most 254 characters.")
      .pipe(z.email("Enter a valid email address.")),
  );

export const passwordSchema = plain(1024)
  .refine((s) => [...s].length >= PASSWORD_MIN_CHARS, `Use at least ${PASSWORD_MIN_CHARS} characters.`)
  .refine(
    (s) => Buffer.byteLength(s, "utf8") <= PASSWORD_MAX_BYTES,
    `Use at most ${PASSWORD_MAX_BYTES} bytes (about ${PASSWORD_MAX_BYTES} letters, fewer with accents or emoji).`,
  );

/** Optional text: blank or missing becomes null. */
const optionalText = (max: number) =>
  plain(max * 4)
    .nullish()
    .transform((s) => (s == null || s.trim() === "" ? null : s.trim()));

export const displayNameSchema = optionalText(50)
  .refine((s) => s === null || !BIDI.test(s), NO_BIDI)
  .refine((s) => s === null || [...s].length <= 50, "Use at most 50 characters.");

export const avatarUrlSchema = optionalText(2048).refine((s) => {
  if (s === null) return true;
  if (s.length > 2048) return false;
  try {
    const url = new URL(s);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}, "Enter an absolute http(s) URL of at most 2048 characters.");

export const bioSchema = capped(BIO_MAX_CHARS * 2)
  .refine((s) => !CONTROL_BUT_LINES.test(s.replace(/\r\n/g, "\n")), NO_CONTROL)
  .nullish()
  .transform((s) => (s == null || s.trim() === "" ? null : s.replace(/\r\n/g, "\n").trim()))
  .refine((s) => s === null || s.length <= BIO_MAX_CHARS, `Use at most ${BIO_MAX_CHARS} characters.`)
  .refine((s) => s === null || countWords(s) <= BIO_MAX_WORDS, `Use at most ${BIO_MAX_WORDS} words.`);

export const profileFields = {
  displayName: displayNameSchema,
  avatarUrl: avatarUrlSchema,
  bio: bioSchema,
};

const registrationFields = {
  username: usernameSchema,
  email: emailSchema,
  password: passwordSchema,
  ...profileFields,
};

/**
 * The password policy (lib/users/password-policy.ts) needs the username and email, so it runs on the
 * whole object: whenever the password itself passed its own rules, even if another field failed.
 */
function withPasswordPolicy<S extends z.ZodType<{ password: string; username: string; email: string }>>(schema: S) {
  return schema.superRefine(
    (v, ctx) => {
      const text = (x: unknown) => (typeof x === "string" ? x : null);
      const problem = passwordPolicyProblem(v.password, { username: text(v.username), email: text(v.email) });
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    },
    {
      when: (payload) =>
        typeof (payload.value as { password?: unknown } | undefined)?.password === "string" &&
        !payload.issues.some((i) => i.path?.[0] === "password"),
    },
  );
}

export const registrationSchema = withPasswordPolicy(z.object(registrationFields));
export type RegistrationInput = z.output<typeof registrationSchema>;

/**
 * The sign-up form's fields: the registration and the password typed again. The two passwords are compared
 * even when another field failed, so the form reports every problem in one answer.
 */
export const signUpFormSchema = withPasswordPolicy(
  z.object({ ...registrationFields, confirmPassword: z.string({ error: "Required." }).max(1024) }),
).refine((v) => v.password === v.confirmPassword, {
  path: ["confirmPassword"],
  message: PASSWORDS_DIFFER,
  when: (payload) => {
    const v = payload.value as { password?: unknown; confirmPassword?: unknown } | undefined;
    return typeof v?.password === "string" && typeof v.confirmPassword === "string";
  },
});

/** A profile edit: every key optional (absent = unchanged, null or blank = cleared, except username). */
export const profileUpdateSchema = z.object({ ...profileFields, username: usernameSchema }).partial();
export type ProfileUpdate = z.output<typeof profileUpdateSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(1024),
  newPassword: passwordSchema,
});

/** Setting a first password (an account without one): only the new one. */
export const setPasswordSchema = z.object({ newPassword: passwordSchema });

export const confirmPasswordSchema = z.object({
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(1024),
});

/**
 * A username as a URL path segment (`/u/[username]`, `/api/users/[username]`): what could be the name
 * of an account after trimming and NFKC (letters, digits, dots, dashes, underscores; at most 30),
 * checked before the lookup. Anything else (a NUL, a lone surrogate, a 10,000-character segment) names
 * no account: "not found" without a query.
 */
export const usernameSegmentSchema = z
  .string()
  .max(200)
  .transform((s) => s.trim().normalize("NFKC"))
  .pipe(
    z
      .string()
      .min(1)
      .max(30)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
  );

/** The path parameters of `/api/users/[username]` and `/u/[username]`. */
export const usernameParamsSchema = z.object({ username: usernameSegmentSchema });
