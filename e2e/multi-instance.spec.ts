import { checkedRequest, expect, request as playwrightRequest, test, type APIRequestContext } from "./api-test";
import { expectProblem, newPerson, remember } from "./helpers";
import { startMailSink } from "../scripts/mail-sink.mjs";
import { freshDatabase, portFor, startAppServer, type AppServer } from "./servers";

type Mail = { envelopeTo: string[]; subject: string; text: string };

// Two production servers on one PostgreSQL: everything they share lives in the database. Run twice:
// straight to PostgreSQL, and through PgBouncer in transaction mode (TEST_PGBOUNCER_URL, started by
// .ci/run with scripts/start-pgbouncer.sh), as Vercel deployments reach their database, with
// DATABASE_PREPARE=false and the migrations on DATABASE_DIRECT_URL.
const adminUrl = process.env.TEST_DATABASE_URL;
const pgbouncerUrl = process.env.TEST_PGBOUNCER_URL;

const modes = [
  { name: "several instances, one PostgreSQL", ports: [10, 11], pooler: false },
  { name: "several instances, one PostgreSQL behind PgBouncer (transaction mode)", ports: [63, 64], pooler: true },
];

for (const mode of modes)
  test.describe(mode.name, () => {
    test.skip(!adminUrl, "needs TEST_DATABASE_URL (a PostgreSQL server where a database may be created); CI sets it");
    test.skip(
      mode.pooler && !pgbouncerUrl,
      "needs TEST_PGBOUNCER_URL (PgBouncer in transaction mode in front of TEST_DATABASE_URL's server; scripts/start-pgbouncer.sh, CI sets it)",
    );
    test.describe.configure({ mode: "serial" });
    test.setTimeout(120_000);

    let db: Awaited<ReturnType<typeof freshDatabase>>;
    let servers: AppServer[] = [];
    let a: APIRequestContext;
    let b: APIRequestContext;
    const mail: Mail[] = [];
    let sink: Awaited<ReturnType<typeof startMailSink>>;

    test.beforeAll(async () => {
      test.setTimeout(180_000);
      db = await freshDatabase(adminUrl!);
      sink = await startMailSink({ port: 0, onMessage: (m: Mail) => mail.push(m) });
      const shared: Record<string, string> = {
        DATABASE_URL: db.url,
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        // Every request comes from 127.0.0.1: the per-address sign-up and reset limits are out of the way.
        LIMIT_SIGN_UP_IP: "1000/3600",
        LIMIT_RESET_IP: "1000/3600",
      };
      if (mode.pooler) {
        const pooled = new URL(pgbouncerUrl!);
        pooled.pathname = new URL(db.url).pathname;
        Object.assign(shared, {
          DATABASE_URL: pooled.toString(),
          DATABASE_PREPARE: "false",
          DATABASE_DIRECT_URL: db.url,
        });
      }
      // Both start at once: migrations are serialised by the advisory lock (on the direct connection).
      servers = await Promise.all(mode.ports.map((offset) => startAppServer(portFor(offset), shared)));
      // Every answer of either instance is checked against the OpenAPI document (e2e/api-test.ts).
      const checked = (s: AppServer) =>
        playwrightRequest.newContext({ baseURL: s.url }).then((c) => checkedRequest(c, s.url));
      a = await checked(servers[0]!);
      b = await checked(servers[1]!);
    });

    test.afterAll(async () => {
      await a?.dispose();
      await b?.dispose();
      const codes = await Promise.all(servers.map((s) => s.stop()));
      await db?.drop();
      await new Promise<void>((resolve) => (sink ? sink.server.close(() => resolve()) : resolve()));
      expect(codes).toEqual(servers.map(() => 0));
    });

    async function tokenOn(ctx: APIRequestContext, login: string, password: string) {
      const res = await ctx.post("/api/sessions", { data: { login, password } });
      expect(res.status()).toBe(201);
      return remember((await res.json()).token as string);
    }

    test("a session created on one instance works on the other", async () => {
      const person = newPerson("mi");
      expect((await a.post("/api/users", { data: person })).status()).toBe(201);
      const token = await tokenOn(b, person.username, person.password);
      const me = await a.get("/api/users/me", { headers: { authorization: `Bearer ${token}` } });
      expect(me.status()).toBe(200);
      expect((await me.json()).username).toBe(person.username);
    });

    test("a token revoked through one instance is refused by the other at once", async () => {
      const person = newPerson("mi");
      expect((await b.post("/api/users", { data: person })).status()).toBe(201);
      const token = await tokenOn(a, person.email, person.password);
      const auth = { authorization: `Bearer ${token}` };
      expect((await b.get("/api/users/me", { headers: auth })).status()).toBe(200);
      expect((await a.delete("/api/sessions/current", { headers: auth })).status()).toBe(204);
      await expectProblem(await b.get("/api/users/me", { headers: auth }), 401);
    });

    test("two concurrent sign-ups with one email across the instances: one 201, one 409", async () => {
      const first = newPerson("mi");
      const second = { ...newPerson("mi"), email: first.email };
      const [ra, rb] = await Promise.all([
        a.post("/api/users", { data: first }),
        b.post("/api/users", { data: second }),
      ]);
      expect([ra.status(), rb.status()].sort()).toEqual([201, 409]);
      const loser = ra.status() === 409 ? ra : rb;
      const problem = await expectProblem(loser, 409);
      expect(problem.errors).toHaveProperty("email");
      // Exactly one of the two can sign in.
      const signIns = await Promise.all(
        [first, second].map((p) => a.post("/api/sessions", { data: { login: p.username, password: p.password } })),
      );
      expect(signIns.map((r) => r.status()).sort()).toEqual([201, 401]);
      for (const r of signIns) if (r.status() === 201) remember((await r.json()).token);
    });

    test("the sign-in limit counts wrong passwords made against both instances", async () => {
      const person = newPerson("mi");
      expect((await a.post("/api/users", { data: person })).status()).toBe(201);
      for (let i = 0; i < 5; i++) {
        const ctx = i % 2 === 0 ? a : b;
        await expectProblem(
          await ctx.post("/api/sessions", { data: { login: person.username, password: "wrong-password" } }),
          401,
        );
      }
      for (const ctx of [a, b]) {
        const res = await ctx.post("/api/sessions", { data: { login: person.username, password: "wrong-password" } });
        await expectProblem(res, 429);
        expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
      }
      // Even the right password waits out the lock, on either instance.
      await expectProblem(
        await b.post("/api/sessions", { data: { login: person.username, password: person.password } }),
        429,
      );
    });

    test("mail queued on both instances is sent exactly once (the outbox's skip-locked claims)", async () => {
      const people = Array.from({ length: 8 }, () => newPerson("mo"));
      for (const [i, person] of people.entries()) {
        expect((await (i % 2 ? a : b).post("/api/users", { data: person })).status()).toBe(201);
      }
      // Both instances' workers race for the same rows: each reset request commits one.
      const answers = await Promise.all(
        people.map((person, i) => (i % 2 ? b : a).post("/api/password-resets", { data: { email: person.email } })),
      );
      expect(answers.map((r) => r.status())).toEqual(people.map(() => 202));
      const resets = (email: string) => mail.filter((m) => m.envelopeTo.includes(email) && /Reset/.test(m.subject));
      await expect.poll(() => people.filter((p) => resets(p.email).length >= 1).length, { timeout: 20_000 }).toBe(8);
      await new Promise((r) => setTimeout(r, 3_000)); // a duplicate would arrive within this
      for (const person of people) expect(resets(person.email), person.email).toHaveLength(1);
      for (const person of people)
        for (const m of resets(person.email)) remember(/[?&]token=([A-Za-z0-9_-]+)/.exec(m.text)![1]!);
    });

    test("a reset token spent on one instance is refused on the other", async () => {
      const person = newPerson("mi");
      expect((await a.post("/api/users", { data: person })).status()).toBe(201);
      expect((await a.post("/api/password-resets", { data: { email: person.email } })).status()).toBe(202);
      await expect
        .poll(() => mail.filter((m) => m.envelopeTo.includes(person.email) && /Reset/.test(m.subject)).length)
        .toBe(1);
      const message = mail.find((m) => m.envelopeTo.includes(person.email) && /Reset/.test(m.subject))!;
      const token = remember(/[?&]token=([A-Za-z0-9_-]+)/.exec(message.text)![1]!);
      const newPassword = remember(`mi-new-${person.password}`);
      expect((await b.post("/api/password-resets/confirm", { data: { token, newPassword } })).status()).toBe(204);
      await expectProblem(
        await a.post("/api/password-resets/confirm", { data: { token, newPassword: newPassword + "2" } }),
        400,
      );
      await expectProblem(
        await b.post("/api/password-resets/confirm", { data: { token, newPassword: newPassword + "2" } }),
        400,
      );
      await tokenOn(a, person.username, newPassword);
    });
  });
