import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { z } from "zod";

/**
 * The only place (with db/client.ts) that reads process.env. Validated once, on first use, with a
 * message that names what is wrong.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
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
  /** Public base URL of the app; an https:// URL turns on Secure, __Secure- prefixed cookies. */
  APP_URL: z.url().optional(),
  DATA_DIR: z.string().default(path.join(process.cwd(), ".data")),
  /** "1"/"true": the app runs behind a reverse proxy whose X-Forwarded-For is to be believed. */
  TRUST_PROXY: z
    .enum(["0", "1", "true", "false", ""])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
});

export type Env = Omit<z.infer<typeof schema>, "AUTH_SECRET"> & {
  AUTH_SECRET: string;
  /** Secure cookies: on when APP_URL is https, and in production unless APP_URL says http. */
  SECURE_COOKIES: boolean;
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

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const env = parsed.data;
  let secret = env.AUTH_SECRET?.trim();
  if (!secret || secret.length < MIN_SECRET_LENGTH) {
    if (env.NODE_ENV === "production") {
      throw new Error(
        `AUTH_SECRET must be set to at least ${MIN_SECRET_LENGTH} characters in production ` +
          "(generate one with: openssl rand -base64 32).",
      );
    }
    secret = developmentSecret(env.DATA_DIR);
  }
  const secureCookies = env.APP_URL ? env.APP_URL.startsWith("https:") : env.NODE_ENV === "production";
  cached = { ...env, AUTH_SECRET: secret, SECURE_COOKIES: secureCookies };
  return cached;
}
