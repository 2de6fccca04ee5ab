import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import {
  checkedRequest,
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
  type Page,
} from "./api-test";
import { newPerson, remember, signUpApi, tokenFor } from "./helpers";
import { freshDatabase, portFor, startAppServer, type AppServer } from "./servers";

/**
 * Generated hostile requests at every route of the API (walked from app/api/**\/route.ts, so a new
 * route is covered), signed out and signed in: hostile path segments (NUL, lone surrogates as bytes,
 * stray "%"), query strings, JSON bodies (deep, `__proto__` keys, 1e308, huge strings) and bodies that
 * are not JSON at all. Every answer: no 5xx, no Set-Cookie on an error, no password hash, token hash or
 * password in a body, no token but the one a sign-in hands out. The log-audit project then checks the
 * server log.
 *
 * Seeded: the seed is printed (and annotated on the test); replay a failure with HOSTILE_SEED=<seed> and
 * HOSTILE_RUNS at least the run count it printed (the n-th request depends only on the seed and n).
 * Bounded: HOSTILE_RUNS requests per test (default 800) and at most 50 s of them.
 */

const SEED = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : Date.now() % 2 ** 31;
const RUNS = Number(process.env.HOSTILE_RUNS ?? 800);
const TIME_MS = 50_000;

type ApiRoute = { file: string; pattern: string[]; methods: string[] };

/** app/api/**\/route.ts → its path segments (`[id]`, `[...rest]` kept as placeholders) and exported methods. */
function apiRoutes(): ApiRoute[] {
  const root = path.resolve("app/api");
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => /(^|\/)route\.ts$/.test(f));
  return files.map((file) => {
    const source = readFileSync(path.join(root, file), "utf8");
    const methods = new Set<string>();
    for (const m of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g))
      methods.add(m[1]!);
    for (const m of source.matchAll(/export\s+const\s*\{([^}]*)\}/g))
      for (const name of m[1]!.split(",").map((s) => s.trim()))
        if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(name)) methods.add(name);
    const pattern = path.dirname(file) === "." ? [] : path.dirname(file).split(path.sep);
    return {
      file: `app/api/${file}`,
      pattern: ["api", ...pattern.filter((s) => !/^\(.*\)$/.test(s))],
      methods: [...methods],
    };
  });
}

const ROUTES = apiRoutes();

// ---- hostile pieces ---------------------------------------------------------------------------

const HOSTILE_TEXT = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "a\uDFFFb",
  "\u202Eevil",
  "\r\n",
  "__proto__",
  "constructor",
  "1e308",
  "-1",
  "0",
  "NaN",
  "9007199254740993",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "ａｄｍｉｎ",
  "../../etc/passwd",
  "me",
  "current",
  "00000000-0000-0000-0000-000000000000",
  "x".repeat(5_000),
  "😀".repeat(500),
];

const codeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
  maxLength: 30,
});
const text = fc.oneof(fc.constantFrom(...HOSTILE_TEXT), codeUnits, fc.string({ unit: "binary", maxLength: 30 }));

/** Percent-encodes any JS string, a lone surrogate included (as the bytes WTF-8 gives it: not UTF-8). */
function percentEncode(value: string): string {
  let out = "";
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => "%" + b.toString(16).toUpperCase())
        .join("");
    } else out += encodeURIComponent(char);
  }
  return out;
}

/** Raw pieces of a URL that are not well-formed percent-encoding at all. */
const rawPiece = fc.constantFrom("%", "%zz", "%C3", "%ED%A0%80", "%00", "%2F", "%2e%2e", "%FF%FE", "%E2%82");
const segment = fc.oneof(
  text.map(percentEncode),
  rawPiece,
  fc.tuple(text, rawPiece).map(([t, r]) => percentEncode(t) + r),
);

const QUERY_KEYS = ["cursor", "limit", "callbackUrl", "token", "error", "csrf", "json", "__proto__", "constructor"];
const queryPair = fc.tuple(
  fc.oneof(fc.constantFrom(...QUERY_KEYS), segment),
  fc.oneof(segment, fc.constantFrom("1", "100", "101", "1e308", "-5", "")),
);
const query = fc
  .array(queryPair, { maxLength: 4 })
  .map((pairs) => (pairs.length ? "?" + pairs.map(([k, v]) => `${k}=${v}`).join("&") : ""));

const BODY_KEYS = [
  "login",
  "password",
  "username",
  "email",
  "displayName",
  "avatarUrl",
  "bio",
  "token",
  "newPassword",
  "currentPassword",
  "confirmPassword",
  "cursor",
  "limit",
  "__proto__",
  "constructor",
];
const number = fc.oneof(
  fc.constantFrom(1e308, -1e308, -0, 0, 2 ** 53 + 2, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const leaf = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const { json } = fc.letrec((tie) => ({
  json: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object")),
  array: fc.array(tie("json"), { maxLength: 4 }),
  object: fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...BODY_KEYS), text), tie("json")), { maxLength: 6 })
    .map((entries) => Object.fromEntries(entries)),
}));
/** An object with the routes' own field names, hostile values. JSON.stringify keeps an own `__proto__` key. */
const aimedObject = fc
  .array(fc.tuple(fc.constantFrom(...BODY_KEYS), fc.oneof(leaf, leaf, json)), { minLength: 1, maxLength: 8 })
  .map((entries) => Object.fromEntries(entries));
const deep = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean())
  .map(([depth, asArray]) =>
    asArray ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth),
  );

/**
 * A body that would pass every route's rules (a fresh name and address, long passwords, a token of the
 * right shape) with one to three fields made hostile: the only way a hostile value gets past the other
 * fields' checks and as far as the database. Its passwords are remembered for the log audit.
 */
const plausible = fc
  .tuple(
    fc.nat(),
    fc.string({ unit: fc.constantFrom(..."ABCDEFabcdef_-"), minLength: 43, maxLength: 43 }),
    fc.array(fc.tuple(fc.constantFrom(...BODY_KEYS), fc.oneof(text, leaf, json)), { minLength: 1, maxLength: 3 }),
  )
  .map(([n, token, overrides]) => {
    const name = `h${SEED.toString(36)}x${n.toString(36)}`;
    const password = `Hostile-${SEED}-${n}-Pw!`;
    return Object.fromEntries([
      ...Object.entries({
        login: name,
        password,
        username: name,
        email: `${name}@example.com`,
        displayName: "Ada",
        avatarUrl: "https://example.com/a.png",
        bio: "Hello there",
        token,
        newPassword: password + "2",
        currentPassword: password,
        confirmPassword: password,
      }),
      ...overrides,
    ]);
  });

type Body = { contentType?: string; data?: string | Buffer };
const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 5, arbitrary: plausible.map((v) => ({ contentType: "application/json", data: JSON.stringify(v) })) },
  { weight: 5, arbitrary: aimedObject.map((v) => ({ contentType: "application/json", data: JSON.stringify(v) })) },
  { weight: 2, arbitrary: json.map((v) => ({ contentType: "application/json", data: JSON.stringify(v) ?? "null" })) },
  { weight: 1, arbitrary: deep.map((data) => ({ contentType: "application/json", data })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Body>(
      {},
      { contentType: "application/json", data: "" },
      { contentType: "application/json", data: "{" },
      { contentType: "application/json", data: Buffer.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d]) },
      { contentType: "application/json", data: "x".repeat(70_000) },
      { contentType: "text/plain", data: '{"login":"a","password":"b"}' },
      { contentType: "application/x-www-form-urlencoded", data: "login=a%00&password=%ED%A0%80" },
      { contentType: "application/json; charset=utf-16", data: '{"a":1}' },
    ),
  },
);

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

type HostileRequest = { route: ApiRoute; method: string; url: string; body: Body };

const hostileRequest: fc.Arbitrary<HostileRequest> = fc
  .tuple(
    fc.constantFrom(...ROUTES),
    fc.nat(),
    fc.boolean(),
    fc.array(segment, { minLength: 1, maxLength: 3 }),
    query,
    body,
  )
  .map(([route, pick, ownMethod, segments, q, b]) => {
    const methods = ownMethod && route.methods.length ? route.methods : METHODS;
    const method = methods[pick % methods.length]!;
    const parts = route.pattern.flatMap((p, i) =>
      p.startsWith("[...") ? segments : p.startsWith("[") ? [segments[i % segments.length]!] : [p],
    );
    // Next.js answers a path with dot segments with a redirect that repeats the URL in two headers: past
    // ~8 KB the answer's headers outgrow what an HTTP client reads. Longer queries are dropped.
    const path = "/" + parts.join("/");
    return { route, method, url: path.length + q.length > 7_000 ? path : path + q, body: b };
  });

// ---- the checks -------------------------------------------------------------------------------

async function send(request: APIRequestContext, r: HostileRequest, token: string | null) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (r.body.contentType) headers["content-type"] = r.body.contentType;
  for (const pw of String(r.body.data ?? "").match(/Hostile-\d+-\d+-Pw!2?/g) ?? []) remember(pw);
  const response = await request.fetch(r.url, {
    method: r.method,
    headers,
    data: r.method === "GET" ? undefined : r.body.data,
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  return { status: response.status(), headers: response.headersArray(), text: await response.text() };
}

function check(r: HostileRequest, res: Awaited<ReturnType<typeof send>>, secrets: string[]) {
  const where = `${r.method} ${r.url.slice(0, 300)} (${r.route.file}) → ${res.status}`;
  expect(res.status, `${where}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) {
    const cookies = res.headers.filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
    expect(cookies, `${where}: Set-Cookie on an error`).toEqual([]);
  }
  expect(res.text, `${where}: a bcrypt hash in the body`).not.toMatch(/\$2[aby]\$\d\d\$/);
  expect(res.text, `${where}: a hash column in the body`).not.toMatch(/password_?hash|token_?hash/i);
  for (const secret of secrets) expect(res.text.includes(secret), `${where}: a secret in the body`).toBe(false);
}

/** Runs the generated requests; `token()` gives the bearer token to send (null when signed out). */
async function run(
  request: APIRequestContext,
  label: string,
  token: () => Promise<string | null>,
  secrets: string[],
  runs = RUNS,
) {
  test.info().annotations.push({ type: "seed", description: `HOSTILE_SEED=${SEED}` });
  console.log(
    `[hostile] ${label}: seed ${SEED} (replay with HOSTILE_SEED=${SEED} HOSTILE_RUNS=${runs}), ${ROUTES.length} route files`,
  );
  await fc.assert(
    fc.asyncProperty(hostileRequest, async (r) => {
      // The caller's own bearer token never comes back in a body (a sign-in's 201 carries a new one).
      const bearer = await token();
      const res = await send(request, r, bearer);
      check(r, res, bearer ? [...secrets, bearer] : secrets);
    }),
    { seed: SEED, numRuns: runs, interruptAfterTimeLimit: TIME_MS, markInterruptAsFailure: false, endOnFailure: true },
  );
}

/** Signed in as a fresh account; generated requests may end its session, so a new one is taken then. */
async function signedIn(request: APIRequestContext, runs = RUNS, label = "signed in") {
  const { person } = await signUpApi(request);
  // Generated requests may end this session (DELETE /api/sessions/current): a new one then.
  let token = await tokenFor(request, person.email, person.password);
  const secrets = [person.password];
  await run(
    request,
    label,
    async () => {
      const me = await request.get("/api/users/me", { headers: { authorization: `Bearer ${token}` } });
      if (me.status() === 401) token = await tokenFor(request, person.email, person.password);
      return token;
    },
    secrets,
    runs,
  );
  remember(token);
}

/** The cases the issue reported, and the pages and Auth.js endpoints around them. */
async function reportedCases(request: APIRequestContext, page: Page, base: string) {
  const person = newPerson();
  await signUpApi(request, person);
  const token = await tokenFor(request, person.username, person.password);
  const auth = { authorization: `Bearer ${token}` };
  for (const url of [
    "/api/users/a%00b",
    "/api/users/%00",
    "/api/users/%ED%A0%80",
    "/api/users/%zz",
    "/api/users/%C3",
  ]) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(404);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
  }
  for (const url of ["/api/sessions/%ED%A0%80", "/api/sessions/a%00b", "/api/sessions/%25"]) {
    expect((await request.delete(url, { headers: auth })).status(), url).toBe(404);
    expect((await request.delete(url)).status(), url).toBe(401);
  }
  for (const q of ["?limit=abc", "?cursor=%00", "?cursor=%ED%A0%80", "?limit=1&limit=2"]) {
    expect((await request.get(`/api/users/me/events${q}`, { headers: auth })).status(), q).toBe(400);
  }
  for (const url of ["/u/a%00b", "/u/%ED%A0%80", "/u/%zz"]) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(404);
    // The profile's own not-found page, which names nothing it was given that is not a username.
    await page.goto(new URL(url, base).toString());
    await expect(page.getByRole("heading", { name: "No one here goes by that name" }), url).toBeVisible();
  }
  // A path naming no Auth.js action is a 404 problem before Auth.js runs; its own endpoints still answer.
  for (const url of ["/api/auth/%00", "/api/auth/a/b/c", "/api/auth/%ED%A0%80", "/api/auth/callback/%00"]) {
    const res = await request.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBe(404);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
  }
  expect((await request.get("/api/auth/session")).status()).toBe(200);
  expect((await request.get("/api/auth/providers")).status()).toBe(200);
  // Auth.js's own sign-in endpoint, with its CSRF token, given hostile credentials as JSON and as a form.
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  for (const login of ["a\udc5b", "\ud800", "a\u0000b", "%ED%A0%80", "x".repeat(5000)]) {
    const credentials = { csrfToken, login, password: "whatever-it-is-1" };
    const asJson = await request.post("/api/auth/callback/credentials", {
      headers: { "content-type": "application/json" },
      data: JSON.stringify(credentials),
      maxRedirects: 0,
    });
    expect(asJson.status(), `JSON ${JSON.stringify(login).slice(0, 40)}`).toBeLessThan(500);
    const asForm = await request.post("/api/auth/callback/credentials", { form: credentials, maxRedirects: 0 });
    expect(asForm.status(), `form ${JSON.stringify(login).slice(0, 40)}`).toBeLessThan(500);
  }
  // A good name is still found, by its own segment and by a lenient one.
  expect((await request.get(`/api/users/${person.username}`)).status()).toBe(200);
  expect((await request.get(`/u/${person.username.toUpperCase()}`)).status()).toBe(200);
  // The pages that read a query string never fail on one.
  for (const url of [
    "/sign-in?callbackUrl=%ED%A0%80",
    "/sign-in?callbackUrl=%00&callbackUrl=//evil.example",
    "/reset-password?token=%00",
    "/reset-password?token=a&token=b",
    "/verify-email?token=%ED%A0%80",
    "/?cursor=%ED%A0%80",
    "/?cursor=a&cursor=b",
  ]) {
    expect((await request.get(url, { maxRedirects: 0 })).status(), url).toBe(200);
  }
}

test.describe("hostile requests at every API route", () => {
  test.describe.configure({ timeout: 120_000 });

  test("finds the route files", () => {
    const urls = ROUTES.map((r) => "/" + r.pattern.join("/"));
    expect(urls).toEqual(
      expect.arrayContaining([
        "/api/users",
        "/api/users/[username]",
        "/api/sessions/[id]",
        "/api/users/me/events",
        "/api/auth/[...nextauth]",
      ]),
    );
    for (const r of ROUTES) expect(r.methods.length, r.file).toBeGreaterThan(0);
  });

  test("signed out", async ({ request }) => {
    await run(request, "signed out", async () => null, []);
  });

  test("signed in", ({ request }) => signedIn(request));

  test("pages that take a path or query parameter", async ({ request }) => {
    const PAGES = [
      "/u/[username]",
      "/sign-in",
      "/reset-password",
      "/verify-email",
      "/",
      "/posts/[id]",
      "/posts/[id]/edit",
    ];
    const pageRequest = fc
      .tuple(fc.constantFrom(...PAGES), segment, query)
      .map(([page, seg, q]) => page.replace("[username]", seg).replace("[id]", seg) + q);
    test.info().annotations.push({ type: "seed", description: `HOSTILE_SEED=${SEED}` });
    console.log(`[hostile] pages: seed ${SEED} (replay with HOSTILE_SEED=${SEED} HOSTILE_RUNS=${RUNS})`);
    await fc.assert(
      fc.asyncProperty(pageRequest, async (url) => {
        const started = Date.now();
        // A transport failure names the URL and how long it took (the bare error names neither).
        const response = await request.get(url, { maxRedirects: 0, failOnStatusCode: false }).catch((error) => {
          throw new Error(
            `HOSTILE_SEED=${SEED}: GET ${url.slice(0, 300)} (${url.length} chars) failed after ${Date.now() - started} ms: ${String(error).split("\n")[0]}`,
          );
        });
        expect(response.status(), url).toBeLessThan(500);
        if (response.status() >= 400) expect(response.headers()["set-cookie"], url).toBeUndefined();
      }),
      {
        seed: SEED,
        numRuns: Math.ceil(RUNS / 4),
        interruptAfterTimeLimit: TIME_MS / 2,
        markInterruptAsFailure: false,
        endOnFailure: true,
      },
    );
  });

  test("the reported cases", ({ request, page, baseURL }) => reportedCases(request, page, baseURL!));
});

// The same against a production server on a fresh PostgreSQL database (the main server runs on PGlite):
// PostgreSQL refuses what PGlite takes and the other way round (a NUL, a lone surrogate).
const adminUrl = process.env.TEST_DATABASE_URL;

test.describe("hostile requests on PostgreSQL", () => {
  test.skip(!adminUrl, "needs TEST_DATABASE_URL (a PostgreSQL server where a database may be created); CI sets it");
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let server: AppServer;
  let api: APIRequestContext;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    db = await freshDatabase(adminUrl!);
    server = await startAppServer(portFor(12), { DATABASE_URL: db.url });
    api = await checkedRequest(await playwrightRequest.newContext({ baseURL: server.url }), server.url);
  });

  test.afterAll(async () => {
    await api?.dispose();
    await server?.stop();
    await db?.drop();
  });

  test("signed out and signed in", async () => {
    await run(api, "PostgreSQL, signed out", async () => null, [], Math.ceil(RUNS / 2));
    await signedIn(api, Math.ceil(RUNS / 2), "PostgreSQL, signed in");
  });

  test("the reported cases", ({ page }) => reportedCases(api, page, server.url));
});
