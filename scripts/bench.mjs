// `npm run bench`: load-tests the production server over loopback and prints a table per database.
//
//  - builds the app first when .next/BUILD_ID is missing;
//  - measures the bcrypt ceiling (compares per second on as many worker threads as the server's pool);
//  - starts `node scripts/server.mjs` on PGlite in a temp dir, and on a fresh database on
//    BENCH_DATABASE_URL's server when that is set, with the rate limits configured out of the way;
//  - drives it with autocannon from this process and samples the server's RSS.
//
// Knobs: BENCH_DURATION (seconds per scenario, default 10), BENCH_PORT (default 3550),
// BENCH_BCRYPT_COST (default 10), BCRYPT_THREADS (default: available cores), BENCH_SESSIONS (default 100000).
// Speed is printed, never asserted.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import autocannon from "autocannon";
import postgres from "postgres";

const root = path.resolve(import.meta.dirname, "..");
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3550);
const COST = Number(process.env.BENCH_BCRYPT_COST ?? 10);
const THREADS = Number(process.env.BCRYPT_THREADS ?? availableParallelism());
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 100_000);
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = "bench-password-correct-horse";

const LIMITS = {
  LIMIT_SIGN_IN_FAILURES_ACCOUNT_IP: "1000000/900",
  LIMIT_SIGN_IN_FAILURES_ACCOUNT: "1000000/3600",
  LIMIT_SIGN_IN_IP: "1000000/900",
  LIMIT_SIGN_UP_IP: "1000000/3600",
};

function say(line) {
  process.stderr.write(line + "\n");
}

function buildIfNeeded() {
  if (existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  say("no production build: running next build …");
  const r = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) throw new Error("next build failed");
}

/** Compares per second with bcryptjs on `threads` worker threads, each comparing in a loop. */
async function bcryptCeiling(threads, seconds) {
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    const bcrypt = require("bcryptjs");
    const hash = bcrypt.hashSync("x-password", workerData.cost);
    const end = Date.now() + workerData.ms;
    let n = 0;
    while (Date.now() < end) { bcrypt.compareSync("x-password", hash); n++; }
    parentPort.postMessage(n);`;
  const started = Date.now();
  const counts = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise((resolve, reject) => {
          const w = new Worker(code, { eval: true, workerData: { cost: COST, ms: seconds * 1000 } });
          w.once("message", resolve);
          w.once("error", reject);
        }),
    ),
  );
  const total = counts.reduce((a, b) => a + b, 0);
  return total / ((Date.now() - started) / 1000);
}

function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

let current; // the server now running, stopped if the bench is interrupted
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    current?.kill("SIGTERM");
    process.exit(130);
  });
}

function startServer(env) {
  const child = spawn(process.execPath, ["scripts/server.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      BCRYPT_COST: String(COST),
      BCRYPT_THREADS: String(THREADS),
      CLEANUP_INTERVAL_SECONDS: "0",
      // Production needs SMTP; nothing listens on port 1, so sign-up mail fails at once in the background.
      SMTP_URL: "smtp://127.0.0.1:1",
      ...LIMITS,
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  child.exited = new Promise((resolve) => child.once("exit", resolve));
  child.lastErrors = () => stderr;
  current = child;
  return child;
}

async function waitHealthy(child) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${child.lastErrors()}`);
    try {
      if ((await fetch(`${BASE}/api/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error("server did not become healthy");
}

async function stopServer(child) {
  child.kill("SIGTERM");
  await child.exited;
}

async function post(pathname, body, expected) {
  const res = await fetch(BASE + pathname, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== expected) throw new Error(`${pathname}: ${res.status} ${await res.text()}`);
  return res.json();
}

const run = (opts) => autocannon({ duration: DURATION, ...opts });

/** Runs autocannon while sampling the server's RSS; returns a table row. */
async function scenario(name, pid, opts) {
  let peak = rssMb(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 500);
  try {
    const result = await (Array.isArray(opts) ? Promise.all(opts.map(run)) : run(opts));
    return { name, result, rss: Math.max(peak, rssMb(pid)) };
  } finally {
    clearInterval(sampler);
  }
}

/** "409×12 503×3": what the non-2xx answers were. */
function codes(r) {
  return Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith("2"))
    .map(([code, { count }]) => `${code}×${count}`)
    .concat(r.errors ? [`errors×${r.errors}`] : [], r.timeouts ? [`timeouts×${r.timeouts}`] : [])
    .join(" ");
}

function row(name, r, rss) {
  return {
    scenario: name,
    "req/s": r.requests.average.toFixed(1),
    "p50 ms": r.latency.p50,
    "p99 ms": r.latency.p99,
    "non-2xx": r.non2xx + r.errors + r.timeouts,
    "RSS MB": rss.toFixed(0),
    codes: codes(r),
  };
}

async function benchDatabase(label, serverEnv, insertSessions) {
  say(`\n== ${label}: starting the server …`);
  let server = startServer(serverEnv);
  await waitHealthy(server);

  const me = `bench${randomBytes(4).toString("hex")}`;
  await post("/api/users", { username: me, email: `${me}@example.com`, password: PASSWORD }, 201);
  const { token } = await post("/api/sessions", { login: me, password: PASSWORD }, 201);
  const meOpts = {
    url: `${BASE}/api/users/me`,
    connections: 20,
    headers: { authorization: `Bearer ${token}` },
  };
  const signInOpts = {
    url: `${BASE}/api/sessions`,
    method: "POST",
    connections: THREADS * 4,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: me, password: PASSWORD }),
  };
  const prefix = randomBytes(3).toString("hex");
  let n = 0;
  const signUpOpts = {
    url: `${BASE}/api/users`,
    method: "POST",
    connections: THREADS * 4,
    headers: { "content-type": "application/json" },
    // A unique user per request (setupRequest only takes effect inside `requests`).
    requests: [
      {
        setupRequest: (req) => {
          const id = `u${prefix}${(n++).toString(36)}`;
          return { ...req, body: JSON.stringify({ username: id, email: `${id}@example.com`, password: PASSWORD }) };
        },
      },
    ],
  };
  // Warm-up: every route once compiled and the connection pool opened.
  await run({ ...meOpts, duration: 2 });
  await run({ url: `${BASE}/api/health`, connections: 20, duration: 2 });

  const rows = [];
  const health = await scenario("GET /api/health", server.pid, { url: `${BASE}/api/health`, connections: 20 });
  rows.push(row(health.name, health.result, health.rss));
  const read = await scenario("GET /api/users/me", server.pid, meOpts);
  rows.push(row(read.name, read.result, read.rss));
  const signIn = await scenario("POST /api/sessions", server.pid, signInOpts);
  rows.push(row(signIn.name, signIn.result, signIn.rss));
  const signUp = await scenario("POST /api/users", server.pid, signUpOpts);
  rows.push(row(signUp.name, signUp.result, signUp.rss));
  const mixed = await scenario("mixed", server.pid, [{ ...meOpts, connections: 10 }, signInOpts]);
  rows.push(row("GET /api/users/me under sign-in load", mixed.result[0], mixed.rss));
  rows.push(row("  (the sign-ins alongside)", mixed.result[1], mixed.rss));

  say(`== ${label}: inserting ${SESSIONS} sessions …`);
  server = await insertSessions(server, me);
  await run({ ...meOpts, duration: 2 });
  const big = await scenario(`GET /api/users/me, ${SESSIONS} sessions`, server.pid, meOpts);
  rows.push(row(big.name, big.result, big.rss));
  await stopServer(server);

  return {
    rows,
    signInRate: signIn.result.requests.average,
    meOverHealth: read.result.requests.average / health.result.requests.average,
    meUnderLoadP99: mixed.result[0].latency.p99,
    bigOverEmpty: big.result.requests.average / read.result.requests.average,
  };
}

/** 100,000 live sessions for one user (token hashes only need to be unique), then fresh statistics. */
const INSERT_SESSIONS = (count) => `
  insert into sessions (user_id, token_hash, kind, expires_at)
  select u.id, encode(sha256(convert_to('bench-' || g, 'UTF8')), 'base64'), 'api', now() + interval '30 days'
  from generate_series(1, ${count}) g, (select id from users where username = $1) u;
  analyze sessions;`;

function printSummary(label, s, ceiling) {
  const pct = (100 * s.signInRate) / ceiling;
  const verdict = (ok) => (ok ? "met" : "MISSED");
  console.log(
    `\n### ${label} (load average now: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")})\n`,
  );
  console.table(s.rows);
  console.log(`bcrypt ceiling (cost ${COST}, ${THREADS} threads): ${ceiling.toFixed(1)} compares/s`);
  console.log(`sign-in throughput: ${pct.toFixed(0)}% of the ceiling (target >= 90%: ${verdict(pct >= 90)})`);
  console.log(`me / health: ${s.meOverHealth.toFixed(2)} (target >= 0.80: ${verdict(s.meOverHealth >= 0.8)})`);
  console.log(`p99 of me under sign-in load: ${s.meUnderLoadP99} ms (target < 50: ${verdict(s.meUnderLoadP99 < 50)})`);
  const nonOk = s.rows.reduce((a, r) => a + r["non-2xx"], 0);
  console.log(`non-2xx or errors: ${nonOk} (target 0: ${verdict(nonOk === 0)})`);
  console.log(
    `me with ${SESSIONS} sessions / empty: ${s.bigOverEmpty.toFixed(2)} (target within 10%: ${verdict(s.bigOverEmpty >= 0.9)})`,
  );
}

async function main() {
  buildIfNeeded();
  console.log(
    `bench: ${new Date().toISOString()}, node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model}), ` +
      `${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${DURATION}s per scenario, BCRYPT_COST=${COST}, BCRYPT_THREADS=${THREADS}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
  );
  say("measuring the bcrypt ceiling …");
  const ceiling = await bcryptCeiling(THREADS, Math.min(DURATION, 5));

  const dir = mkdtempSync(path.join(tmpdir(), "accounts-bench-"));
  try {
    const pgliteDir = path.join(dir, "pglite");
    const summary = await benchDatabase("PGlite", { PGLITE_DIR: pgliteDir, DATABASE_URL: "" }, async (server, me) => {
      // PGlite is single-process: stop the server, insert directly, start it again.
      await stopServer(server);
      const { PGlite } = await import("@electric-sql/pglite");
      const db = new PGlite(pgliteDir);
      await db.query(INSERT_SESSIONS(SESSIONS).split(";")[0], [me]);
      await db.exec("analyze sessions");
      await db.close();
      const next = startServer({ PGLITE_DIR: pgliteDir, DATABASE_URL: "" });
      await waitHealthy(next);
      return next;
    });
    printSummary("PGlite", summary, ceiling);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    console.log("\n(PostgreSQL skipped: set BENCH_DATABASE_URL to a server where a database may be created.)");
    return;
  }
  const name = `bench_${randomBytes(5).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const summary = await benchDatabase("PostgreSQL", { DATABASE_URL: url.toString() }, async (server, me) => {
      await sql.unsafe(INSERT_SESSIONS(SESSIONS).split(";")[0], [me]);
      await sql`analyze sessions`;
      return server;
    });
    printSummary("PostgreSQL", summary, ceiling);
  } finally {
    await sql.end();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
