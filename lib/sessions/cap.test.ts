import { and, eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailOutbox, securityEvents, sessions } from "@/db/schema";
import { newUser, PASSWORD } from "@/vitest/people";
import { signIn } from "../auth/sign-in";
import { createSessionIfActive } from "./create";
import { sessionCapNotice } from "../email/templates";

// Issue 30: SESSIONS_PER_ACCOUNT. A low cap for this file (the environment is read on first use).
process.env.SESSIONS_PER_ACCOUNT = "5";
const CAP = 5;
beforeAll(() => getDb());

const client = { ip: "203.0.113.50", userAgent: "vitest" };
// Each from its own address: one address gets 5 parallel password compares (lib/auth/sign-in-limits.ts).
const from = (i: number) => ({ ip: `198.51.100.${i + 1}`, userAgent: "vitest" });
const ownSessions = async (userId: string) =>
  (await getDb()).select().from(sessions).where(eq(sessions.userId, userId));
const capNotices = async (email: string) =>
  (await getDb())
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.to, email), like(mailOutbox.subject, "Your oldest%session was signed out")));

describe("the session cap", () => {
  it("cap + 1 parallel sign-ins all succeed and leave exactly the cap, with one notice", async () => {
    const u = await newUser("cap");
    const results = await Promise.all(
      Array.from({ length: CAP + 1 }, (_, i) => signIn({ login: u.username, password: PASSWORD }, "api", from(i))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await ownSessions(u.id)).toHaveLength(CAP);
    const notices = await capNotices(u.email);
    expect(notices).toHaveLength(1);
    // (the body is wiped once sent: the words are checked on the template)
    expect(sessionCapNotice(u.email, CAP).text).toContain(
      `Your oldest session was signed out: at most ${CAP} at once.`,
    );
    const events = await (
      await getDb()
    )
      .select()
      .from(securityEvents)
      .where(and(eq(securityEvents.userId, u.id), eq(securityEvents.type, "session.evicted")));
    expect(events).toHaveLength(1);
  });

  it("twice the cap in parallel still leaves exactly the cap", async () => {
    const u = await newUser("cap");
    const results = await Promise.all(
      Array.from({ length: CAP * 2 }, (_, i) => signIn({ login: u.username, password: PASSWORD }, "api", from(i))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await ownSessions(u.id)).toHaveLength(CAP);
  });

  it("the race itself: 4 × the cap sessions opened at once (no password compare between) leave exactly the cap", async () => {
    const u = await newUser("cap");
    const opened = await Promise.all(
      Array.from({ length: CAP * 4 }, (_, i) => createSessionIfActive(u.id, "browser", from(i))),
    );
    expect(opened.every(Boolean)).toBe(true);
    expect(await ownSessions(u.id)).toHaveLength(CAP);
  });

  it("ends the least recently used session, never the one signing in; under the cap nothing ends", async () => {
    const u = await newUser("cap");
    const tokens: string[] = [];
    for (let i = 0; i < CAP; i++) {
      const r = await signIn({ login: u.username, password: PASSWORD }, "browser", client);
      if (!r.ok || !("session" in r.value)) throw new Error("sign-in failed");
      tokens.push(r.value.session.id);
    }
    expect(await ownSessions(u.id)).toHaveLength(CAP);
    expect(await capNotices(u.email)).toHaveLength(0);
    const db = await getDb();
    // The first one was used a moment ago; the second is now the least recently used.
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '1 hour'` })
      .where(eq(sessions.userId, u.id));
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(sessions.id, tokens[0]!));
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '2 hours'` })
      .where(eq(sessions.id, tokens[1]!));
    const next = await signIn({ login: u.username, password: PASSWORD }, "api", client);
    if (!next.ok || !("session" in next.value)) throw new Error("sign-in failed");
    const left = (await ownSessions(u.id)).map((s) => s.id);
    expect(left).toHaveLength(CAP);
    expect(left).not.toContain(tokens[1]);
    expect(left).toContain(tokens[0]);
    expect(left).toContain(next.value.session.id);
    expect(await capNotices(u.email)).toHaveLength(1);
  });

  it("expired sessions do not count against the cap", async () => {
    const u = await newUser("cap");
    for (let i = 0; i < CAP; i++) await signIn({ login: u.username, password: PASSWORD }, "api", client);
    const db = await getDb();
    await db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(sessions.userId, u.id));
    await signIn({ login: u.username, password: PASSWORD }, "api", client);
    expect(await ownSessions(u.id)).toHaveLength(CAP + 1); // the expired ones are the clean-up's
    expect(await capNotices(u.email)).toHaveLength(0);
  });
});
