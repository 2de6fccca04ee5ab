import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it } from "vitest";
import { drainWorker } from "./drain-worker";
import { logContext, withLogContext } from "./log-context";
import { currentRequest, requestActor, runRequest } from "./process-store.mjs";

describe("a drain worker's pass", () => {
  it("carries none of the waking request's log fields, nor does the pass a wake during it asks for", async () => {
    const seen: Record<string, unknown>[] = [];
    let again = true;
    const worker = drainWorker({
      key: `accounts.test-drain-${Math.random()}`,
      name: "test",
      oneDue: async () => {
        seen.push(logContext());
        if (again) {
          again = false;
          void withLogContext({ requestId: "second" }, () => worker.wake()); // a wake during the pass
        }
        return false;
      },
      nextDueAt: async () => null,
    });
    await withLogContext({ requestId: "first", userId: "u1" }, () => worker.wake());
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const fields of seen) expect(fields).toEqual({});
  });
});

describe("a drain worker's pass, outside the waking request", () => {
  const worker = (seen: unknown[], read: () => unknown) =>
    drainWorker({
      key: `accounts.test-drain-${Math.random()}`,
      name: "test",
      oneDue: async () => {
        seen.push(read());
        return false;
      },
      nextDueAt: async () => null,
    });
  const request = { ip: "203.0.113.9", databaseUnavailable: false, actorId: "an-administrator" };

  it("sees neither the request's address nor the administrator acting in it", async () => {
    const seen: unknown[] = [];
    const w = worker(seen, () => [currentRequest(), requestActor()]);
    await runRequest({ ...request }, () => w.wake());
    expect(seen).toEqual([[undefined, null]]);
  });

  it("once started, sees no store the waking request set (Next.js's included)", async () => {
    const nextLike = new AsyncLocalStorage<{ request: string }>();
    const seen: unknown[] = [];
    const w = worker(seen, () => [nextLike.getStore(), currentRequest()]);
    w.start();
    try {
      await w.wake(); // start's own pass over
      await runRequest({ ...request }, () => nextLike.run({ request: "GET /" }, () => w.wake()));
      expect(seen.at(-1)).toEqual([undefined, undefined]);
    } finally {
      await w.stop();
    }
  });
});

describe("a drain worker under a steady inflow (rows due as fast as they are handled)", () => {
  it("lets its wakers go while it goes on: a pass ends after passMs and the next takes over", async () => {
    let handled = 0;
    let duringPass: Promise<void> | undefined;
    const worker = drainWorker({
      key: `accounts.test-drain-${Math.random()}`,
      name: "test",
      passMs: 20,
      oneDue: async () => {
        await new Promise((r) => setImmediate(r));
        handled++;
        // A request's wake while a pass runs: during the first row, which every pass runs whatever the clock says (at
        // the third, a loaded machine could end the 20 ms pass before it).
        if (handled === 1) duringPass = worker.wake();
        return true; // always another row
      },
      nextDueAt: async () => new Date(),
    });
    try {
      await worker.wake(); // resolved although rows are still due
      expect(duringPass).toBeDefined();
      await duringPass; // let go too: once the pass after the one it came during has ended
      const after = handled;
      await new Promise((r) => setTimeout(r, 50));
      expect(handled).toBeGreaterThan(after); // the worker went on without anyone waiting
    } finally {
      await worker.stop();
    }
    const stopped = handled;
    await new Promise((r) => setTimeout(r, 30));
    expect(handled).toBe(stopped);
  });
});
