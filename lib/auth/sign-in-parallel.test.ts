import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { newUser, PASSWORD } from "@/vitest/people";
import { signIn } from "./sign-in";

// Item 3 of issue 12: the attempt is claimed before the compare, so parallel guesses cannot all slip
// through between a read of the counters and the count after the compare.
beforeAll(() => getDb());

const from = (ip: string) => ({ ip, userAgent: "vitest" });
const tally = (results: Awaited<ReturnType<typeof signIn>>[]) => {
  const codes = results.map((r) => (r.ok ? "ok" : r.error.code));
  return {
    unauthorized: codes.filter((c) => c === "unauthorized").length,
    limited: codes.filter((c) => c === "rate_limited").length,
    ok: codes.filter((c) => c === "ok").length,
  };
};

describe("sign-in limits under parallel guesses", () => {
  it("40 wrong passwords at once from one address: 5 are compared and answered 401, 35 are refused", async () => {
    const u = await newUser("par");
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signIn({ login: u.username, password: `wrong ${i}` }, "api", from("203.0.113.40")),
      ),
    );
    expect(tally(results)).toEqual({ unauthorized: 5, limited: 35, ok: 0 });
    // And the right password from there is refused now too.
    const right = await signIn({ login: u.username, password: PASSWORD }, "api", from("203.0.113.40"));
    expect(right).toMatchObject({ ok: false, error: { code: "rate_limited" } });
  });

  it("40 wrong passwords at once from 40 addresses: 20 are compared, 20 are refused", async () => {
    const u = await newUser("par");
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signIn({ login: u.email, password: `wrong ${i}` }, "api", from(`192.0.2.${i + 1}`)),
      ),
    );
    expect(tally(results)).toEqual({ unauthorized: 20, limited: 20, ok: 0 });
  });

  it("an unknown login is held to the same numbers", async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signIn({ login: "no-such-person-par", password: `wrong ${i}` }, "api", from(`198.51.100.${i + 1}`)),
      ),
    );
    expect(tally(results)).toEqual({ unauthorized: 20, limited: 10, ok: 0 });
  });

  it("a successful sign-in gives its claim back: it never uses up the account's failures", async () => {
    const u = await newUser("par");
    for (let i = 0; i < 19; i++)
      await signIn({ login: u.username, password: "wrong" }, "api", from(`198.18.0.${i + 1}`));
    // One after another: while a right password is being compared it holds a claim like any guess.
    const rights = [];
    for (let i = 0; i < 6; i++)
      rights.push(await signIn({ login: u.username, password: PASSWORD }, "api", from(`198.18.1.${i + 1}`)));
    expect(tally(rights)).toEqual({ unauthorized: 0, limited: 0, ok: 6 });
    // Still one failure left before the account-wide limit.
    const twentieth = await signIn({ login: u.username, password: "wrong" }, "api", from("198.18.2.1"));
    expect(twentieth).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    const next = await signIn({ login: u.username, password: PASSWORD }, "api", from("198.18.2.2"));
    expect(next).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    const db = await getDb();
    expect(await db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(6);
  });

  it("parallel browser attempts with and without a session cookie are held alike (the browser path)", async () => {
    const u = await newUser("par");
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        signIn({ login: u.username, password: `wrong ${i}` }, "browser", from("203.0.113.41"), {
          deviceCookie: null,
          previousSessionToken: null,
        }),
      ),
    );
    expect(tally(results)).toEqual({ unauthorized: 5, limited: 7, ok: 0 });
  });
});
