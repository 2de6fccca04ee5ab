import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";

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

/**
 * Waits out the last `marginSeconds` of a TOTP step: a code made after it for the step before (one step of drift)
 * stays accepted (one step either side) for at least that long, however slow the round trip that checks it.
 */
export async function awayFromStepEnd(marginSeconds = 5) {
  const intoStep = (Date.now() / 1000) % 30;
  if (intoStep > 30 - marginSeconds) await new Promise((resolve) => setTimeout(resolve, (30 - intoStep) * 1000 + 50));
}

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

export type Mail = { envelopeTo: string[]; subject: string; text: string; html: string };

/** Every message the SMTP sink has received for this address so far. */
export function mailTo(address: string): Mail[] {
  const dir = path.join(RUN_DIR, "mail");
  let files: string[] = [];
  try {
    files = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return files
    .filter((f) => f.endsWith(".json")) // not a message the sink is still writing (`.json.part`)
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as Mail)
    .filter((m) => m.envelopeTo.includes(address.toLowerCase()));
}

/**
 * Asserts that `address` has received exactly `count` messages and that no further one arrives: the
 * outbox sends in the background after the response, so "nothing was sent" is only known once the
 * sink has stayed quiet for this address for `quietMs` (a send to the loopback sink takes well under
 * a second; a failed first try would be retried after 2 s, so the default waits past that too).
 */
export async function expectMailSettled(address: string, count: number, quietMs = 3_000): Promise<void> {
  const deadline = Date.now() + 20_000;
  let seen = mailTo(address).length;
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    const now = mailTo(address).length;
    if (now !== seen) [seen, quietSince] = [now, Date.now()];
  }
  expect(seen, `messages to ${address}`).toBe(count);
}

/** Waits for a message to `address` whose subject matches. */
export async function waitForMail(address: string, subject: RegExp, count = 1): Promise<Mail> {
  let found: Mail[] = [];
  await expect
    .poll(() => (found = mailTo(address).filter((m) => subject.test(m.subject))).length, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(count);
  return found[count - 1]!;
}

/** The link in a message, and its token (remembered for the log audit). */
export function linkFrom(mail: Mail): { url: string; token: string } {
  const url = /https?:\/\/\S+[?&]token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  if (!url) throw new Error(`no link in "${mail.subject}"`);
  const token = new URL(url).searchParams.get("token")!;
  remember(token);
  return { url, token };
}

/** Fills and sends the sign-in form on the current page. */
export async function signInWithForm(page: Page, login: string, password: string) {
  await page.getByLabel("Username or email").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Opens the header's account menu (profile, account, security, admin, sign out). */
export async function openAccountMenu(page: Page) {
  await page.getByRole("button", { name: /^Account menu for @/ }).click();
}

/** Signs out the way a person does: the account menu's "Sign out". */
export async function signOutWithMenu(page: Page) {
  await openAccountMenu(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" }).click();
}
