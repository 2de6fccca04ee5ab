import "server-only";

/**
 * How to wake the webhook delivery worker: registered by start-up (lib/startup/start.ts), called by
 * emit.ts after a commit that queued deliveries. On its own, without Next.js's request APIs, so start-up
 * loads nothing of a request's to register it.
 */
type Waker = () => void | Promise<void>;
const WAKER = Symbol.for("accounts.webhook-waker");
const g = globalThis as unknown as { [WAKER]?: Waker };

/** The delivery worker registers how to wake it; until then nothing is woken. */
export function setWebhookWaker(wake: Waker): void {
  g[WAKER] = wake;
}

/** Wakes the delivery worker, if one is registered in this process. */
export function wakeWebhookWorker(): void {
  void g[WAKER]?.();
}
