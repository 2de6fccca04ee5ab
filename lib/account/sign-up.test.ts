import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { signUp, signUpForm, usernameProblem } from "./sign-up";

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

describe("signUpForm", () => {
  it("answers every problem at once: taken username and email, common password, differing confirmation", async () => {
    const client = { ip: "2001:db8:7::1", userAgent: "vitest" };
    const holder = person();
    expect((await signUp(holder, client)).ok).toBe(true);
    const answer = await signUpForm(
      { username: holder.username.toUpperCase(), email: holder.email, password: "sunshine", confirmPassword: "x" },
      client,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: "validation", message: "Some fields need attention." } });
    if (answer.ok) return;
    expect(answer.error.fields).toEqual({
      username: ["This username is taken."],
      email: ["An account with this email already exists."],
      password: [expect.stringMatching(/most common passwords/)],
      confirmPassword: ["The passwords do not match."],
    });
  });

  it("counts each look-up against the sign-up limit, valid or not, and says nothing of availability past it", async () => {
    const client = { ip: "2001:db8:8::1", userAgent: "vitest" };
    // Nothing well-formed to look up: not counted.
    for (let i = 0; i < 3; i++)
      await signUpForm({ username: "x", email: "nope", password: "p", confirmPassword: "p" }, client);
    for (let i = 0; i < 9; i++) {
      const p = person();
      expect(await signUpForm({ ...p, password: "short", confirmPassword: "short" }, client)).toMatchObject({
        ok: false,
      });
    }
    expect(await usernameProblem(person().username, client)).toBeNull(); // the 10th
    const holder = person();
    const refused = await signUpForm({ ...holder, password: "short", confirmPassword: "short" }, client);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: "rate_limited", fields: { password: [expect.any(String)] } },
    });
    if (!refused.ok) expect(refused.error.fields?.username).toBeUndefined();
    expect(await signUpForm({ ...person(), confirmPassword: person().password }, client)).toMatchObject({
      ok: false,
      error: { code: "rate_limited" },
    });
  });

  it("signs up with valid input, counting one try", async () => {
    const client = { ip: "2001:db8:9::1", userAgent: "vitest" };
    const p = person();
    expect(await signUpForm({ ...p, confirmPassword: p.password }, client)).toMatchObject({
      ok: true,
      value: { username: p.username },
    });
    expect(await usernameProblem(p.username, client)).toBe("This username is taken.");
    expect(await usernameProblem("a", client)).toBe("Use at least 3 characters.");
  });
});
