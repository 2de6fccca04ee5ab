import type { Env } from "./env";
import { publishedEnv as published } from "./process-store.mjs";

/**
 * The environment start-up has already validated in this process (lib/env.ts publishes it), without
 * loading the validator: proxy.ts runs on every page request and its bundle stays small. Undefined where
 * nothing has validated it yet (a proxy running on its own, as on Vercel): the caller falls back to getEnv().
 */
export function publishedEnv(): Env | undefined {
  return published() as Env | undefined;
}
