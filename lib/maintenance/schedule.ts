import "server-only";
import { isDatabaseUnavailable } from "../db-availability";
import { log } from "../log";
import { cleanupExpired } from "./cleanup";

let timer: NodeJS.Timeout | undefined;
let firstPass: NodeJS.Timeout | undefined;
let running: Promise<void> | undefined;

/** One cleanup pass: errors are logged, never thrown (a database outage just waits for the next pass). */
export function runCleanupOnce(): Promise<void> {
  running ??= pass().finally(() => (running = undefined));
  return running;
}

async function pass(): Promise<void> {
  try {
    const counts = await cleanupExpired();
    if (Object.values(counts).some((n) => n > 0)) log.info("expired rows deleted", counts);
  } catch (error) {
    if (isDatabaseUnavailable(error)) log.warn("cleanup skipped: database unavailable");
    else log.error("cleanup failed", { error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Runs the cleanup every `intervalSeconds` from the server process (0 turns it off), the first pass
 * `firstPassMs` after start. The timers are unref'd, so they never keep a stopping process alive.
 * True when this call started the schedule (false: turned off, or already running).
 */
export function scheduleCleanup(intervalSeconds: number, { firstPassMs = 10_000 } = {}): boolean {
  if (timer || intervalSeconds <= 0) return false;
  timer = setInterval(() => void runCleanupOnce(), intervalSeconds * 1000);
  timer.unref();
  firstPass = setTimeout(() => void runCleanupOnce(), firstPassMs);
  firstPass.unref();
  return true;
}

/**
 * Stops the schedule and waits for a pass in flight (tests, before their database closes; a process
 * that is exiting need not: the timers are unref'd).
 */
export async function stopCleanup(): Promise<void> {
  clearInterval(timer);
  clearTimeout(firstPass);
  timer = firstPass = undefined;
  await running;
}
