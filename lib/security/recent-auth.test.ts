import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { newUser, NO_CLIENT, PASSWORD } from "@/vitest/people";
import { signIn } from "../auth/sign-in";
import { resolveSessionToken } from "../sessions/resolve";
import { isRecentlyAuthenticated, requireRecentAuth } from "./recent-auth";
import { reauthenticate } from "../reauth/reauthenticate";

async function signedIn() {
  const user = await newUser("rn");
  const result = await signIn({ login: user.username, password: PASSWORD }, "api", NO_CLIENT);
  if (!result.ok) throw new Error("sign-in failed");
  const token = result.value.session.token;
  const caller = async () => (await resolveSessionToken(token))!;
  const age = async (minutes: number) => {
    const db = await getDb();
    await db
      .update(sessions)
      .set({ reauthenticatedAt: sql`now() - make_interval(mins => ${minutes})` })
      .where(eq(sessions.id, result.value.session.id));
  };
  return { user, caller, age };
}

describe("the re-authentication window (REAUTH_MINUTES, default 10)", () => {
  it("a sign-in is a fresh proof; 11 minutes later it is stale: forbidden with reauthentication_required", async () => {
    const { caller, age } = await signedIn();
    expect(isRecentlyAuthenticated(await caller())).toBe(true);
    expect(requireRecentAuth(await caller())).toEqual({ ok: true, value: undefined });
    await age(11);
    expect(requireRecentAuth(await caller())).toMatchObject({
      ok: false,
      error: { code: "forbidden", reason: "reauthentication_required" },
    });
  });

  it("the right password makes a stale session fresh; a wrong one is forbidden and leaves it stale", async () => {
    const { caller, age } = await signedIn();
    await age(30);
    expect(await reauthenticate(await caller(), { password: "not it at all" }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "forbidden", fields: { password: [expect.any(String)] } },
    });
    expect(isRecentlyAuthenticated(await caller())).toBe(false);
    expect(await reauthenticate(await caller(), { password: PASSWORD }, NO_CLIENT)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(isRecentlyAuthenticated(await caller())).toBe(true);
  });

  it("wrong passwords count with the account's other current-password checks: the 6th is rate_limited", async () => {
    const { caller } = await signedIn();
    for (let i = 0; i < 5; i++)
      expect(await reauthenticate(await caller(), { password: `wrong ${i}` }, NO_CLIENT)).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
    expect(await reauthenticate(await caller(), { password: PASSWORD }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "rate_limited", retryAfter: expect.any(Number) },
    });
  });

  it("neither or both of password and code is a validation error; a code without two-factor is forbidden", async () => {
    const { caller } = await signedIn();
    expect(await reauthenticate(await caller(), {}, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "validation" },
    });
    expect(await reauthenticate(await caller(), { password: PASSWORD, code: "123456" }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "validation" },
    });
    expect(await reauthenticate(await caller(), { code: "123456" }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
  });
});
