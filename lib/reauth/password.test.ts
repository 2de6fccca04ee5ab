import { afterAll, describe, expect, it } from "vitest";
import { startMailbox } from "@/vitest/mailbox";
import { newUser, NO_CLIENT, PASSWORD } from "@/vitest/people";
import { unfoldTries } from "@/vitest/tries";
import { requestEmailChange } from "../email-change/request";
import { changePassword } from "../account/change-password";
import { deleteAccount } from "../account/delete-account";
import { editAccount } from "../account/edit-account";
import { listEvents } from "../security/events";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

async function eventTypes(userId: string) {
  const page = await listEvents(userId, { limit: 100 });
  if (!page.ok) throw new Error("listEvents failed");
  return unfoldTries(page.value.events); // one row per try (failed tries are summarised)
}

const wrongChange = (userId: string) =>
  changePassword(
    userId,
    null,
    { currentPassword: "not my password", newPassword: "a brand new passphrase" },
    NO_CLIENT,
  );

describe("wrong current passwords are counted per account (reauth_account, 5 per 15 minutes)", () => {
  it("5 wrong tries are 403 and each records reauth.failed; then 429 with Retry-After, even for the right password", async () => {
    const user = await newUser("ra");
    for (let i = 0; i < 5; i++)
      expect(await wrongChange(user.id)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const refused = await changePassword(
      user.id,
      null,
      { currentPassword: PASSWORD, newPassword: "a brand new passphrase" },
      NO_CLIENT,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: "rate_limited", retryAfter: expect.any(Number) } });
    if (!refused.ok) {
      expect(refused.error.retryAfter).toBeGreaterThan(0);
      expect(refused.error.retryAfter).toBeLessThanOrEqual(900);
      expect(refused.error.message).toMatch(/^Too many attempts/);
    }
    const events = await eventTypes(user.id);
    const failed = events.filter((e) => e.type === "reauth.failed");
    expect(failed).toHaveLength(5);
    expect(failed[0]!.detail).toEqual({ purpose: "password_change" });
    expect(events.some((e) => e.type === "rate_limit.hit" && e.detail.limit === "reauth_account")).toBe(true);
  });

  it("the three paths share one counter: password change, email change and account deletion", async () => {
    const user = await newUser("ra");
    await wrongChange(user.id);
    await wrongChange(user.id);
    expect(
      await editAccount(user.id, { email: `n-${user.email}`, currentPassword: "not my password" }, NO_CLIENT),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(
      await requestEmailChange(user.id, { email: `n-${user.email}`, currentPassword: "nope nope" }, NO_CLIENT),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await deleteAccount(user.id, { password: "still not it" }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "forbidden", fields: { password: [expect.any(String)] } },
    });
    expect(await deleteAccount(user.id, { password: PASSWORD }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "rate_limited" },
    });
    const purposes = (await eventTypes(user.id)).filter((e) => e.type === "reauth.failed").map((e) => e.detail.purpose);
    expect(purposes.sort()).toEqual([
      "account_delete",
      "email_change",
      "email_change",
      "password_change",
      "password_change",
    ]);
  });

  it("20 wrong tries at once get at most 5 compares (403) and the rest 429", async () => {
    const user = await newUser("ra");
    const results = await Promise.all(Array.from({ length: 20 }, () => wrongChange(user.id)));
    const codes = results.map((r) => (r.ok ? "ok" : r.error.code));
    expect(codes.filter((c) => c === "forbidden")).toHaveLength(5);
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(15);
    expect((await eventTypes(user.id)).filter((e) => e.type === "reauth.failed")).toHaveLength(5);
  });

  it("a right password gives its claim back: it never uses up the allowance", async () => {
    const user = await newUser("ra");
    for (let i = 0; i < 4; i++) await wrongChange(user.id);
    for (let i = 0; i < 3; i++) {
      const other = `r${i}-${user.email}`;
      // Right password (the email-change limit of 3 an hour is not reached either).
      expect(await requestEmailChange(user.id, { email: other, currentPassword: PASSWORD }, NO_CLIENT)).toMatchObject({
        ok: true,
      });
    }
    expect(await wrongChange(user.id)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await wrongChange(user.id)).toMatchObject({ ok: false, error: { code: "rate_limited" } });
  });

  it("is per account: another account is not affected", async () => {
    const [a, b] = [await newUser("ra"), await newUser("ra")];
    for (let i = 0; i < 6; i++) await wrongChange(a.id);
    expect(await wrongChange(b.id)).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });
});
