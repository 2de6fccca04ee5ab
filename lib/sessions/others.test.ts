import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { newUser, NO_CLIENT } from "@/vitest/people";
import { fail, ok } from "../result";
import { createSession } from "./create";
import { countOtherSessions, withOtherSessions } from "./others";
import { resolveSessionToken } from "./resolve";
import { revokeOwnOtherSessions } from "./revoke-own";

/**
 * After a factor is added, the answer says how many other sessions are still signed in: every live
 * session of the account (browser or API) but the caller's own. Expired and idle ones cannot be used,
 * so they are not counted; another account's never are.
 */
async function callerWithSessions() {
  const user = await newUser("os");
  const own = await createSession(user.id, "browser", NO_CLIENT);
  const caller = (await resolveSessionToken(own.token))!;
  return { user, caller };
}

describe("countOtherSessions", () => {
  it("counts the account's other live sessions, browser and API, but not its own", async () => {
    const { user, caller } = await callerWithSessions();
    expect(await countOtherSessions(caller)).toBe(0);
    await createSession(user.id, "browser", NO_CLIENT);
    await createSession(user.id, "api", NO_CLIENT);
    expect(await countOtherSessions(caller)).toBe(2);
  });

  it("leaves out expired and idle sessions, and other accounts' sessions", async () => {
    const { user, caller } = await callerWithSessions();
    const live = await createSession(user.id, "api", NO_CLIENT);
    const expired = await createSession(user.id, "api", NO_CLIENT);
    const idle = await createSession(user.id, "browser", NO_CLIENT);
    const db = await getDb();
    await db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(sessions.id, expired.id));
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '400 days'` })
      .where(eq(sessions.id, idle.id));
    const other = await newUser("ox");
    await createSession(other.id, "browser", NO_CLIENT);
    expect(await countOtherSessions(caller)).toBe(1);
    expect(await resolveSessionToken(live.token)).not.toBeNull();
  });

  it("is 0 after “Sign out everywhere else”, which keeps the caller's own session", async () => {
    const { user, caller } = await callerWithSessions();
    const other = await createSession(user.id, "browser", NO_CLIENT);
    await createSession(user.id, "api", NO_CLIENT);
    expect(await countOtherSessions(caller)).toBe(2);
    expect(await revokeOwnOtherSessions(caller, NO_CLIENT)).toBe(2);
    expect(await countOtherSessions(caller)).toBe(0);
    expect(await resolveSessionToken(other.token)).toBeNull();
    const [own] = await (await getDb()).select().from(sessions).where(eq(sessions.id, caller.session.id));
    expect(own).toBeDefined();
  });
});

describe("withOtherSessions", () => {
  it("adds the count to a success and passes a failure through untouched", async () => {
    const { user, caller } = await callerWithSessions();
    await createSession(user.id, "api", NO_CLIENT);
    expect(await withOtherSessions(caller, ok({ recoveryCodes: ["a"] }))).toEqual(
      ok({ recoveryCodes: ["a"], otherSessions: 1 }),
    );
    const refused = fail("validation", "That code is not right.");
    expect(await withOtherSessions(caller, refused)).toBe(refused);
  });
});
