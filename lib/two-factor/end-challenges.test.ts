import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mfaChallenges } from "@/db/schema";
import { startMailbox } from "@/vitest/mailbox";
import { NO_CLIENT, PASSWORD } from "@/vitest/people";
import { challengeFor, codeAt, enrolled } from "@/vitest/two-factor";
import { issueEmailToken } from "../email-tokens/tokens";
import { confirmPasswordReset } from "../password-reset/confirm";
import { changePassword } from "../account/change-password";
import { CHALLENGE_GONE, completeMfaSignIn } from "../auth/second-step";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

const NEW_PASSWORD = "another good long password";
const gone = { ok: false, error: { code: "unauthorized", message: CHALLENGE_GONE } };

async function challengesOf(userId: string) {
  const db = await getDb();
  return db.select({ id: mfaChallenges.id }).from(mfaChallenges).where(eq(mfaChallenges.userId, userId));
}

describe("a new password ends the account's pending two-factor sign-ins", () => {
  it("a password change: challenges opened before it (API and browser) cannot complete; one opened after can", async () => {
    const { user, caller, secret } = await enrolled();
    const other = await enrolled();
    const api = await challengeFor(user.username, "api");
    const browser = await challengeFor(user.username, "browser");
    const othersChallenge = await challengeFor(other.user.username);

    const changed = await changePassword(
      user.id,
      caller.session.id,
      { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      NO_CLIENT,
    );
    expect(changed.ok).toBe(true);
    expect(await challengesOf(user.id)).toHaveLength(0);

    const code = await codeAt(secret, 1);
    expect(await completeMfaSignIn({ challenge: api, code }, "api", NO_CLIENT)).toEqual(gone);
    expect(await completeMfaSignIn({ challenge: browser, code }, "browser", NO_CLIENT)).toEqual(gone);
    // Another account's pending sign-in is not touched.
    expect(await challengesOf(other.user.id)).toHaveLength(1);
    expect(
      await completeMfaSignIn({ challenge: othersChallenge, code: await codeAt(other.secret, 1) }, "api", NO_CLIENT),
    ).toMatchObject({ ok: true });
    // The same code with a challenge from the new password signs in.
    const fresh = await challengeFor(user.username, "api", NEW_PASSWORD);
    expect(await completeMfaSignIn({ challenge: fresh, code }, "api", NO_CLIENT)).toMatchObject({
      ok: true,
      value: { user: { id: user.id } },
    });
  });

  it("a password reset: a challenge opened before it cannot complete; one opened after can", async () => {
    const { user, secret } = await enrolled();
    const before = await challengeFor(user.username);
    const token = await issueEmailToken(user.id, "reset_password", user.email, 60);

    expect(await confirmPasswordReset({ token, newPassword: NEW_PASSWORD }, NO_CLIENT)).toEqual({
      ok: true,
      value: { userId: user.id },
    });
    expect(await challengesOf(user.id)).toHaveLength(0);

    const code = await codeAt(secret, 1);
    expect(await completeMfaSignIn({ challenge: before, code }, "api", NO_CLIENT)).toEqual(gone);
    const fresh = await challengeFor(user.username, "api", NEW_PASSWORD);
    expect(await completeMfaSignIn({ challenge: fresh, code }, "api", NO_CLIENT)).toMatchObject({
      ok: true,
      value: { user: { id: user.id } },
    });
  });
});
