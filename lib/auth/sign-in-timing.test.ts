import { describe, expect, it } from "vitest";
import { newUser, PASSWORD } from "@/vitest/people";
import { passwordPool } from "../crypto/password-pool";
import { signIn } from "./sign-in";

/**
 * Why an unknown account and a wrong password take the same time: each costs exactly one bcrypt
 * compare in the pool, against a hash of the configured cost. This asserts that mechanism; the figure
 * (the two medians side by side) is measured by e2e/limits.spec.ts and `npm run bench`.
 */
const client = { ip: "203.0.113.50", userAgent: "vitest" };

/** How many tasks the bcrypt pool finished while `run` ran. */
async function poolTasks(run: () => Promise<unknown>): Promise<number> {
  const pool = passwordPool();
  const before = pool.completed;
  await run();
  return pool.completed - before;
}

describe("sign-in timing, by mechanism", () => {
  it("runs one bcrypt compare for an unknown account, a wrong password and a right one alike", async () => {
    const user = await newUser("tm");
    await signIn({ login: "warm-up-nobody", password: "x".repeat(12) }, "api", client); // the dummy hash, once
    const unknown = await poolTasks(() =>
      signIn({ login: `ghost-${user.username}`, password: PASSWORD }, "api", client),
    );
    const wrong = await poolTasks(() => signIn({ login: user.username, password: "not the password" }, "api", client));
    const right = await poolTasks(() => signIn({ login: user.username, password: PASSWORD }, "api", client));
    expect({ unknown, wrong, right }).toEqual({ unknown: 1, wrong: 1, right: 1 });
  });
});
