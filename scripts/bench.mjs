// `npm run bench`: load-tests the production server over loopback and prints a table per database.
//
//  - builds the app first when .next/BUILD_ID is missing;
//  - starts `node scripts/server.mjs` (scripts/bench/server.mjs) on PGlite in a temp dir, and on a
//    fresh database on BENCH_DATABASE_URL's server when that is set, with the rate limits out of the way;
//  - drives it with autocannon from this process (scripts/bench/load.mjs) and measures the bcrypt
//    ceiling (scripts/bench/ceiling.mjs) just before and just after the sign-in scenario.
//
// Knobs: BENCH_DURATION (seconds per scenario, default 10), BENCH_PORT (default 3550),
// BCRYPT_COST (default 12, the app's; BENCH_BCRYPT_COST overrides it), BCRYPT_THREADS (default: available cores), BENCH_SESSIONS (default 100000),
// BENCH_ONLY=memory (only the memory and cold-start figures, scripts/bench/memory.mjs: a minute per database),
// BENCH_ONLY=follows (only the follows figures, scripts/bench/follows.mjs: 1M follow rows, the feed, the counts
// and the lists timed through lib/ and EXPLAINed; about a minute per database, no server), BENCH_FOLLOW_USERS.
// BENCH_ONLY=soak (scripts/bench/soak.mjs: one server under mixed traffic for BENCH_SOAK_MINUTES, default 30, on
// PostgreSQL when BENCH_DATABASE_URL is set, else PGlite; RSS and V8 heap sampled every BENCH_SOAK_SAMPLE_SECONDS).
// BENCH_ONLY=scale (PostgreSQL only: scripts/bench/scale.mjs, the server on an empty database, then filled with 1M
// accounts, sessions, posts, follows and 10M events; 10+ minutes), BENCH_SCALE_USERS, BENCH_SCALE_BCRYPT_COST,
// BENCH_SCALE_KEEP=1 (keep that database).
// BENCH_ONLY=peer (beside Better Auth, scripts/bench/peer.mjs: BENCH_DATABASE_URL and BENCH_PEER_DIR, a copy of
// shared/peers/better-auth with its node_modules; cold start, RSS at rest and under the read load, read req/s;
// BENCH_PEER_DURATION seconds of each read in all, default 30, over three pairs of processes: BENCHMARKS.md, round 9).
// BENCH_ONLY takes a list too: BENCH_ONLY=peer,servers,scale,follows,soak runs those, in the order memory, peer,
// servers (the default run's server scenarios, memory included), scale, follows, soak, in one run under one header.
// Speed is printed, never asserted.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";
import { bcryptCeiling } from "./bench/ceiling.mjs";
import { benchFollows } from "./bench/follows.mjs";
import { interleaved, measure, row, together, warm } from "./bench/load.mjs";
import { memoryFigures, printMemory } from "./bench/memory.mjs";
import { printSoak, soak } from "./bench/soak.mjs";
import { benchScale } from "./bench/scale.mjs";
import { peerFigures, printPeer } from "./bench/peer.mjs";
import { PGLITE_OPTIONS } from "../db/pglite-options.mjs";
import { assertPortFree, freshDatabase, startServer, stopServer, waitHealthy } from "./bench/server.mjs";

const root = path.resolve(import.meta.dirname, "..");
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const PEER_DURATION = Number(process.env.BENCH_PEER_DURATION ?? 30);
const PORT = Number(process.env.BENCH_PORT ?? 3550);
// The cost the server is configured with: BCRYPT_COST, or the app's default (lib/env.ts).
const COST = Number(process.env.BENCH_BCRYPT_COST ?? process.env.BCRYPT_COST ?? 12);
const THREADS = Number(process.env.BCRYPT_THREADS ?? availableParallelism());
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 100_000);
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = "bench-password-correct-horse";
/**
 * The parts BENCH_ONLY may name, in the order a list of them runs. `memory` first: its starts are timed in
 * milliseconds against fixed goals, and after the peer part's ten minutes of load this machine ran them slower
 * (BENCHMARKS.md, round 11); the peer's figures are ratios of turns taken side by side.
 */
const SECTIONS = ["memory", "peer", "servers", "scale", "follows", "soak"];
const ONLY = (process.env.BENCH_ONLY ?? "")
  .split(",")
  .map((part) => part.trim())
  .filter(Boolean);

function say(line) {
  process.stderr.write(line + "\n");
}

function buildIfNeeded() {
  if (existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  say("no production build: running next build …");
  const r = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) throw new Error("next build failed");
}

async function serve(env) {
  await assertPortFree(BASE);
  const server = startServer({ root, port: PORT, cost: COST, threads: THREADS, env });
  await waitHealthy(server, BASE);
  return server;
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

const settle = () => sleep(2000);
const ceiling = () => bcryptCeiling({ threads: THREADS, cost: COST, seconds: Math.min(DURATION, 5) });

async function benchDatabase(label, serverEnv, insertSessions, memoryOnly) {
  say(`\n== ${label}: memory and cold start …`);
  await assertPortFree(BASE);
  const memory = await memoryFigures({
    root,
    port: PORT,
    cost: COST,
    threads: THREADS,
    env: serverEnv,
    seconds: DURATION,
    password: PASSWORD,
  });
  if (memoryOnly) return { memory };
  say(`\n== ${label}: starting the server …`);
  let server = await serve(serverEnv);

  const me = `bench${randomBytes(4).toString("hex")}`;
  await post("/api/users", { username: me, email: `${me}@example.com`, password: PASSWORD }, 201);
  const { token } = await post("/api/sessions", { login: me, password: PASSWORD }, 201);
  // The sign-ins are another account's: an account keeps at most SESSIONS_PER_ACCOUNT sessions (50), and the
  // thousands of sign-ins would otherwise end the session the reads use (answered 401 from then on).
  const signer = `${me}s`;
  await post("/api/users", { username: signer, email: `${signer}@example.com`, password: PASSWORD }, 201);
  const health = { url: `${BASE}/api/health`, connections: 20 };
  const read = { url: `${BASE}/api/users/me`, connections: 20, headers: { authorization: `Bearer ${token}` } };
  // A sign-in waits its turn for a bcrypt thread, behind cheaper requests: at cost 12 under load that
  // is seconds, so autocannon's 10 s default timeout would count slow answers as failures.
  const slow = { connections: THREADS * 4, timeout: 60 };
  const signIn = {
    ...slow,
    url: `${BASE}/api/sessions`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: signer, password: PASSWORD }),
  };
  const prefix = randomBytes(3).toString("hex");
  let n = 0;
  const signUp = {
    ...slow,
    url: `${BASE}/api/users`,
    method: "POST",
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
  const readWhile = (connections) => ({ ...read, connections });
  const pid = server.pid;

  // Every route compiled and warm, the connection pool open, the bcrypt threads' JIT warm.
  await warm(read);
  await warm(health);
  await warm(signIn);

  const rows = [];
  const [h, r] = await interleaved(
    pid,
    [
      { name: "GET /api/health", opts: health },
      { name: "GET /api/users/me", opts: read },
    ],
    DURATION,
  );
  rows.push(h, r);
  const ceilingBefore = await ceiling();
  const s = await measure(pid, "POST /api/sessions", signIn, DURATION);
  await settle(); // the sign-ins still queued in the pool when autocannon stopped
  const ceilingAfter = await ceiling();
  rows.push(s, await measure(pid, "POST /api/users", signUp, DURATION));
  const [light, signIns] = await together(
    pid,
    [
      { name: "GET /api/users/me, 2 clients, under sign-in load", opts: readWhile(2) },
      { name: "  (the sign-ins alongside)", opts: signIn },
    ],
    DURATION,
  );
  rows.push(light, signIns);
  const [saturating] = await together(
    pid,
    [
      { name: "GET /api/users/me, 10 clients, under sign-in load", opts: readWhile(10) },
      { name: "", opts: signIn },
    ],
    DURATION,
  );
  rows.push(saturating);

  say(`== ${label}: inserting ${SESSIONS} sessions …`);
  server = await insertSessions(server, me, serve);
  await warm(read);
  await warm(health);
  const [bigHealth, big] = await interleaved(
    server.pid,
    [
      { name: `GET /api/health, ${SESSIONS} sessions`, opts: health },
      { name: `GET /api/users/me, ${SESSIONS} sessions`, opts: read },
    ],
    DURATION,
  );
  rows.push(bigHealth, big);
  await stopServer(server);

  return {
    memory,
    rows,
    ceilings: [ceilingBefore, ceilingAfter],
    signInRate: s.reqPerSec,
    meOverHealth: r.reqPerSec / h.reqPerSec,
    meUnderLoadP99: light.p99,
    bigOverEmpty: big.reqPerSec / r.reqPerSec,
    bigOverEmptyVsHealth: big.reqPerSec / bigHealth.reqPerSec / (r.reqPerSec / h.reqPerSec),
  };
}

/** 100,000 live sessions for one user (token hashes only need to be unique), then fresh statistics. */
const INSERT_SESSIONS = (count) => `
  insert into sessions (user_id, token_hash, kind, expires_at)
  select u.id, encode(sha256(convert_to('bench-' || g, 'UTF8')), 'base64'), 'api', now() + interval '30 days'
  from generate_series(1, ${count}) g, (select id from users where username = $1) u`;

function printSummary(label, s) {
  printMemory(label, s.memory);
  if (!s.rows) return;
  const meanCeiling = (s.ceilings[0] + s.ceilings[1]) / 2;
  const pct = (100 * s.signInRate) / meanCeiling;
  const verdict = (ok) => (ok ? "met" : "MISSED");
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  console.log(`\n### ${label} (load average now: ${load})\n`);
  console.table(s.rows.map(row));
  const [before, after] = s.ceilings.map((c) => c.toFixed(1));
  console.log(
    `bcrypt ceiling (cost ${COST}, ${THREADS} threads): ${meanCeiling.toFixed(1)} compares/s (${before} before the sign-ins, ${after} after)`,
  );
  console.log(`sign-in throughput: ${pct.toFixed(0)}% of the ceiling (target >= 90%: ${verdict(pct >= 90)})`);
  console.log(`me / health: ${s.meOverHealth.toFixed(2)} (target >= 0.80: ${verdict(s.meOverHealth >= 0.8)})`);
  console.log(
    `p99 of me (2 clients) under sign-in load: ${s.meUnderLoadP99} ms (target < 50: ${verdict(s.meUnderLoadP99 < 50)})`,
  );
  const nonOk = s.rows.reduce((a, r) => a + r.non2xx, 0);
  console.log(`non-2xx or errors: ${nonOk} (target 0: ${verdict(nonOk === 0)})`);
  console.log(
    `me with ${SESSIONS} sessions / empty: ${s.bigOverEmpty.toFixed(2)}; against health at the same moments: ` +
      `${s.bigOverEmptyVsHealth.toFixed(2)} (target within 10%: ${verdict(s.bigOverEmptyVsHealth >= 0.9)})`,
  );
}

/** The follows figures on a fresh PGlite directory, and on a fresh database on BENCH_DATABASE_URL's server. */
async function followsFigures() {
  let ok = true;
  const dir = mkdtempSync(path.join(tmpdir(), "accounts-bench-follows-"));
  try {
    const env = { PGLITE_DIR: path.join(dir, "pglite"), DATABASE_URL: "" };
    const { PGlite } = await import("@electric-sql/pglite");
    let db;
    ok &&= await benchFollows({
      root,
      label: "PGlite",
      env,
      exec: async (text, params = []) => {
        db ??= new PGlite(env.PGLITE_DIR, PGLITE_OPTIONS);
        await (params.length ? db.query(text, params) : db.exec(text));
      },
      close: async () => db?.close(),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) return ok;
  const { url, drop } = await freshDatabase(adminUrl, "bench");
  try {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    ok &&= await benchFollows({
      root,
      label: "PostgreSQL",
      env: { DATABASE_URL: url },
      exec: (text, params = []) => sql.unsafe(text, params),
      close: () => sql.end(),
    });
  } finally {
    await drop();
  }
  return ok;
}

/** The soak run: on a fresh database on BENCH_DATABASE_URL's server when set, else on PGlite in a temp dir. */
async function soakRun() {
  buildIfNeeded();
  const run = (label, env) =>
    soak({
      root,
      port: PORT,
      // A soak watches memory, not bcrypt: a cheaper cost serves more requests (BENCH_SOAK_BCRYPT_COST, default 10).
      cost: Number(process.env.BENCH_SOAK_BCRYPT_COST ?? 10),
      threads: THREADS,
      env,
      password: PASSWORD,
      minutes: Number(process.env.BENCH_SOAK_MINUTES ?? 30),
      sampleSeconds: Number(process.env.BENCH_SOAK_SAMPLE_SECONDS ?? 15),
      clients: Number(process.env.BENCH_SOAK_CLIENTS ?? 4),
    }).then((r) =>
      printSoak(
        `${label} (load average now: ${loadavg()
          .map((l) => l.toFixed(1))
          .join(" ")})`,
        r,
      ),
    );
  await assertPortFree(BASE);
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), "accounts-bench-soak-"));
    try {
      return await run("PGlite", { PGLITE_DIR: path.join(dir, "pglite"), DATABASE_URL: "" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const { url, drop } = await freshDatabase(adminUrl, "bench");
  try {
    await run("PostgreSQL", { DATABASE_URL: url });
  } finally {
    await drop();
  }
}

function printHeader() {
  console.log(
    `bench: ${new Date().toISOString()}, node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model}), ` +
      `${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${DURATION}s per scenario, BCRYPT_COST=${COST}, BCRYPT_THREADS=${THREADS}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}` +
      (ONLY.length ? `, BENCH_ONLY=${ONLY.join(",")}` : ""),
  );
}

/** The server scenarios and memory figures per database (only the memory figures when `memoryOnly`). */
async function databasesRun(memoryOnly) {
  buildIfNeeded();
  const dir = mkdtempSync(path.join(tmpdir(), "accounts-bench-"));
  try {
    const pgliteDir = path.join(dir, "pglite");
    const env = { PGLITE_DIR: pgliteDir, DATABASE_URL: "" };
    const summary = await benchDatabase(
      "PGlite",
      env,
      async (server, me, restart) => {
        // PGlite is single-process: stop the server, insert directly, start it again.
        await stopServer(server);
        const { PGlite } = await import("@electric-sql/pglite");
        const db = new PGlite(pgliteDir, PGLITE_OPTIONS);
        await db.query(INSERT_SESSIONS(SESSIONS), [me]);
        await db.exec("analyze sessions");
        await db.close();
        return restart(env);
      },
      memoryOnly,
    );
    printSummary("PGlite", summary);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    console.log("\n(PostgreSQL skipped: set BENCH_DATABASE_URL to a server where a database may be created.)");
    return;
  }
  const { url, drop } = await freshDatabase(adminUrl, "bench");
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const summary = await benchDatabase(
      "PostgreSQL",
      { DATABASE_URL: url },
      async (server, me) => {
        await sql.unsafe(INSERT_SESSIONS(SESSIONS), [me]);
        await sql`analyze sessions`;
        return server;
      },
      memoryOnly,
    );
    printSummary("PostgreSQL", summary);
  } finally {
    await sql.end();
    await drop();
  }
}

async function peerRun() {
  const [adminUrl, peerDir] = [process.env.BENCH_DATABASE_URL, process.env.BENCH_PEER_DIR];
  if (!adminUrl || !peerDir) throw new Error("BENCH_ONLY=peer needs BENCH_DATABASE_URL and BENCH_PEER_DIR");
  buildIfNeeded();
  const opts = { root, adminUrl, peerDir: path.resolve(peerDir), port: PORT, cost: COST, threads: THREADS };
  printPeer(await peerFigures({ ...opts, seconds: PEER_DURATION, password: PASSWORD }));
}

async function scaleRun() {
  if (!process.env.BENCH_DATABASE_URL) throw new Error("BENCH_ONLY=scale needs BENCH_DATABASE_URL (PostgreSQL)");
  buildIfNeeded();
  const flat = await benchScale({
    root,
    port: PORT,
    threads: THREADS,
    seconds: DURATION,
    adminUrl: process.env.BENCH_DATABASE_URL,
  });
  if (!flat) process.exitCode = 1;
}

const RUN = {
  peer: peerRun,
  // The server scenarios include the memory figures: with both listed, they are taken once.
  memory: () => (ONLY.includes("servers") ? undefined : databasesRun(true)),
  servers: () => databasesRun(false),
  scale: scaleRun,
  follows: async () => {
    if (!(await followsFigures())) process.exitCode = 1;
  },
  soak: soakRun,
};

async function main() {
  const unknown = ONLY.filter((part) => !SECTIONS.includes(part));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown ${unknown.join(", ")} (known: ${SECTIONS.join(", ")})`);
  printHeader();
  if (!ONLY.length) {
    await databasesRun(false);
    return RUN.follows();
  }
  for (const part of SECTIONS.filter((s) => ONLY.includes(s))) await RUN[part]();
}

await main();
