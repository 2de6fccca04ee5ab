import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { RUN_DIR, SECRETS_PATH } from "./helpers";

// Runs after every other spec (a project dependency): no password or token the tests used may
// appear anywhere in the server's log, and no bcrypt hash either.
test("the server log holds no password, token or hash", () => {
  const log = readFileSync(path.join(RUN_DIR, "server.log"), "utf8");
  const secrets = readFileSync(SECRETS_PATH, "utf8").split("\n").filter(Boolean);
  expect(secrets.length).toBeGreaterThan(10);
  expect(log.length).toBeGreaterThan(0);
  const leaked = secrets.filter((s) => log.includes(s));
  expect(leaked).toEqual([]);
  expect(log).not.toMatch(/\$2[aby]\$\d\d\$/);
});

// One-time codes (e2e/two-factor.spec.ts) are six digits: looked for as whole words, not inside longer runs.
test("the server log holds no one-time code the two-factor tests used", () => {
  const log = readFileSync(path.join(RUN_DIR, "server.log"), "utf8");
  let codes: string[] = [];
  try {
    codes = readFileSync(path.join(RUN_DIR, "otp-codes.txt"), "utf8").split("\n").filter(Boolean);
  } catch {
    test.skip(true, "the two-factor spec did not run");
  }
  const leaked = codes.filter((c) => new RegExp(`(?<![0-9A-Za-z])${c}(?![0-9A-Za-z])`).test(log));
  expect(leaked).toEqual([]);
});

// Sign-in emails' 8-digit codes (e2e/email-sign-in.spec.ts), as whole words; their links' tokens are in secrets.txt.
test("the server log holds no sign-in link or emailed code", () => {
  const log = readFileSync(path.join(RUN_DIR, "server.log"), "utf8");
  let codes: string[] = [];
  try {
    codes = readFileSync(path.join(RUN_DIR, "email-sign-in-codes.txt"), "utf8").split("\n").filter(Boolean);
  } catch {
    test.skip(true, "the email sign-in spec did not run");
  }
  expect(log).not.toContain("/sign-in/email/link?token=");
  const leaked = codes.filter((c) => new RegExp(`(?<![0-9A-Za-z])${c}(?![0-9A-Za-z])`).test(log));
  expect(leaked).toEqual([]);
});
