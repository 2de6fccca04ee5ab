import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { signUp } from "./sign-up";

beforeAll(() => getDb()); // migrations run here, outside any test's time limit

let n = 0;
const person = () => {
  const name = `u${Date.now().toString(36)}${(n++).toString(36)}`;
  return { username: name, email: `${name}@example.com`, password: "a good long password" };
};

describe("signUp", () => {
  it("allows 10 sign-ups an hour from one address, not counting invalid input, then says when to retry", async () => {
    const client = { ip: "2001:db8:5::1", userAgent: "vitest" };
    for (let i = 0; i < 3; i++) {
      const invalid = await signUp({ ...person(), password: "short" }, client);
      expect(invalid).toMatchObject({ ok: false, error: { code: "validation" } });
    }
    for (let i = 0; i < 10; i++) expect((await signUp(person(), client)).ok).toBe(true);
    // Another address in the same /64 is the same subscriber.
    const refused = await signUp(person(), { ...client, ip: "2001:db8:5::abcd" });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: "rate_limited", message: "Too many attempts. Try again in 60 minutes." },
    });
    if (!refused.ok) expect(refused.error.retryAfter).toBeGreaterThan(3500);
    expect((await signUp(person(), { ...client, ip: "2001:db8:6::1" })).ok).toBe(true);
  });
});
