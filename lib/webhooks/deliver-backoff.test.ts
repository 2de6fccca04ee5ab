import { describe, expect, it } from "vitest";
import { GIVE_UP_AFTER_MS, MAX_DELAY_MS, webhookGivesUp, webhookRetryDelayMs } from "./deliver-backoff";
import { retryAfterMs } from "./deliver-http";

describe("webhook back-off", () => {
  it("doubles from 5 s with equal jitter, capped at 2 hours", () => {
    expect(webhookRetryDelayMs(1, null, 0)).toBe(2_500);
    expect(webhookRetryDelayMs(1, null, 0.999_999)).toBeCloseTo(5_000, -1);
    expect(webhookRetryDelayMs(3, null, 0)).toBe(10_000);
    expect(webhookRetryDelayMs(40, null, 1)).toBe(MAX_DELAY_MS);
  });

  it("honours a longer Retry-After, never a shorter one, and never past the give-up point", () => {
    expect(webhookRetryDelayMs(1, 120_000, 0.5)).toBe(120_000);
    expect(webhookRetryDelayMs(5, 1_000, 0)).toBe(40_000);
    expect(webhookRetryDelayMs(1, 10 * GIVE_UP_AFTER_MS, 0)).toBe(GIVE_UP_AFTER_MS);
  });

  it("gives up once the next try would fall more than a day after the event", () => {
    const created = new Date("2026-01-01T00:00:00Z");
    expect(webhookGivesUp(created, new Date("2026-01-01T23:00:00Z"), 30 * 60_000)).toBe(false);
    expect(webhookGivesUp(created, new Date("2026-01-01T23:00:00Z"), 2 * 60 * 60_000)).toBe(true);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs({ "retry-after": "120" }, now)).toBe(120_000);
    expect(retryAfterMs({ "retry-after": "Thu, 01 Jan 2026 00:01:00 GMT" }, now)).toBe(60_000);
    expect(retryAfterMs({ "retry-after": "soon" }, now)).toBeNull();
    expect(retryAfterMs({}, now)).toBeNull();
  });
});
