import { afterAll, describe, expect, it } from "vitest";
import { startMailbox } from "@/vitest/mailbox";
import { newUser, NO_CLIENT, PASSWORD } from "@/vitest/people";
import { requestEmailChange } from "./request";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

const ask = (userId: string, email: string) =>
  requestEmailChange(userId, { email, currentPassword: PASSWORD }, NO_CLIENT);

describe("email change is not a mail cannon", () => {
  it("3 requests an hour per account, then 429 with Retry-After, and no more mail", async () => {
    const user = await newUser("el");
    for (let i = 0; i < 3; i++) expect(await ask(user.id, `t${i}-${user.email}`)).toMatchObject({ ok: true });
    const refused = await ask(user.id, `t3-${user.email}`);
    expect(refused).toMatchObject({ ok: false, error: { code: "rate_limited", retryAfter: expect.any(Number) } });
    if (!refused.ok) expect(refused.error.retryAfter).toBeGreaterThan(3000);
    await mailbox.waitFor(`t2-${user.email}`, /Confirm your new email/);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailbox.sentTo(`t3-${user.email}`)).toHaveLength(0);
  });

  it("3 requests an hour to one target address, from any accounts", async () => {
    const target = `target-${Date.now()}@example.com`;
    for (let i = 0; i < 3; i++) expect(await ask((await newUser("el")).id, target)).toMatchObject({ ok: true });
    expect(await ask((await newUser("el")).id, target.toUpperCase())).toMatchObject({
      ok: false,
      error: { code: "rate_limited" },
    });
  });
});
