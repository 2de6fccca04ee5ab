import { createServer } from "node:net";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { startMailSink } from "../scripts/mail-sink.mjs";
import { newPerson, remember } from "./helpers";
import { freshDatabase, portFor, startAppServer, type AppServer } from "./servers";

// The mail outbox against production servers on a fresh PostgreSQL database: SMTP down, a server
// killed with SIGKILL before it could send, and the cron route. (Two instances sending each message
// once: e2e/multi-instance.spec.ts, directly and through PgBouncer.) Extra servers on E2E_PORT+60…62.
type Mail = { envelopeTo: string[]; subject: string; text: string };
const adminUrl = process.env.TEST_DATABASE_URL;

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

/** An SMTP port that refuses connections until `up()` starts the sink on it. */
async function smtpLater() {
  const port = await freePort();
  const mail: Mail[] = [];
  let sink: Awaited<ReturnType<typeof startMailSink>> | undefined;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mail,
    up: async () => void (sink ??= await startMailSink({ port, onMessage: (m: Mail) => mail.push(m) })),
    close: () => new Promise<void>((r) => (sink ? sink.server.close(() => r()) : r())),
    to: (address: string) => mail.filter((m) => m.envelopeTo.includes(address)),
  };
}

test.describe("the mail outbox", () => {
  test.skip(!adminUrl, "needs TEST_DATABASE_URL (a PostgreSQL server where a database may be created); CI sets it");
  test.describe.configure({ mode: "serial" });
  test.setTimeout(120_000);

  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const servers: AppServer[] = [];
  const sinks: Awaited<ReturnType<typeof smtpLater>>[] = [];

  test.beforeAll(async () => {
    db = await freshDatabase(adminUrl!);
  });
  test.afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(sinks.map((s) => s.close()));
    await db?.drop();
  });

  async function serve(offset: number, env: Record<string, string>) {
    const server = await startAppServer(portFor(offset), { DATABASE_URL: db.url, ...env });
    servers.push(server);
    return server;
  }

  async function signUp(base: string) {
    const person = newPerson("ob");
    const res = await fetch(`${base}/api/users`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(person),
    });
    expect(res.status).toBe(201);
    return person;
  }

  const requestReset = (base: string, email: string) =>
    fetch(`${base}/api/password-resets`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email }),
    });

  test("SMTP down while a reset is requested: 202 at once, the mail arrives once SMTP is back", async () => {
    const smtp = await smtpLater();
    sinks.push(smtp);
    const server = await serve(60, { SMTP_URL: smtp.url });
    const person = await signUp(server.url);
    const started = Date.now();
    const res = await requestReset(server.url, person.email);
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(5_000); // the request never waited for SMTP
    await new Promise((r) => setTimeout(r, 1_500)); // a first try or two fail meanwhile
    expect(smtp.to(person.email)).toHaveLength(0);
    await smtp.up();
    await expect
      .poll(() => smtp.to(person.email).filter((m) => /Reset/.test(m.subject)).length, { timeout: 30_000 })
      .toBe(1);
    const message = smtp.to(person.email).find((m) => /Reset/.test(m.subject))!;
    remember(/[?&]token=([A-Za-z0-9_-]+)/.exec(message.text)![1]!);
    await server.stop();
  });

  test("the server killed (SIGKILL) between the request and the send: the mail arrives after it starts again", async () => {
    test.setTimeout(150_000);
    const smtp = await smtpLater();
    sinks.push(smtp);
    let server = await serve(61, { SMTP_URL: smtp.url });
    const person = await signUp(server.url);
    expect((await requestReset(server.url, person.email)).status).toBe(202);
    server.child.kill("SIGKILL");
    await server.exited;
    await smtp.up();
    expect(smtp.to(person.email)).toHaveLength(0);
    server = await serve(61, { SMTP_URL: smtp.url });
    // If the killed process had already claimed the row (its first try starts right after the response),
    // the row's 60-second lease must run out before the new process may take it: allow for that, and more.
    await expect
      .poll(() => smtp.to(person.email).filter((m) => /Reset/.test(m.subject)).length, { timeout: 100_000 })
      .toBe(1);
    remember(/[?&]token=([A-Za-z0-9_-]+)/.exec(smtp.to(person.email).find((m) => /Reset/.test(m.subject))!.text)![1]!);
    expect(await server.stop()).toBe(0);
  });

  test("GET /api/cron/maintenance: 401 without or with a wrong secret; with CRON_SECRET it sends and cleans up", async () => {
    const secret = remember("cron-e2e-secret-0123456789abcdefghij");
    const smtp = await smtpLater();
    sinks.push(smtp);
    await smtp.up();
    const server = await serve(62, { SMTP_URL: smtp.url, CRON_SECRET: secret });
    const cron = (authorization?: string) =>
      fetch(`${server.url}/api/cron/maintenance`, { headers: authorization ? { authorization } : {} });
    for (const auth of [undefined, "Bearer wrong", `Bearer ${secret}x`, secret, `Basic ${secret}`]) {
      const res = await cron(auth);
      expect(res.status, String(auth)).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(await res.text()).not.toContain(secret);
    }
    // Work for it: an expired session, and a message whose retry falls due.
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    try {
      const person = await signUp(server.url);
      const id = (await sql<{ id: string }[]>`select id from users where email = ${person.email}`)[0]!.id;
      await sql`insert into sessions (user_id, token_hash, kind, expires_at)
                values (${id}, ${"cron-" + Date.now()}, 'api', now() - interval '1 minute')`;
      const res = await cron(`Bearer ${secret}`);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({ status: "ok", mailProcessed: expect.any(Number) });
      expect(body.deleted.sessions).toBeGreaterThanOrEqual(1);
      const n = (await sql<{ n: number }[]>`select count(*)::int as n from sessions where expires_at < now()`)[0]!.n;
      expect(n).toBe(0);
    } finally {
      await sql.end();
    }
  });
});
