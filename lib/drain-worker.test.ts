import { describe, expect, it } from "vitest";
import { drainWorker } from "./drain-worker";
import { logContext, withLogContext } from "./log-context";

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
