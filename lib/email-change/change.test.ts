import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { startMailbox, tokenFrom } from "@/vitest/mailbox";
import { newUser, PASSWORD, NO_CLIENT } from "@/vitest/people";
import { requestPasswordReset } from "../password-reset/request";
import { confirmPasswordReset } from "../password-reset/confirm";
import { editAccount } from "../users/edit-account";
import { confirmEmail } from "../verification/confirm";
import { requestEmailChange } from "./request";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

describe("changing the email address", () => {
  it("needs the current password", async () => {
    const user = await newUser("c");
    expect(await requestEmailChange(user.id, { email: "new@example.com" }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(
      await requestEmailChange(user.id, { email: "new@example.com", currentPassword: "wrong one!" }, NO_CLIENT),
    ).toMatchObject({
      ok: false,
      error: { code: "forbidden", fields: { currentPassword: [expect.any(String)] } },
    });
  });

  it("refuses an address in use with the sign-up conflict", async () => {
    const [a, b] = [await newUser("c"), await newUser("c")];
    expect(
      await editAccount(a.id, { email: b.email.toUpperCase(), currentPassword: PASSWORD }, NO_CLIENT),
    ).toMatchObject({
      ok: false,
      error: { code: "conflict", fields: { email: ["An account with this email already exists."] } },
    });
  });

  it("keeps the old address until the link to the new one is followed; the old one gets a notice; reset links die", async () => {
    const user = await newUser("c");
    const next = `next-${user.email}`;
    await requestPasswordReset({ email: user.email }, NO_CLIENT);
    const resetToken = tokenFrom(await mailbox.waitFor(user.email, /Reset/));

    const edited = await editAccount(
      user.id,
      { email: next, currentPassword: PASSWORD, displayName: "Moved" },
      NO_CLIENT,
    );
    expect(edited).toMatchObject({ ok: true, value: { email: user.email, displayName: "Moved" } });
    const notice = await mailbox.waitFor(user.email, /being changed/);
    expect(notice.text).toContain(next);
    const token = tokenFrom(await mailbox.waitFor(next, /Confirm your new email/));

    expect(await confirmEmail(token, NO_CLIENT)).toMatchObject({ ok: true, value: { email: next, changed: true } });
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.email).toBe(next);
    expect(row!.emailVerifiedAt).toBeInstanceOf(Date);
    expect(
      await confirmPasswordReset({ token: resetToken, newPassword: "hijacked password" }, NO_CLIENT),
    ).toMatchObject({
      ok: false,
    });
  });
});
