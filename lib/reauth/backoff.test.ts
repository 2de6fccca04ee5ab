import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { startMailbox } from "@/vitest/mailbox";
import { NO_CLIENT, PASSWORD } from "@/vitest/people";
import { codeAt, enrolled } from "@/vitest/two-factor";
import { limitKey } from "../security/rate-limit";
import type { Caller } from "../sessions/resolve";
import { reauthenticate } from "./reauthenticate";

// Issue 25, item 7: re-authentication by code was 5 tries per 15 minutes forever (~480 a day).
const mailbox = await startMailbox();
afterAll(() => mailbox.close());

/** The window of the account's re-authentication counter ends now, as if its time had passed. */
async function windowEnds(userId: string) {
  const db = await getDb();
  const ended = await db
    .update(rateLimits)
    .set({ resetAt: sql`now() - interval '1 second'` })
    .where(eq(rateLimits.key, limitKey("reauth_account", [userId])))
    .returning();
  expect(ended).toHaveLength(1);
}

/** A six-digit code that is none of the ones the app would accept now. */
async function wrongCode(secret: string, n: number) {
  const right = new Set(await Promise.all([-1, 0, 1].map((s) => codeAt(secret, s))));
  for (let c = 100_000 + n * 7919; ; c++) if (!right.has(String(c))) return String(c);
}

/** One wrong try (code or password): 403 while tries are left, else the wait in minutes. */
async function wrong(
  { caller, secret }: { caller: Caller; secret: string },
  by: "code" | "password",
  n: number,
): Promise<"forbidden" | number> {
  const input = by === "code" ? { code: await wrongCode(secret, n) } : { password: `not it ${n}` };
  const r = await reauthenticate(caller, input, NO_CLIENT);
  if (r.ok) throw new Error("a wrong proof was accepted");
  if (r.error.code === "forbidden") return "forbidden";
  expect(r.error.code).toBe("rate_limited");
  return Math.round(r.error.retryAfter! / 60);
}

describe("re-authentication's limit backs off (reauth_account, 5 per 15 minutes, doubling)", () => {
  it("each refused try doubles the wait; a new window gives 5 tries, and tripping it again waits twice as long", async () => {
    const account = await enrolled("rb");
    const { caller, secret } = account;
    let n = 0;
    // Codes and passwords share the counter.
    for (const by of ["code", "code", "password", "code", "password"] as const)
      expect(await wrong(account, by, n++)).toBe("forbidden");
    expect(await wrong(account, "code", n++)).toBe(15);
    expect(await wrong(account, "password", n++)).toBe(30);
    // The window passes (moved in the database, not waited for): five more tries are checked…
    await windowEnds(caller.user.id);
    for (let i = 0; i < 5; i++) expect(await wrong(account, "code", n++)).toBe("forbidden");
    // …and the next is refused for twice the last wait, the right code included.
    expect(await wrong(account, "code", n++)).toBe(60);
    const right = await reauthenticate(caller, { code: await codeAt(secret, 1) }, NO_CLIENT);
    expect(right).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    if (!right.ok) expect(Math.round(right.error.retryAfter! / 60)).toBe(120);
    // Once more.
    await windowEnds(caller.user.id);
    for (let i = 0; i < 5; i++) expect(await wrong(account, "password", n++)).toBe("forbidden");
    expect(await wrong(account, "password", n++)).toBe(240);
  });

  it("a right proof still gives its claim back, and the wait never passes a day", async () => {
    const account = await enrolled("rb");
    const { caller, secret } = account;
    let n = 0;
    for (let i = 0; i < 4; i++) expect(await wrong(account, "code", n++)).toBe("forbidden");
    expect(await reauthenticate(caller, { password: PASSWORD }, NO_CLIENT)).toEqual({ ok: true, value: undefined });
    expect(await reauthenticate(caller, { code: await codeAt(secret, 1) }, NO_CLIENT)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await wrong(account, "code", n++)).toBe("forbidden");
    const waits = [];
    for (let i = 0; i < 10; i++) waits.push(await wrong(account, "code", n++));
    expect(waits).toEqual([15, 30, 60, 120, 240, 480, 960, 1440, 1440, 1440]);
  });
});
