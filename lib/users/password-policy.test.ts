import { describe, expect, it } from "vitest";
import { commonPasswords } from "./common-passwords";
import { PASSWORD_MESSAGES, passwordPolicyProblem } from "./password-policy";

const who = { username: "GraceH", email: "grace.hopper@example.com" };

describe("passwordPolicyProblem", () => {
  it("loads tens of thousands of common passwords once", () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThan(40_000);
    expect(list.has("password")).toBe(true);
    expect(commonPasswords()).toBe(list);
  });

  it.each(["password", "PASSWORD", "Password", "12345678", "qwertyuiop", "iloveyou", "trustno1", "sunshine"])(
    "refuses the common password %s",
    (pw) => {
      expect(passwordPolicyProblem(pw, who)).toBe(PASSWORD_MESSAGES.common);
    },
  );

  it.each([
    "P@ssw0rd1!",
    "Password2024!!",
    "p4$$w0rd",
    "P@SSW0RD!!",
    "!!password",
    "Sunshine123$",
    "l3tm31n!!!",
    "B4s3b4ll#",
    "dr4g0n2020",
    "m0nkey_99",
  ])("refuses the look-alike %s", (pw) => {
    expect(passwordPolicyProblem(pw, who)).toBe(PASSWORD_MESSAGES.lookAlike);
  });

  it.each([
    ["GraceH-is-me", PASSWORD_MESSAGES.username],
    ["my name is graceh", PASSWORD_MESSAGES.username],
    ["GRACE.HOPPER", PASSWORD_MESSAGES.email],
    ["xx-grace.hopper-99", PASSWORD_MESSAGES.email],
    ["grace.hopper@example.com", PASSWORD_MESSAGES.email],
  ])("refuses %s, which holds the username or email", (pw, message) => {
    expect(passwordPolicyProblem(pw, who)).toBe(message);
  });

  it.each([
    "correct horse battery",
    "a good long password",
    "a long password",
    "not the password",
    "Grace is amazing 1906",
    "Tr0ub4dor&3-horse-staple",
    "xK9#mQ2$vLp7",
    "é".repeat(36),
  ])("accepts %s", (pw) => {
    expect(passwordPolicyProblem(pw, who)).toBeNull();
  });

  it("ignores a missing or very short identity", () => {
    expect(passwordPolicyProblem("ab-cd-ef-gh-ij", { username: "ab", email: "ab@x.io" })).toBeNull();
    expect(passwordPolicyProblem("a fine passphrase", {})).toBeNull();
  });
});
