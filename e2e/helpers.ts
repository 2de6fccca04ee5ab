import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";

/** The AUTH_SECRET the test server runs with (playwright.config.ts), for tests that forge cookies. */
export const E2E_AUTH_SECRET = "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";

export const RUN_DIR = path.resolve(process.env.E2E_RUN_DIR ?? ".data/e2e");
const SECRETS_FILE = path.join(RUN_DIR, "secrets.txt");

/** Records a password or token this test used, so the log audit can look for it. */
export function remember(secret: string): string {
  mkdirSync(RUN_DIR, { recursive: true });
  appendFileSync(SECRETS_FILE, secret + "\n");
  return secret;
}

export const SECRETS_PATH = SECRETS_FILE;

let counter = 0;
/** A fresh person: unique username and email, a remembered password. */
export function newPerson(prefix = "p") {
  const id = `${prefix}${Date.now().toString(36)}${process.pid.toString(36)}${(counter++).toString(36)}`;
  return {
    username: id,
    email: `${id}@example.com`,
    // Random, so it never holds the username (the password policy refuses that).
    password: remember(`pw-${randomBytes(6).toString("hex")}-Secret!`),
  };
}

export async function signUpApi(request: APIRequestContext, person = newPerson()) {
  const res = await request.post("/api/users", { data: person });
  expect(res.status()).toBe(201);
  return { person, user: await res.json() };
}

export async function tokenFor(request: APIRequestContext, login: string, password: string): Promise<string> {
  const res = await request.post("/api/sessions", { data: { login, password } });
  expect(res.status()).toBe(201);
  return remember((await res.json()).token);
}

/** Asserts an RFC 9457 problem document with this status, and returns its body. */
export async function expectProblem(res: APIResponse, status: number) {
  expect(res.status()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  const body = await res.json();
  expect(body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  });
  return body;
}
