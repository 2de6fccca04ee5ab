import { z } from "zod";
import { safeRedirectPath } from "./redirects";

export const signInSchema = z.object({
  login: z
    .string({ error: "Enter your username or email." })
    .max(400, "This is far too long.")
    // No username or address holds a control character; NUL would otherwise reach PostgreSQL (a 500).
    .refine((s) => !/[\u0000-\u001f\u007f-\u009f]/u.test(s), "Remove the control characters.")
    // A lone surrogate (JSON "\udc5b", which Auth.js's own callback endpoint also accepts) names no
    // account, and PGlite refuses it in a query.
    .refine((s) => s.isWellFormed(), "Enter your username or email.")
    .transform((s) => s.trim())
    .pipe(z.string().min(1, "Enter your username or email.")),
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(1024, "This is far too long."),
});
export type SignInInput = z.output<typeof signInSchema>;

/**
 * The query of `/sign-in`: `callbackUrl` is honoured only when it is a path on this site (anything
 * else, or a repeated one, is the account page); `reset=1` is the "password changed" notice.
 */
export const signInPageQuerySchema = z.object({
  callbackUrl: z
    .unknown()
    .optional()
    .transform((v) => safeRedirectPath(v)),
  reset: z
    .unknown()
    .optional()
    .transform((v) => v === "1"),
  /** An identity provider's failure (lib/auth/identity-messages.ts picks the words; never shown as given). */
  error: z
    .unknown()
    .optional()
    .transform((v) => (typeof v === "string" && /^[A-Za-z_]{1,40}$/.test(v) ? v : undefined)),
  provider: z
    .unknown()
    .optional()
    .transform((v) => (typeof v === "string" && /^[a-z]{1,20}$/.test(v) ? v : undefined)),
  /** `expired=1`: the two-factor step's challenge ran out; sign in with the password again. */
  expired: z
    .unknown()
    .optional()
    .transform((v) => v === "1"),
});

/** What Auth.js serves under /api/auth (@auth/core's own list); anything else is "not found" before it runs. */
const AUTH_ACTIONS = [
  "providers",
  "session",
  "csrf",
  "signin",
  "signout",
  "callback",
  "verify-request",
  "error",
  "webauthn-options",
] as const;

/** The path parameters of `/api/auth/[...nextauth]`: an action, and for some a provider id. */
export const authRouteParamsSchema = z.object({
  nextauth: z.union([
    z.tuple([z.enum(AUTH_ACTIONS)]),
    z.tuple([z.enum(["signin", "callback", "webauthn-options"]), z.string().regex(/^[a-z0-9-]{1,64}$/)]),
  ]),
});
