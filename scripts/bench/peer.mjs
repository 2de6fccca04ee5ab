// Beside the peer (BENCH_ONLY=peer): this app and Better Auth's minimal Next.js app (shared/peers/better-auth,
// copied to BENCH_PEER_DIR), both production servers on fresh databases of one PostgreSQL (BENCH_DATABASE_URL),
// measured the same way:
//  - cold start: spawning `node` (our scripts/server.mjs, its `next start`) to the first 200 (our /api/health,
//    its /api/auth/ok), polled every 20 ms; in each round with reads, then in START_PAIRS more pairs that only
//    start and stop, which goes first swapped every time; the median of all is printed (one start
//    varies by 250–500 ms, more than the two servers differ: three were a coin toss, BENCHMARKS.md round 11);
//  - RSS at rest: 3 s after that first 200 (median of every start);
//  - the reads, after one sign-up and one sign-in on each: our GET /api/users/me (bearer) and /api/health, its
//    GET /api/auth/get-session (cookie) and /api/auth/ok, 20 connections, the four taking turns (load.mjs#takeTurns:
//    six rounds after one not counted, the order reversed every other round) so that every ratio compares figures
//    from the same minutes; req/s, CPU ms per request and the peak RSS;
//  - each cold-start round's two processes take their share of the reads (`seconds` / rounds), and the figures are
//    over all of them: a process's own speed varied more than a run's length could average out (BENCHMARKS.md,
//    "Issue 34, round 9"); each pair's ratios are printed as it ends.
// Our database is migrated by a first start before the rounds (its own start-up migrates); the peer's by its
// scripts/migrate.mjs. Both servers of a round stay up through its reads (one idles while the other is loaded).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { median, row, summarise, takeTurns, warm } from "./load.mjs";
import { freshDatabase, rssMb, serverEnv } from "./server.mjs";

const say = (line) => process.stderr.write(line + "\n");

/** Start-only pairs after the rounds with reads (each start is also timed in those). */
const START_PAIRS = Number(process.env.BENCH_START_PAIRS ?? 8);

/** Spawns a server and waits for the first 200 from `probe`: the process, and the ms it took. */
async function coldStart({ label, command, args, cwd, env, probe }) {
  const started = performance.now();
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  child.exited = new Promise((resolve) => child.once("exit", resolve));
  for (let i = 0; i < 3000; i++) {
    if (child.exitCode !== null) throw new Error(`${label} exited: ${stderr}`);
    const ok = await fetch(probe).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, ms: performance.now() - started };
    await sleep(20);
  }
  child.kill("SIGKILL");
  throw new Error(`${label} did not answer ${probe} in a minute`);
}

async function stop(child) {
  if (child.exitCode === null) child.kill("SIGTERM");
  await child.exited;
}

async function post(url, body, headers = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res;
}

/**
 * The two servers and how to start, probe and sign in to each. `env` is the bench's server environment for
 * ours (scripts/bench/server.mjs), the peer's run.sh environment for the peer.
 */
function servers({ root, peerDir, port, cost, threads, ourUrl, peerUrl }) {
  const ours = `http://127.0.0.1:${port}`;
  const peer = `http://127.0.0.1:${port + 1}`;
  return [
    {
      label: "ours",
      base: ours,
      command: process.execPath,
      args: ["scripts/server.mjs"],
      cwd: root,
      env: serverEnv({ port, cost, threads, env: { DATABASE_URL: ourUrl } }),
      probe: `${ours}/api/health`,
      async signIn(password) {
        const me = `peer${randomBytes(4).toString("hex")}`;
        await post(`${ours}/api/users`, { username: me, email: `${me}@example.com`, password });
        const { token } = await (await post(`${ours}/api/sessions`, { login: me, password })).json();
        return { authorization: `Bearer ${token}` };
      },
      read: "/api/users/me",
      health: "/api/health",
    },
    {
      label: "Better Auth",
      base: peer,
      command: process.execPath,
      args: ["node_modules/next/dist/bin/next", "start", "-p", String(port + 1), "-H", "127.0.0.1"],
      cwd: peerDir,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(port + 1),
        DATABASE_URL: peerUrl,
        BETTER_AUTH_URL: peer,
        BETTER_AUTH_SECRET: randomBytes(32).toString("hex"),
      },
      probe: `${peer}/api/auth/ok`,
      async signIn(password) {
        const email = `peer${randomBytes(4).toString("hex")}@example.com`;
        const origin = { origin: peer };
        await post(`${peer}/api/auth/sign-up/email`, { email, password, name: "Peer Bench" }, origin);
        const res = await post(`${peer}/api/auth/sign-in/email`, { email, password }, origin);
        const cookie = res.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; ");
        if (!cookie) throw new Error("the peer's sign-in set no cookie");
        return { cookie };
      },
      read: "/api/auth/get-session",
      health: "/api/auth/ok",
    },
  ];
}

/** The four reads, ours and the peer's, against the two processes now running (server.child). */
function scenarios(ours, peer) {
  return [
    { name: "ours: GET /api/users/me (bearer)", opts: ours.readOpts, pid: ours.child.pid },
    { name: "ours: GET /api/health", opts: ours.healthOpts, pid: ours.child.pid },
    { name: "Better Auth: GET /api/auth/get-session (cookie)", opts: peer.readOpts, pid: peer.child.pid },
    { name: "Better Auth: GET /api/auth/ok", opts: peer.healthOpts, pid: peer.child.pid },
  ];
}

/** The peer's build and its tables (its scripts/migrate.mjs, as run.sh does). */
function preparePeer(peerDir, databaseUrl) {
  if (!existsSync(path.join(peerDir, "node_modules", "next")))
    throw new Error(`${peerDir} has no node_modules: run its run.sh once (or npm install there)`);
  const env = { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" };
  if (!existsSync(path.join(peerDir, ".next", "BUILD_ID"))) {
    say("the peer has no production build: running its next build …");
    const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      cwd: peerDir,
      env: { ...env, BETTER_AUTH_SECRET: randomBytes(32).toString("hex") },
      stdio: "inherit",
    });
    if (r.status !== 0) throw new Error("the peer's next build failed");
  }
  const m = spawnSync(process.execPath, ["scripts/migrate.mjs"], { cwd: peerDir, env, encoding: "utf8" });
  if (m.status !== 0) throw new Error(`the peer's migrate failed: ${m.stderr}`);
}

/**
 * Runs the comparison and returns its figures. `rounds` cold starts of each, alternating; each round's two
 * processes then take their share of the reads (`seconds` of each of the four in all, taking turns).
 */
export async function peerFigures({ root, peerDir, adminUrl, port, cost, threads, seconds, password, rounds = 3 }) {
  const ourDb = await freshDatabase(adminUrl, "bench");
  const peerDb = await freshDatabase(adminUrl, "peer");
  const running = [];
  try {
    preparePeer(peerDir, peerDb.url);
    const [ours, peer] = servers({ root, peerDir, port, cost, threads, ourUrl: ourDb.url, peerUrl: peerDb.url });
    say("== peer: our first start migrates the fresh database …");
    await stop((await coldStart(ours)).child);

    const starts = new Map([
      [ours, []],
      [peer, []],
    ]);
    /** Starts `server`, waits 3 s and records its cold start and RSS at rest; the process keeps running. */
    const timedStart = async (server) => {
      const { child, ms } = await coldStart(server);
      running.push(child);
      await sleep(3000);
      const rest = rssMb(child.pid);
      starts.get(server).push({ ms, rest });
      return { child, ms, rest };
    };
    const perProcess = [];
    for (let round = 0; round < rounds; round++) {
      // Which starts first is swapped every round, as in the start-only pairs below, so that neither is always
      // the first start after a round's reads.
      for (const server of round % 2 === 0 ? [ours, peer] : [peer, ours]) {
        const { child, ms, rest } = await timedStart(server);
        server.child = child;
        say(`   ${server.label}: cold start ${Math.round(ms)} ms, RSS at rest ${Math.round(rest)} MB`);
      }
      for (const server of [ours, peer]) {
        const headers = await server.signIn(password);
        server.readOpts = { url: server.base + server.read, connections: 20, headers };
        server.healthOpts = { url: server.base + server.health, connections: 20 };
        const check = await fetch(server.readOpts.url, { headers });
        const body = await check.text();
        if (check.status !== 200 || body === "null") throw new Error(`${server.label} read: ${check.status} ${body}`);
        await warm(server.readOpts);
        await warm(server.healthOpts);
      }
      say(
        `== peer: the reads against these two processes (${round + 1} of ${rounds}), ${seconds / rounds} s each, taking turns …`,
      );
      const reads = scenarios(ours, peer);
      const runs = await takeTurns(null, reads, seconds / rounds);
      perProcess.push({ reads, runs });
      const [r, h, pr, ph] = summarise(reads, runs).map((m) => m.reqPerSec);
      say(
        `   read / health ${(r / h).toFixed(2)}, against Better Auth's session read ${(r / pr).toFixed(2)}× (its ${(pr / ph).toFixed(2)})`,
      );
      for (const server of [ours, peer]) {
        await stop(server.child);
        running.splice(running.indexOf(server.child), 1);
      }
    }
    say(`== peer: ${START_PAIRS} more pairs of cold starts, which starts first swapped every pair …`);
    for (let pair = 0; pair < START_PAIRS; pair++) {
      const order = pair % 2 === 0 ? [peer, ours] : [ours, peer];
      const line = [];
      for (const server of order) {
        const { child, ms } = await timedStart(server);
        line.push(`${server.label} ${Math.round(ms)} ms`);
        await stop(child);
        running.splice(running.indexOf(child), 1);
      }
      say(`   ${line.join(", ")}`);
    }
    // The processes' turns as one set: each scenario's figure is over all of them.
    const all = perProcess[0].runs.map((_, i) => ({
      raws: perProcess.flatMap(({ runs }) => runs[i].raws),
      rss: Math.max(...perProcess.map(({ runs }) => runs[i].rss)),
      cpu: perProcess.reduce((sum, { runs }) => sum + runs[i].cpu, 0),
    }));
    const [ourRead, ourHealth, peerRead, peerHealth] = summarise(perProcess[0].reads, all);
    const summary = (server, read, health) => ({
      coldStartMs: median(starts.get(server).map((s) => s.ms)),
      coldStarts: starts.get(server).map((s) => Math.round(s.ms)),
      restMb: median(starts.get(server).map((s) => s.rest)),
      read,
      health,
      peakMb: read.rss,
    });
    return {
      rows: [ourRead, ourHealth, peerRead, peerHealth],
      ours: summary(ours, ourRead, ourHealth),
      peer: summary(peer, peerRead, peerHealth),
    };
  } finally {
    for (const child of running) await stop(child);
    await ourDb.drop();
    await peerDb.drop();
  }
}

export function printPeer(f) {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  console.log(`\n### Beside Better Auth, PostgreSQL (load average now: ${load})\n`);
  console.table(f.rows.map(row));
  const verdict = (ok) => (ok ? "met" : "MISSED");
  const o = f.ours;
  const p = f.peer;
  const readRatio = o.read.reqPerSec / p.read.reqPerSec;
  const ourRh = o.read.reqPerSec / o.health.reqPerSec;
  const peerRh = p.read.reqPerSec / p.health.reqPerSec;
  console.table([
    {
      figure: "authenticated read req/s (ours / its get-session)",
      ours: o.read.reqPerSec.toFixed(0),
      "Better Auth": p.read.reqPerSec.toFixed(0),
      goal: `${readRatio.toFixed(2)}× (>= 2.5×: ${verdict(readRatio >= 2.5)})`,
    },
    {
      figure: "authenticated read / health (its get-session / ok)",
      ours: ourRh.toFixed(2),
      "Better Auth": peerRh.toFixed(2),
      goal: `>= 0.95: ${verdict(ourRh >= 0.95)}`,
    },
    {
      figure: "CPU ms per read",
      ours: o.read.cpuPerReq.toFixed(2),
      "Better Auth": p.read.cpuPerReq.toFixed(2),
      goal: "",
    },
    {
      figure: "peak RSS under the read load MB",
      ours: o.peakMb.toFixed(0),
      "Better Auth": p.peakMb.toFixed(0),
      goal: `<= its: ${verdict(o.peakMb <= p.peakMb)}`,
    },
    {
      figure: "RSS at rest MB (median)",
      ours: o.restMb.toFixed(0),
      "Better Auth": p.restMb.toFixed(0),
      goal: `<= its: ${verdict(o.restMb <= p.restMb)}`,
    },
    {
      figure: "cold start ms (median; each start)",
      ours: `${Math.round(o.coldStartMs)} (${o.coldStarts.join(", ")})`,
      "Better Auth": `${Math.round(p.coldStartMs)} (${p.coldStarts.join(", ")})`,
      goal: `<= its: ${verdict(o.coldStartMs <= p.coldStartMs)}`,
    },
  ]);
}
