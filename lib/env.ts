import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { z } from "zod";
import { databaseSettingsSchema } from "@/db/settings";
import { checkProviderTestEndpoints, providerTestEndpointsSchema } from "./provider-test-endpoints";
import { publishEnv } from "./process-store.mjs";

/**
 * The only place (with db/client.ts) that reads process.env. Validated once, on first use, with a
 * message that names what is wrong. The database's variables are db/settings.ts's rules (db/ may not
 * import lib/), checked here too so a bad one stops start-up with the rest.
 */
/** A rate limit as `count/seconds`, e.g. `5/900`: at most 5 hits in a 900-second window. */
const limit = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) => (v.trim() === "" ? fallback : v.trim()))
    .pipe(z.string().regex(/^[1-9]\d{0,8}\/[1-9]\d{0,8}$/, "expected count/seconds, e.g. 5/900"))
    .transform((v) => {
      const [count, seconds] = v.split("/").map(Number);
      return { count: count!, seconds: seconds! };
    });

/** An optional text variable: blank counts as unset. */
const optionalText = () =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined);

/** A true/false variable (also 1/0); blank is the default. */
const flag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", ""], { message: "expected true or false" })
    .optional()
    .transform((v) => (v === undefined || v === "" ? fallback : v === "true" || v === "1"));

const schema = z.object({
  ...databaseSettingsSchema,
  ...providerTestEndpointsSchema,
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** One secret, or several separated by commas, newest first (rotation; checked by authSecrets below). */
  AUTH_SECRET: z.string().optional(),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  /** Threads in the bcrypt worker pool; by default one per available core. */
  BCRYPT_THREADS: z.coerce
    .number()
    .int()
    .min(1)
    .max(256)
    .default(() => availableParallelism()),
  /** Seconds between deletions of expired sessions, email tokens and rate-limit rows; 0 turns them off. */
  CLEANUP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  SESSION_TTL_DAYS: z.coerce.number().positive().max(365).default(30),
  /** A session not used for this many days is refused and deleted (besides the absolute SESSION_TTL_DAYS). */
  SESSION_IDLE_DAYS: z.coerce.number().positive().max(365).default(14),
  /**
   * Live sessions one account may hold at once: a sign-in beyond it ends the least recently used one (never the one
   * signing in) and mails the owner (lib/sessions/cap.ts).
   */
  SESSIONS_PER_ACCOUNT: z.coerce.number().int().min(1).max(10_000).default(50),
  /** Minutes a sign-in or re-authentication counts as recent: sensitive changes need one (lib/security/recent-auth.ts). */
  REAUTH_MINUTES: z.coerce.number().positive().max(1440).default(10),
  /** Minutes the second sign-in step's challenge lives (two-factor). */
  MFA_CHALLENGE_MINUTES: z.coerce.number().positive().max(60).default(5),
  /** Public base URL of the app; an https:// URL turns on Secure, __Secure- prefixed cookies. */
  APP_URL: z.url().optional(),
  /** smtp(s)://user:pass@host:port — without it (development only) mail is written to the server log. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Accounts <no-reply@localhost>"),
  /**
   * Seconds a claimed outbox message is leased to the instance sending it: another instance (or this one
   * after a crash) takes it over only when the lease has run out. An SMTP conversation is cut off well
   * within it (lib/email/transport.ts), so a slow server cannot outlive the lease and be sent twice.
   */
  MAIL_LEASE_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  /** Days a sent (or failed) message's row stays in the outbox before the cleanup deletes it. */
  MAIL_KEEP_DAYS: z.coerce.number().min(0).max(3650).default(7),
  /** Days the activity trail (security events) is kept; older rows are deleted by the cleanup, in batches. */
  EVENTS_KEEP_DAYS: z.coerce.number().min(1).max(36500).default(400),
  /** The bearer secret of GET /api/cron/maintenance (Vercel Cron sends it); unset: the route refuses every call. */
  CRON_SECRET: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined),
  VERIFY_TOKEN_TTL_MINUTES: z.coerce
    .number()
    .positive()
    .default(24 * 60),
  RESET_TOKEN_TTL_MINUTES: z.coerce.number().positive().default(60),
  /** Lifetime of the unlock link mailed when an account's sign-in failure limit trips. */
  UNLOCK_TOKEN_TTL_MINUTES: z.coerce.number().positive().default(60),
  DATA_DIR: z.string().default(path.join(process.cwd(), ".data")),
  /** "1"/"true": the app runs behind a reverse proxy whose X-Forwarded-For is to be believed. */
  TRUST_PROXY: z
    .enum(["0", "1", "true", "false", ""])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  /** Set by Vercel on its functions: there every client address comes through its proxy. */
  VERCEL: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Failed sign-ins for one account from one address. */
  LIMIT_SIGN_IN_FAILURES_ACCOUNT_IP: limit("5/900"),
  /** Failed sign-ins for one account from every address; past it the wait doubles with each attempt. */
  LIMIT_SIGN_IN_FAILURES_ACCOUNT: limit("20/3600"),
  /**
   * Failed sign-ins from one browser that holds this account's device cookie (it signed in here before):
   * these count only here, so failures from elsewhere never lock that browser out.
   */
  LIMIT_SIGN_IN_FAILURES_DEVICE: limit("5/900"),
  /**
   * true: webhook endpoints may be loopback, private or otherwise internal addresses (development and tests);
   * default false: refused when saved and when connecting (lib/webhooks/ssrf.ts).
   */
  WEBHOOKS_ALLOW_PRIVATE: flag(false),
  /**
   * Seconds a claimed webhook message is leased to the instance delivering it (like MAIL_LEASE_SECONDS): one
   * attempt is cut off after 10 s, so a message whose instance died is taken over this long after its claim.
   */
  WEBHOOKS_LEASE_SECONDS: z.coerce.number().int().min(15).max(3600).default(60),
  /** Days webhook events, their deliveries and attempts are kept (the console's delivery list); then deleted. */
  WEBHOOKS_KEEP_DAYS: z.coerce.number().min(2).max(3650).default(30),
  /** Sign-in attempts from one address (an IPv6 /64). */
  LIMIT_SIGN_IN_IP: limit("100/900"),
  LIMIT_SIGN_UP_IP: limit("10/3600"),
  LIMIT_RESET_ADDRESS: limit("3/3600"),
  LIMIT_RESET_IP: limit("20/3600"),
  LIMIT_VERIFY_RESEND_ACCOUNT: limit("1/60"),
  /**
   * Wrong proofs of identity from a signed-in account (current password, code, recovery code, passkey);
   * past it the wait doubles with each attempt.
   */
  LIMIT_REAUTH_ACCOUNT: limit("5/900"),
  /** Wrong codes while turning two-factor on, for one account: each writes an event row and a log line. */
  LIMIT_TOTP_ENROL_ACCOUNT: limit("5/900"),
  /** Email changes requested by one account. */
  LIMIT_EMAIL_CHANGE_ACCOUNT: limit("3/3600"),
  /** Email changes requested to one (new) address, from any account. */
  LIMIT_EMAIL_CHANGE_ADDRESS: limit("3/3600"),
  /** Posts created by one account. */
  LIMIT_POST_ACCOUNT: limit("10/3600"),
  /** Exports of one account's data (`GET /api/users/me/export`): each reads everything and mails the owner. */
  LIMIT_EXPORT_ACCOUNT: limit("3/86400"),
  /** Passkey sign-in options (each stores a challenge) from one address; the sign-in page asks once per view. */
  LIMIT_PASSKEY_OPTIONS_IP: limit("60/60"),
  // --- Sign in by email (lib/auth/email-sign-in*.ts) ---
  /** "false"/"0" turns sign-in by email off: no "Email me a sign-in link", and its API answers 404. */
  EMAIL_SIGN_IN: z
    .enum(["0", "1", "true", "false", ""])
    .default("true")
    .transform((v) => v !== "0" && v !== "false"),
  /** Sign-in messages asked for one address (or username), from anywhere. */
  LIMIT_EMAIL_SIGN_IN_ADDRESS: limit("3/900"),
  /** Sign-in messages asked for from one client address (an IPv6 /64). */
  LIMIT_EMAIL_SIGN_IN_IP: limit("20/900"),
  // --- end of sign in by email ---
  /** Invitations sent by one account (lib/organizations/invitations.ts), to any organization. */
  LIMIT_INVITE_ACCOUNT: limit("20/3600"),
  /** Invitations sent for one organization, by all its admins and owners together. */
  LIMIT_INVITE_ORGANIZATION: limit("100/86400"),
  /** Follows asked for by one account (lib/follows/follow.ts), repeats included. */
  LIMIT_FOLLOW_ACCOUNT: limit("100/3600"),
  /**
   * Live (unexpired, unspent) passkey sign-in challenges one address may hold; past it the options answer 429.
   * A sign-in page view holds one for its 5 minutes, so this is what one address can have open at once.
   */
  PASSKEY_CHALLENGES_PER_CLIENT: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Live passkey challenges of every client together; past it sign-in options answer 503 (the table stays bounded). */
  PASSKEY_CHALLENGES_TOTAL: z.coerce.number().int().min(1).max(10_000_000).default(20_000),
  // Identity providers (lib/auth/identity-providers/): each is offered only when its variables are set.
  /** The OpenID provider's issuer URL (discovery at /.well-known/openid-configuration); https in production. */
  OIDC_ISSUER: optionalText().pipe(z.url({ protocol: /^https?$/, message: "expected an http(s) URL" }).optional()),
  OIDC_CLIENT_ID: optionalText(),
  OIDC_CLIENT_SECRET: optionalText(),
  /** The provider's name on the button: "Continue with {OIDC_NAME}". */
  OIDC_NAME: optionalText()
    .transform((v) => v ?? "Single sign-on")
    .pipe(z.string().max(60)),
  OIDC_SCOPES: optionalText()
    .transform((v) => v ?? "openid email profile")
    .pipe(
      z
        .string()
        .regex(/(^|\s)openid(\s|$)/, "must include openid")
        .max(500),
    ),
  AUTH_GITHUB_ID: optionalText(),
  AUTH_GITHUB_SECRET: optionalText(),
  AUTH_GOOGLE_ID: optionalText(),
  AUTH_GOOGLE_SECRET: optionalText(),
  /** true (default): a first sign-in with an unknown identity creates an account; false: only connected ones sign in. */
  OIDC_ALLOW_SIGNUP: flag(true),
  /** true: an identity whose provider verified the email joins the account whose own email is verified. */
  OIDC_LINK_VERIFIED_EMAIL: flag(false),
  /** true: webhook endpoints may be plain http:// (development); otherwise https:// only. */
  WEBHOOKS_ALLOW_HTTP: flag(false),
});

export type Env = Omit<z.infer<typeof schema>, "AUTH_SECRET"> & {
  /**
   * AUTH_SECRET's secrets, newest first: write (seal, sign, encrypt) with the first, open or verify
   * with any. There is deliberately no single `AUTH_SECRET` here: code that reads a secret must decide
   * which of the two it is doing.
   */
  AUTH_SECRETS: readonly [string, ...string[]];
  /** Secure cookies: on when APP_URL is https, and in production unless APP_URL says http. */
  SECURE_COOKIES: boolean;
  /** The base of every link the app sends: APP_URL, never the request's Host. */
  BASE_URL: string;
};

const MIN_SECRET_LENGTH = 32;
let cached: Env | undefined;

/** A development-only secret, generated once and kept in .data/ so sessions survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing.length >= MIN_SECRET_LENGTH) return existing;
  } catch {
    // Not there yet: make one below.
  }
  const secret = randomBytes(32).toString("base64url");
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

/**
 * AUTH_SECRET as a list, newest first: `new,old` while a rotation is under way (docs/configuration.md),
 * so what an instance with the old secret sealed or signed still opens here. Each entry is trimmed and
 * must be at least MIN_SECRET_LENGTH characters; an empty entry (`a,,b`, a trailing comma) or a short one
 * stops start-up in every environment, naming its position and never its value. Only an unset (or blank)
 * AUTH_SECRET is allowed outside production, where a generated one stands in.
 */
function authSecrets(raw: string | undefined, production: boolean, dataDir: string): [string, ...string[]] {
  const howTo = "(generate one with: openssl rand -base64 32)";
  if (!raw?.trim()) {
    if (production) {
      throw new Error(`AUTH_SECRET must be set to at least ${MIN_SECRET_LENGTH} characters in production ${howTo}.`);
    }
    return [developmentSecret(dataDir)];
  }
  const secrets = raw.split(",").map((s) => s.trim());
  secrets.forEach((secret, i) => {
    const which = `secret ${i + 1} of ${secrets.length}, counting from the newest`;
    if (!secret) {
      throw new Error(
        `AUTH_SECRET has an empty entry (${which}): list the secrets newest first, separated by single commas.`,
      );
    }
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new Error(
        `AUTH_SECRET must be set to at least ${MIN_SECRET_LENGTH} characters${production ? " in production" : ""}` +
          (secrets.length > 1 ? ` for every secret in its list: ${which}, is shorter ` : " ") +
          `${howTo}.`,
      );
    }
  });
  const [newest, ...older] = [...new Set(secrets)];
  return [newest!, ...older];
}

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const { AUTH_SECRET, ...env } = parsed.data;
  const secrets = authSecrets(AUTH_SECRET, env.NODE_ENV === "production", env.DATA_DIR);
  if (env.NODE_ENV === "production" && !env.SMTP_URL) {
    throw new Error("SMTP_URL must be set in production (e.g. smtp://user:pass@smtp.example.com:587).");
  }
  if (env.NODE_ENV === "production" && !env.APP_URL) {
    throw new Error(
      "APP_URL must be set in production to the public base URL (e.g. https://accounts.example.com): " +
        "every emailed link is built from it, and without it they would point at localhost.",
    );
  }
  identityProviderRules(env);
  if (env.VERCEL && !env.TRUST_PROXY) {
    throw new Error(
      "On Vercel, set TRUST_PROXY=1: the client's address comes only from X-Forwarded-For there, and " +
        "without it every client would share one rate-limit address.",
    );
  }
  const baseUrl = (env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
  checkProviderTestEndpoints(env, baseUrl);
  const secureCookies = env.APP_URL ? env.APP_URL.startsWith("https:") : env.NODE_ENV === "production";
  cached = { ...env, AUTH_SECRETS: secrets, SECURE_COOKIES: secureCookies, BASE_URL: baseUrl };
  publishEnv(cached);
  // Auth.js builds its own URLs (sign-in, redirects) from AUTH_URL, else from X-Forwarded-Host or Host,
  // which a client chooses: with APP_URL set, Auth.js's URL is APP_URL and nothing else.
  if (env.APP_URL) process.env.AUTH_URL = baseUrl;
  return cached;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Each identity provider's variables set together, and OIDC_ISSUER https-only in production (but loopback). */
function identityProviderRules(env: z.infer<typeof schema>): void {
  const groups = [
    ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"],
    ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
    ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
  ] as const;
  for (const group of groups) {
    const set = group.filter((name) => env[name]);
    const missing = group.find((name) => !env[name]);
    if (set.length > 0 && missing) {
      throw new Error(`Invalid environment: ${missing}: must be set together with ${set.join(", ")}`);
    }
  }
  if (env.OIDC_ISSUER && env.NODE_ENV === "production") {
    const url = new URL(env.OIDC_ISSUER);
    if (url.protocol !== "https:" && !LOOPBACK_HOSTS.has(url.hostname)) {
      throw new Error(
        "Invalid environment: OIDC_ISSUER: must be an https:// URL in production " +
          "(only a loopback issuer, http://127.0.0.1 or http://localhost, may use http)",
      );
    }
  }
}
