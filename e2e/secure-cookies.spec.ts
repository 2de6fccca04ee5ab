import { expect, test } from "@playwright/test";
import { newPerson } from "./helpers";
import { portFor, startAppServer, type AppServer } from "./servers";

/**
 * A production server whose APP_URL is https (TLS ends at a proxy in front of it; here we talk to it
 * over plain http, as that proxy would): HSTS on pages, and every cookie Auth.js sets is Secure with a
 * __Secure- or __Host- name.
 */
let server: AppServer;
test.beforeAll(async () => {
  const port = portFor(14);
  server = await startAppServer(port, {
    APP_URL: `https://127.0.0.1:${port}`,
    DATABASE_URL: "",
    PGLITE_DIR: "memory://",
  });
});
test.afterAll(async () => {
  await server?.stop();
});

/** The cookies of a response as `name=value` (for sending back) and their full Set-Cookie lines. */
function setCookies(res: Response) {
  const lines = res.headers.getSetCookie();
  return { lines, header: lines.map((l) => l.split(";")[0]).join("; ") };
}

test("an https APP_URL: HSTS on pages, and __Secure- / __Host- cookies that are Secure", async () => {
  const page = await fetch(`${server.url}/sign-in`);
  expect(page.status).toBe(200);
  expect(page.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);

  const person = newPerson("sec");
  const created = await fetch(`${server.url}/api/users`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(person),
  });
  expect(created.status).toBe(201);

  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const first = setCookies(csrf);
  expect(first.lines.length).toBeGreaterThan(0);
  for (const line of first.lines) {
    expect(line).toMatch(/^__(Host|Secure)-/);
    expect(line).toMatch(/;\s*Secure/i);
  }

  const signIn = await fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: first.header },
    body: new URLSearchParams({
      csrfToken,
      login: person.username,
      password: person.password,
      callbackUrl: "/account",
    }),
  });
  expect(signIn.status).toBe(302);
  const session = setCookies(signIn).lines.find((l) => /accounts\.session=/.test(l));
  expect(session).toMatch(/^__Secure-accounts\.session=[^;]+/);
  expect(session).toMatch(/;\s*Secure/i);
  expect(session).toMatch(/;\s*HttpOnly/i);
  expect(session).toMatch(/;\s*SameSite=Lax/i);
});
