import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailTokens } from "@/db/schema";
import { startMailbox, tokenFrom } from "@/vitest/mailbox";
import { newUser, NO_CLIENT, PASSWORD } from "@/vitest/people";
import { announceLockout, unlockLinkIsLive, unlockSignIn } from "../auth/lockout";
import { cancelEmailChange, NO_PENDING_CHANGE, pendingEmailChange, resendEmailChange } from "../email-change/pending";
import { requestEmailChange } from "../email-change/request";
import { drainOutbox } from "../email/outbox";
import { resetLinkIsLive } from "../password-reset/link";
import { confirmPasswordReset } from "../password-reset/confirm";
import { requestPasswordReset } from "../password-reset/request";
import { confirmEmail } from "../verification/confirm";
import { verificationLink } from "../verification/link";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

const expire = async (userId: string) =>
  (await getDb())
    .update(emailTokens)
    .set({ expiresAt: new Date(Date.now() - 1) })
    .where(eq(emailTokens.userId, userId));

describe("a link's state, read when its page opens", () => {
  it("reset: live until used or expired, and reading it spends nothing", async () => {
    const user = await newUser("ls");
    await requestPasswordReset({ email: user.email }, NO_CLIENT);
    const token = tokenFrom(await mailbox.waitFor(user.email, /Reset/));
    expect(await resetLinkIsLive(token)).toBe(true);
    expect(await resetLinkIsLive(token)).toBe(true); // a second look (a mail scanner, then the person)
    expect((await confirmPasswordReset({ token, newPassword: "a fresh new password" }, NO_CLIENT)).ok).toBe(true);
    expect(await resetLinkIsLive(token)).toBe(false);
    for (const missing of ["", "x", "A".repeat(43), undefined, 7]) expect(await resetLinkIsLive(missing)).toBe(false);

    await requestPasswordReset({ email: user.email }, NO_CLIENT);
    await drainOutbox();
    const later = tokenFrom(
      mailbox
        .sentTo(user.email)
        .filter((m) => /Reset/.test(m.subject))
        .at(-1)!,
    );
    await expire(user.id);
    expect(await resetLinkIsLive(later)).toBe(false);
  });

  it("verification: names the address it confirms; dead once used, or when the account's address changed", async () => {
    const user = await newUser("ls");
    const token = tokenFrom(await mailbox.waitFor(user.email, /Confirm your email/));
    expect(await verificationLink(token)).toEqual({ email: user.email, change: false });
    expect((await confirmEmail(token, NO_CLIENT)).ok).toBe(true);
    expect(await verificationLink(token)).toBeNull();

    const next = `n-${user.email}`;
    expect((await requestEmailChange(user.id, { email: next, currentPassword: PASSWORD }, NO_CLIENT)).ok).toBe(true);
    const change = tokenFrom(await mailbox.waitFor(next, /Confirm/));
    expect(await verificationLink(change)).toEqual({ email: next, change: true });
    expect(await verificationLink(change)).toEqual({ email: next, change: true });
    await expire(user.id);
    expect(await verificationLink(change)).toBeNull();
  });

  it("unlock: live until used", async () => {
    const user = await newUser("ls");
    await announceLockout({ userId: user.id, email: user.email, account: user.id, client: NO_CLIENT });
    const token = tokenFrom(await mailbox.waitFor(user.email, /paused/));
    expect(await unlockLinkIsLive(token)).toBe(true);
    expect((await unlockSignIn(token, NO_CLIENT)).ok).toBe(true);
    expect(await unlockLinkIsLive(token)).toBe(false);
  });
});

describe("a pending email change", () => {
  it("is shown, can be sent again (a new link replaces the old) and cancelled", async () => {
    const user = await newUser("pe");
    expect(await pendingEmailChange(user.id)).toBeNull();
    expect(await resendEmailChange(user.id, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { message: NO_PENDING_CHANGE },
    });
    const next = `n-${user.email}`;
    await requestEmailChange(user.id, { email: next, currentPassword: PASSWORD }, NO_CLIENT);
    const first = tokenFrom(await mailbox.waitFor(next, /Confirm/));
    expect(await pendingEmailChange(user.id)).toMatchObject({ email: next, expiresAt: expect.any(String) });

    expect(await resendEmailChange(user.id, NO_CLIENT)).toEqual({ ok: true, value: { email: next } });
    await drainOutbox();
    const mails = mailbox.sentTo(next).filter((m) => /Confirm/.test(m.subject));
    expect(mails).toHaveLength(2);
    expect(await verificationLink(first)).toBeNull();
    const second = tokenFrom(mails[1]!);
    expect(await verificationLink(second)).toEqual({ email: next, change: true });

    expect((await cancelEmailChange(user.id)).ok).toBe(true);
    expect(await pendingEmailChange(user.id)).toBeNull();
    expect(await verificationLink(second)).toBeNull();
    expect(await cancelEmailChange(user.id)).toMatchObject({ ok: false, error: { message: NO_PENDING_CHANGE } });
  });
});
