import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { isDatabaseUnavailable } from "./db-availability";
import { log } from "./log";
import { withoutLogContext } from "./log-context";
import { outsideRequest } from "./process-store.mjs";

/** How a table of due rows is worked off (the mail outbox, webhook deliveries). */
export type DrainSpec = {
  /** globalThis key of the state: Next.js's bundles of one process share one worker. */
  key: string;
  /** Its name in log lines ("outbox", "webhook delivery"). */
  name: string;
  /** Handles one due row; false when none is due. */
  oneDue: () => Promise<boolean>;
  /** When the earliest pending row falls due (a back-off, a lease), or null when none is pending. */
  nextDueAt: () => Promise<Date | string | null>;
  /** How long one pass goes on before it ends and the next takes over (PASS_MS; shorter in tests). */
  passMs?: number;
};

export type DrainWorker = {
  /**
   * Works off the rows due now: resolves when the pass that takes them has ended (a wake during a pass: the pass
   * after it). One pass at a time per process, each at most PASS_MS long: under a steady inflow a waiter (a
   * request's after()) is let go within two passes, never held while the worker goes on.
   */
  wake: () => Promise<void>;
  /** A pass now (what a killed instance left), then on every wake, due time and poll (lib/startup/start.ts). */
  start: () => void;
  /** Lets wakes work again after stop, without start's timers (tests). */
  resume: () => void;
  /** SIGTERM: takes no new row; resolves when the one in flight has finished. */
  stop: () => Promise<void>;
};

const POLL_MS = 30_000;
/**
 * A pass ends after this long with rows still due, and the next begins at once. Without an end, a pass under a
 * steady inflow (mail queued as fast as it is sent) never finished, and every request that had woken it kept its
 * whole context alive waiting: the soak's server grew by ~25 MiB a minute.
 */
const PASS_MS = 5_000;
/** After the next-due question failed (the database away): ask again this soon, not a whole poll later. */
const RETRY_SCHEDULE_MS = 2_000;

type State = {
  running: Promise<void> | null;
  /** Another pass is wanted after the running one: a wake came during it, or it ended with rows still due. */
  again: boolean;
  stopped: boolean;
  /** Set by start: after each pass, a timer for the next due row (long-lived processes only). */
  polling: boolean;
  timer?: NodeJS.Timeout;
  /** Set by start: runs a function in start-up's async context, where no request's stores (ours, Next.js's) are. */
  root?: ReturnType<typeof AsyncLocalStorage.snapshot>;
};

/**
 * One process's worker over due rows: a pass handles them one at a time until none is due or PASS_MS has gone,
 * when the next pass begins at once; after the last pass a timer waits for the next due row, at most POLL_MS
 * away, so a message another instance leased and never finished is taken over when its lease ends. A database
 * outage pauses a pass (logged as a warning, never thrown); the next wake or timer goes on.
 */
export function drainWorker(spec: DrainSpec): DrainWorker {
  const g = globalThis as unknown as Record<symbol, State | undefined>;
  const slot = Symbol.for(spec.key);
  const state = (): State => (g[slot] ??= { running: null, again: false, stopped: false, polling: false });
  const passMs = spec.passMs ?? PASS_MS;

  async function run(s: State): Promise<void> {
    const until = Date.now() + passMs;
    try {
      while (!s.stopped && (await spec.oneDue())) {
        if (Date.now() < until) continue;
        s.again = true; // rows may still be due: the next pass takes them
        return;
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) log.warn(`${spec.name} paused: database unavailable`);
      else log.error(`${spec.name} pass failed`, { reason: error instanceof Error ? error.message : String(error) });
    }
  }

  function arm(s: State, ms: number): void {
    clearTimeout(s.timer);
    s.timer = setTimeout(() => void wake(), ms);
    s.timer.unref();
  }

  function scheduleNext(s: State): void {
    if (s.stopped) return;
    arm(s, POLL_MS);
    void (async () => {
      const at = await spec.nextDueAt();
      if (!at || s.stopped) return;
      arm(s, Math.max(0, Math.min(POLL_MS, new Date(at).getTime() - Date.now() + 50)));
    })().catch(() => {
      if (!s.stopped) arm(s, RETRY_SCHEDULE_MS);
    });
  }

  // Outside the waking request (a wake comes from after() in a request): the pass, its timers and their lines
  // belong to no request. In start-up's context once start has run (no request's store is kept alive by the
  // timers); where start never runs (Vercel, tests), at least outside our two stores (log fields; the address
  // and acting administrator).
  const wake = (): Promise<void> => {
    const s = state();
    const detached = () => withoutLogContext(() => outsideRequest(() => pass(s)));
    return s.root ? s.root(detached) : detached();
  };

  const pass = (s: State): Promise<void> => {
    if (s.stopped) return Promise.resolve();
    if (!s.running) return begin(s);
    s.again = true;
    // Let go when the pass after this one ends: the running pass's end begins it (begin) before this runs.
    return s.running.then(() => s.running ?? undefined);
  };

  // A pass, then the one asked for during it, or the timers.
  const begin = (s: State): Promise<void> => {
    s.again = false;
    s.running = run(s).finally(() => {
      s.running = null;
      if (s.again && !s.stopped) begin(s);
      else if (s.polling) scheduleNext(s);
    });
    return s.running;
  };

  return {
    wake,
    start() {
      const s = state();
      s.stopped = false;
      s.polling = true;
      s.root ??= AsyncLocalStorage.snapshot();
      void wake();
    },
    resume() {
      state().stopped = false;
    },
    async stop() {
      const s = state();
      s.stopped = true;
      s.polling = false;
      clearTimeout(s.timer);
      s.timer = undefined;
      await s.running;
    },
  };
}
