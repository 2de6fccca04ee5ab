import { beforeAll, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { NO_CLIENT, newUser } from "@/vitest/people";
import { followAccount } from "./follow";

// Set before lib/env.ts is first read in this file's module graph.
process.env.LIMIT_FOLLOW_ACCOUNT = "3/3600";
beforeAll(() => getDb());

it("limits follows per account (LIMIT_FOLLOW_ACCOUNT), repeats included, in parallel too", async () => {
  const [a, b, c] = await Promise.all([newUser("la"), newUser("lb"), newUser("lc")]);
  const results = await Promise.all(
    Array.from({ length: 6 }, (_, i) => followAccount(a.id, (i % 2 ? b : c).username, NO_CLIENT)),
  );
  expect(results.filter((r) => r.ok)).toHaveLength(3);
  expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual([
    "rate_limited",
    "rate_limited",
    "rate_limited",
  ]);
  // Another account has its own budget.
  expect(await followAccount(b.id, c.username, NO_CLIENT)).toMatchObject({ ok: true });
});
