import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { startMailbox } from "@/vitest/mailbox";
import { newUser, PASSWORD } from "@/vitest/people";
import { codeAt, enrolled, previousStepCode } from "@/vitest/two-factor";
import { drainOutbox } from "../email/outbox";
import { resolveSessionToken } from "../sessions/resolve";
import { confirmTotp, disableTotp, regenerateRecoveryCodes, startTotp } from "../two-factor/totp";
import { deviceCookieAfterSignIn } from "./device-cookie";
import { completeMfaSignIn } from "./second-step";
import { signIn, signInWithPassword } from "./sign-in";
import { attemptFor } from "./sign-in-limits";

// Issue 25, item 1: wrong second-step codes from browsers with device cookies escaped the account's limit.
const mailbox = await startMailbox();
afterAll(() => mailbox.close());
beforeAll(() => getDb());

let block = 0;
const from = (ip: string) => ({ ip, userAgent: "vitest" });
const UNLOCK = /Sign-in to your Accounts account is paused/;

async function userRow(id: string) {
  const db = await getDb();
  return (await db.select().from(users).where(eq(users.id, id)))[0]!;
}

/** Whether this browser's device cookie still makes it a known browser of the account. */
async function trusted(userId: string, deviceCookie: string) {
  return attemptFor(await userRow(userId), "", "browser", from("192.0.2.1"), deviceCookie).deviceId !== null;
}

/** The account's factors changed `seconds` ago (as that much time passing since the change would look). */
async function changedAgo(userId: string, seconds: number) {
  const db = await getDb();
  await db
    .update(users)
    .set({ factorsChangedAt: sql`now() - make_interval(secs => ${seconds})` })
    .where(eq(users.id, userId));
}

/** The password step in a browser carrying `deviceCookie`: the challenge, or the refusal. */
async function passwordStep(username: string, deviceCookie: string, ip: string) {
  const r = await signInWithPassword({ login: username, password: PASSWORD }, "browser", from(ip), { deviceCookie });
  if (r.ok && "mfa" in r.value) return { challenge: r.value.mfa.challenge };
  if (!r.ok && r.error.code === "rate_limited") return { refused: r.error.retryAfter! };
  throw new Error(`unexpected password step: ${JSON.stringify(r)}`);
}

/** A six-digit code that is none of the ones the app would accept now. */
async function wrongCode(secret: string, i: number) {
  const right = new Set(await Promise.all([-1, 0, 1].map((s) => codeAt(secret, s))));
  for (let n = 100_000 + i * 7919; ; n++) if (!right.has(String(n))) return String(n);
}

describe("wrong second-step codes count against the account-wide limit from every browser", () => {
  it("six browsers with good device cookies get 20 wrong codes together, then the back-off and the unlock mail", async () => {
    const { user, secret, recoveryCodes } = await enrolled("mb");
    // The factor change lies in the past: the sign-ins below issue cookies that stand.
    await changedAgo(user.id, 10);
    const net = `10.9${++block}`;
    const browsers: { cookie: string; ip: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const ip = `${net}.0.${i + 1}`;
      const pending = await signInWithPassword({ login: user.username, password: PASSWORD }, "browser", from(ip));
      if (!pending.ok || !("mfa" in pending.value)) throw new Error("expected a challenge");
      const done = await completeMfaSignIn(
        { challenge: pending.value.mfa.challenge, recoveryCode: recoveryCodes[i] },
        "browser",
        from(ip),
      );
      if (!done.ok || !done.value.deviceCookie) throw new Error("expected a signed-in browser");
      browsers.push({ cookie: done.value.deviceCookie, ip });
    }
    for (const b of browsers) expect(await trusted(user.id, b.cookie)).toBe(true);

    let wrong = 0;
    const refusals: number[] = [];
    for (const [i, b] of browsers.entries()) {
      if (refusals.length === 3) break;
      // A known browser's password step counts in its own bucket and gives its claim back; its challenge
      // takes up to 5 wrong codes.
      const step = await passwordStep(user.username, b.cookie, b.ip);
      if ("refused" in step) throw new Error("a known browser's right password was refused");
      for (let k = 0; k < 5 && refusals.length < 3; k++) {
        const r = await completeMfaSignIn(
          { challenge: step.challenge, code: await wrongCode(secret, i * 5 + k) },
          "browser",
          from(b.ip),
          { deviceCookie: b.cookie },
        );
        if (r.ok) throw new Error("a wrong code signed in");
        if (r.error.code === "rate_limited") refusals.push(Math.round(r.error.retryAfter! / 60));
        else {
          expect(r.error.code).toBe("unauthorized");
          wrong++;
        }
      }
    }
    expect(wrong).toBe(20);
    // Refused with the doubling back-off (LIMIT_SIGN_IN_FAILURES_ACCOUNT's hour, then 2, then 4).
    expect(refusals).toEqual([60, 120, 240]);
    // The right code too, from a known browser, while the wait lasts.
    const b = browsers[5]!;
    const step = await passwordStep(user.username, b.cookie, b.ip);
    if ("refused" in step) throw new Error("a known browser's right password was refused");
    const right = await completeMfaSignIn(
      { challenge: step.challenge, code: await codeAt(secret, 1) },
      "browser",
      from(b.ip),
      {
        deviceCookie: b.cookie,
      },
    );
    expect(right).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    // The owner is told once, with the unlock link, as for wrong passwords.
    await drainOutbox();
    expect(mailbox.sentTo(user.email).filter((m) => UNLOCK.test(m.subject))).toHaveLength(1);
  });

  it("a right code gives its claim back, and strangers' wrong passwords do not use up a known browser's codes", async () => {
    const { user, secret, recoveryCodes } = await enrolled("mb");
    await changedAgo(user.id, 10);
    const ip = `10.9${++block}.1.1`;
    const pending = await signInWithPassword({ login: user.username, password: PASSWORD }, "browser", from(ip));
    if (!pending.ok || !("mfa" in pending.value)) throw new Error("expected a challenge");
    const done = await completeMfaSignIn(
      { challenge: pending.value.mfa.challenge, recoveryCode: recoveryCodes[0] },
      "browser",
      from(ip),
    );
    if (!done.ok || !done.value.deviceCookie) throw new Error("expected a signed-in browser");
    const cookie = done.value.deviceCookie;
    // Strangers trip the account-wide limit with wrong passwords from many addresses.
    const net = `10.9${++block}`;
    for (let i = 0; i < 22; i++)
      await signIn({ login: user.username, password: `wrong ${i}` }, "api", from(`${net}.0.${i + 1}`));
    expect(await signIn({ login: user.username, password: PASSWORD }, "api", from(`${net}.1.1`))).toMatchObject({
      ok: false,
      error: { code: "rate_limited" },
    });
    // The owner's known browser still signs in with its code.
    const step = await passwordStep(user.username, cookie, ip);
    if ("refused" in step) throw new Error("a known browser's right password was refused");
    const owner = await completeMfaSignIn(
      { challenge: step.challenge, code: await codeAt(secret, 1) },
      "browser",
      from(ip),
      {
        deviceCookie: cookie,
      },
    );
    expect(owner).toMatchObject({ ok: true });
  });
});

describe("a change of the account's factors ends the standing of device cookies issued before it", () => {
  it("turning two-factor on, new recovery codes and turning it off each end older cookies; newer ones stand", async () => {
    const u = await newUser("fc");
    const ip = `10.9${++block}.0.1`;
    const first = await signIn({ login: u.username, password: PASSWORD }, "browser", from(ip));
    if (!first.ok || !first.value.deviceCookie) throw new Error("expected a signed-in browser");
    const old = first.value.deviceCookie;
    expect(await trusted(u.id, old)).toBe(true);
    const caller = (await resolveSessionToken(first.value.session.token))!;

    // On.
    const started = await startTotp(caller);
    if (!started.ok) throw new Error("start failed");
    expect(await confirmTotp(caller, { code: await previousStepCode(started.value.secret) }, from(ip))).toMatchObject({
      ok: true,
    });
    expect((await userRow(u.id)).factorsChangedAt).toBeInstanceOf(Date);
    expect(await trusted(u.id, old)).toBe(false);
    // What such a browser loses: an account-wide lock-out by strangers now keeps it out too.
    const net = `10.9${++block}`;
    for (let i = 0; i < 21; i++)
      await signIn({ login: u.username, password: `wrong ${i}` }, "api", from(`${net}.0.${i + 1}`));
    expect(await passwordStep(u.username, old, ip)).toEqual({ refused: expect.any(Number) });

    // A cookie issued after the change stands, until the next change: new recovery codes, then off.
    for (const change of [() => regenerateRecoveryCodes(caller, from(ip)), () => disableTotp(caller, from(ip))]) {
      await changedAgo(u.id, 10);
      const newer = deviceCookieAfterSignIn(null, u.id, (await userRow(u.id)).passwordHash);
      expect(await trusted(u.id, newer)).toBe(true);
      const before = (await userRow(u.id)).factorsChangedAt!;
      expect(await change()).toMatchObject({ ok: true });
      expect((await userRow(u.id)).factorsChangedAt!.getTime()).toBeGreaterThan(before.getTime());
      expect(await trusted(u.id, newer)).toBe(false);
    }
  });
});
