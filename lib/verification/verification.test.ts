import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailTokens, rateLimits, users } from "@/db/schema";
import { startMailbox, tokenFrom } from "@/vitest/mailbox";
import { newUser, NO_CLIENT } from "@/vitest/people";
import { drainOutbox } from "../email/outbox";
import { limitKey } from "../security/rate-limit";
import { confirmEmail } from "./confirm";
import { sendVerification } from "./send";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

describe("email verification over SMTP", () => {
  it("sign-up mails a link (text and HTML, product name, what to do if it was not you); confirming verifies once", async () => {
    const user = await newUser("v");
    const mail = await mailbox.waitFor(user.email, /Confirm your email/);
    expect(mail.subject).toContain("Accounts");
    expect(mail.text).toMatch(/ignore this message/i);
    expect(mail.html).toContain("Confirm my email");
    expect(mail.text).toContain("http://localhost:3000/verify-email?token=");
    const token = tokenFrom(mail);

    expect(await confirmEmail(token, NO_CLIENT)).toMatchObject({
      ok: true,
      value: { userId: user.id, changed: false },
    });
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await confirmEmail(token, NO_CLIENT)).toMatchObject({ ok: false, error: { code: "validation" } });
  });

  it("stores only the SHA-256 of the token", async () => {
    const user = await newUser("v");
    const token = tokenFrom(await mailbox.waitFor(user.email, /Confirm your email/));
    const db = await getDb();
    const rows = await db.select().from(emailTokens).where(eq(emailTokens.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toBe(token);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("refuses an expired token, and malformed and unknown tokens alike", async () => {
    const user = await newUser("v");
    const token = tokenFrom(await mailbox.waitFor(user.email, /Confirm your email/));
    const db = await getDb();
    await db
      .update(emailTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(emailTokens.userId, user.id));
    const expired = await confirmEmail(token, NO_CLIENT);
    const malformed = await confirmEmail("not a token", NO_CLIENT);
    const unknown = await confirmEmail("A".repeat(43), NO_CLIENT);
    expect(expired).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(malformed).toEqual(expired);
    expect(unknown).toEqual(expired);
  });

  it("gives one success to two concurrent confirms of one token", async () => {
    const user = await newUser("v");
    const token = tokenFrom(await mailbox.waitFor(user.email, /Confirm your email/));
    const results = await Promise.all([
      confirmEmail(token, NO_CLIENT),
      confirmEmail(token, NO_CLIENT),
      confirmEmail(token, NO_CLIENT),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("resends at most once a minute, and not at all once verified", async () => {
    const user = await newUser("v");
    await mailbox.waitFor(user.email, /Confirm your email/);
    expect(await sendVerification(user.id)).toMatchObject({
      ok: false,
      error: { code: "rate_limited", retryAfter: expect.any(Number) },
    });
    const db = await getDb();
    await db // the minute has passed
      .update(rateLimits)
      .set({ resetAt: new Date(Date.now() - 1000) })
      .where(eq(rateLimits.key, limitKey("verify_resend_account", [user.id])));
    expect(await sendVerification(user.id)).toEqual({ ok: true, value: { sent: true } });
    await drainOutbox();
    expect(mailbox.sentTo(user.email)).toHaveLength(2);
    const token = tokenFrom(mailbox.sentTo(user.email)[1]!);
    expect((await confirmEmail(token, NO_CLIENT)).ok).toBe(true);
    await db // the minute has passed
      .update(rateLimits)
      .set({ resetAt: new Date(Date.now() - 1000) })
      .where(eq(rateLimits.key, limitKey("verify_resend_account", [user.id])));
    expect(await sendVerification(user.id)).toEqual({ ok: true, value: { sent: false } });
  });
});
