import http from "node:http";
import { createServer } from "node:net";
import {
  checkedRequest,
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
  type APIResponse,
} from "./api-test";
import { expectProblem, newPerson, remember, signInWithForm } from "./helpers";
import { ownPostgres, portFor, startAppServer, type AppServer } from "./servers";

// PostgreSQL goes away and comes back under a running production server; then the server is stopped
// with SIGTERM while a sign-in is in flight. Uses a PostgreSQL of its own (never the shared one).

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A request on a connection of its own (no keep-alive pool), so "refused" means a new connection. */
function rawRequest(url: string, method: string, body?: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false, headers: { "content-type": "application/json" } }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function expectOutageProblem(res: APIResponse) {
  const body = await expectProblem(res, 503);
  expect(body.type).toMatch(/\/unavailable$/);
  expect(res.headers()["retry-after"]).toBe("5");
  expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|\bat \S+:\d+|postgres:\/\//);
}

test.describe("when PostgreSQL goes away", () => {
  test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL's PostgreSQL 15 binaries; CI sets it");
  test.describe.configure({ mode: "serial" });
  test.setTimeout(120_000);

  let pg: ReturnType<typeof ownPostgres>;
  let server: AppServer;
  let api: APIRequestContext;
  const person = newPerson("out");
  let token = "";

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    pg = ownPostgres(await freePort());
    pg.start();
    // A slow bcrypt cost, so a sign-in is still running when SIGTERM arrives in the last test.
    server = await startAppServer(portFor(20), { DATABASE_URL: pg.url, BCRYPT_COST: "13" });
    api = await checkedRequest(
      await playwrightRequest.newContext({ baseURL: server.url, timeout: 20_000 }),
      server.url,
    );
    expect((await api.post("/api/users", { data: person })).status()).toBe(201);
    const res = await api.post("/api/sessions", { data: { login: person.username, password: person.password } });
    expect(res.status()).toBe(201);
    token = remember((await res.json()).token);
    // A browser session too (Auth.js's credentials callback), for a page that needs the database.
    const { csrfToken } = await (await api.get("/api/auth/csrf")).json();
    const cb = await api.post("/api/auth/callback/credentials", {
      form: { csrfToken, login: person.username, password: person.password },
      maxRedirects: 0,
    });
    expect(cb.status()).toBe(302);
    expect(await (await api.get("/account")).text()).toContain(person.email);
  });

  test.afterAll(async () => {
    await api?.dispose();
    await server?.stop();
    pg?.destroy();
  });

  test("health, API calls and pages answer 503 within seconds while it is down, and nothing is half-written", async ({
    page: browser,
  }) => {
    pg.stop();
    const started = Date.now();
    await expectOutageProblem(await api.get("/api/health"));
    expect(Date.now() - started).toBeLessThan(8_000);

    await expectOutageProblem(
      await api.post("/api/sessions", { data: { login: person.username, password: person.password } }),
    );
    await expectOutageProblem(await api.get("/api/users/me", { headers: { authorization: `Bearer ${token}` } }));
    const newcomer = newPerson("out");
    await expectOutageProblem(await api.post("/api/users", { data: newcomer }));

    // A page that needs the database answers too, without hanging (the error page, not a stack trace).
    const page = await api.get("/account", { maxRedirects: 0 });
    expect(page.status()).toBe(503);
    expect(await page.text()).not.toMatch(/ECONNREFUSED|\bat \S+:\d+/);

    // The sign-in form says the service is down, not "incorrect password".
    await browser.goto(`${server.url}/sign-in`);
    await signInWithForm(browser, person.username, person.password);
    await expect(browser.getByText("The service is not answering right now")).toBeVisible({ timeout: 15_000 });

    pg.start();
    await expect.poll(async () => (await api.get("/api/health")).status(), { timeout: 30_000 }).toBe(200);
    // Served again without a restart: the old token works, and the sign-up refused during the outage left nothing.
    expect((await api.get("/api/users/me", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);
    expect((await api.post("/api/users", { data: newcomer })).status()).toBe(201);
  });

  test("SIGTERM: no new connections, the sign-in in flight still gets its 201, exit code 0", async () => {
    const inFlight = rawRequest(`${server.url}/api/sessions`, "POST", {
      login: person.username,
      password: person.password,
    });
    await new Promise((r) => setTimeout(r, 150));
    server.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 100));
    await expect(rawRequest(`${server.url}/api/health`, "GET")).rejects.toThrow(/ECONNREFUSED|ECONNRESET/);
    const res = await inFlight;
    expect(res.status).toBe(201);
    remember(JSON.parse(res.text).token);
    expect(await server.exited).toBe(0);
  });
});
