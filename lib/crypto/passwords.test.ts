import { afterAll, describe, expect, it } from "vitest";
import { closePasswordPool, passwordPool } from "./password-pool";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./passwords";

afterAll(() => closePasswordPool());

describe("passwords (bcrypt in the worker pool)", () => {
  it("hashes with the configured cost and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$2[aby]\$04\$/); // BCRYPT_COST=4 under vitest
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });

  it("runs the work in worker threads, as many as BCRYPT_THREADS", async () => {
    const pool = passwordPool();
    const before = pool.completed;
    const hashes = await Promise.all(["a-password-1", "a-password-2", "a-password-3"].map((p) => hashPassword(p)));
    expect(new Set(hashes).size).toBe(3);
    expect(pool.completed - before).toBe(3);
    expect(pool.maxThreads).toBe(Number(process.env.BCRYPT_THREADS ?? 2));
  });

  it("burns a compare for unknown accounts and always says no", async () => {
    expect(await burnPasswordCheck("whatever-it-is")).toBe(false);
  });
});
