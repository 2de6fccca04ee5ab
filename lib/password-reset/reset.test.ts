import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailTokens } from "@/db/schema";
import { startMailbox, tokenFrom } from "@/vitest/mailbox";
import { newUser, PASSWORD, NO_CLIENT } from "@/vitest/people";
import { signIn } from "../auth/sign-in";
import { drainOutbox } from "../email/outbox";
import { createSession } from "../sessions/create";
import { resolveSessionToken } from "../sessions/resolve";
import { confirmPasswordReset } from "./confirm";
import { INVALID_LINK } from "../email-tokens/tokens";
import { RESET_REQUESTED, requestPasswordReset } from "./request";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());
const client = { ip: null, userAgent: null };

describe("password reset over SMTP", () => {
  it("answers the same for an unknown address, and mails only a known one", async () => {
    const user = await newUser("r");
    const known = await requestPasswordReset({ email: ` ${user.email.toUpperCase()} ` }, NO_CLIENT);
    const unknown = await requestPasswordReset({ email: `nobody-${user.email}` }, NO_CLIENT);
    expect(known).toEqual({ ok: true, value: { message: RESET_REQUESTED } });
    expect(unknown).toEqual(known);
    const mail = await mailbox.waitFor(user.email, /Reset your Accounts password/);
    expect(mail.envelopeTo).toEqual([user.email]);
    await drainOutbox();
    expect(mailbox.sentTo(`nobody-${user.email}`)).toHaveLength(0);
  });

  it("sends nothing for a comma-separated list or a quoted local part", async () => {
    const user = await newUser("r");
    await mailbox.waitFor(user.email, /Confirm your email/);
    await drainOutbox();
    const before = mailbox.received.length;
    for (const email of [
      `${user.email},attacker@example.net`,
      `"${user.email.split("@")[0]}"@example.com`,
      `${user.email}\nBcc: attacker@example.net`,
    ]) {
      expect(await requestPasswordReset({ email }, NO_CLIENT)).toEqual({
        ok: true,
        value: { message: RESET_REQUESTED },
      });
    }
    await drainOutbox();
    expect(mailbox.received.length).toBe(before);
  });

  it("resets once: new password works, every session ends, other reset links die, a notice is mailed", async () => {
    const user = await newUser("r");
    const session = await createSession(user.id, "browser", client);
    await requestPasswordReset({ email: user.email }, NO_CLIENT);
    await requestPasswordReset({ email: user.email }, NO_CLIENT);
    await drainOutbox();
    const [first, second] = mailbox.sentTo(user.email).filter((m) => /Reset/.test(m.subject));
    const token = tokenFrom(first!);

    expect(await confirmPasswordReset({ token, newPassword: "short" }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { newPassword: [expect.any(String)] } },
    });
    expect(await confirmPasswordReset({ token, newPassword: "a fresh new password" }, NO_CLIENT)).toEqual({
      ok: true,
      value: { userId: user.id },
    });
    expect(await confirmPasswordReset({ token, newPassword: "another new password" }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "validation", message: INVALID_LINK, fields: { token: [INVALID_LINK] } },
    });
    expect(
      await confirmPasswordReset({ token: tokenFrom(second!), newPassword: "another new password" }, NO_CLIENT),
    ).toMatchObject({ ok: false, error: { code: "validation", message: INVALID_LINK } });

    expect(await resolveSessionToken(session.token)).toBeNull();
    expect((await signIn({ login: user.username, password: PASSWORD }, "api", client)).ok).toBe(false);
    expect((await signIn({ login: user.username, password: "a fresh new password" }, "api", client)).ok).toBe(true);
    await mailbox.waitFor(user.email, /password was changed/);
  });

  it("refuses an expired link", async () => {
    const user = await newUser("r");
    await requestPasswordReset({ email: user.email }, NO_CLIENT);
    const token = tokenFrom(await mailbox.waitFor(user.email, /Reset/));
    const db = await getDb();
    await db
      .update(emailTokens)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(emailTokens.userId, user.id));
    expect(await confirmPasswordReset({ token, newPassword: "a fresh new password" }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "validation", message: INVALID_LINK },
    });
  });

  it("gives one success to two concurrent confirms of one token", async () => {
    const user = await newUser("r");
    await requestPasswordReset({ email: user.email }, NO_CLIENT);
    const token = tokenFrom(await mailbox.waitFor(user.email, /Reset/));
    const results = await Promise.all([
      confirmPasswordReset({ token, newPassword: "racing password one" }, NO_CLIENT),
      confirmPasswordReset({ token, newPassword: "racing password two" }, NO_CLIENT),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: { code: "validation", message: INVALID_LINK } });
  });
});

describe("reset limits", () => {
  it("mails one address at most LIMIT_RESET_ADDRESS (3 an hour) times, then says when to try again", async () => {
    const user = await newUser("r");
    const from = { ip: "203.0.113.7", userAgent: null };
    for (let i = 0; i < 3; i++) expect((await requestPasswordReset({ email: user.email }, from)).ok).toBe(true);
    const refused = await requestPasswordReset({ email: user.email.toUpperCase() }, from);
    expect(refused).toMatchObject({ ok: false, error: { code: "rate_limited", retryAfter: expect.any(Number) } });
    expect(!refused.ok && refused.error.message).toMatch(/^Too many attempts\. Try again in \d+ minutes?\.$/);
    // Another address from the same client is not refused by this limit.
    expect((await requestPasswordReset({ email: `other-${user.email}` }, from)).ok).toBe(true);
    await drainOutbox();
    expect(mailbox.sentTo(user.email).filter((m) => /Reset/.test(m.subject))).toHaveLength(3);
  });

  it("refuses a client past LIMIT_RESET_IP (20 an hour), whatever addresses it asks for, known or not", async () => {
    const from = { ip: "198.51.100.9", userAgent: null };
    for (let i = 0; i < 20; i++) {
      expect((await requestPasswordReset({ email: `nobody-${i}@example.com` }, from)).ok).toBe(true);
    }
    const user = await newUser("r");
    await drainOutbox();
    expect(await requestPasswordReset({ email: user.email }, from)).toMatchObject({
      ok: false,
      error: { code: "rate_limited" },
    });
    // The same address from another client still gets its link.
    expect((await requestPasswordReset({ email: user.email }, { ip: "198.51.100.10", userAgent: null })).ok).toBe(true);
    await drainOutbox();
    expect(mailbox.sentTo(user.email).filter((m) => /Reset/.test(m.subject))).toHaveLength(1);
  });
});
