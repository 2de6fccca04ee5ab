// Memory and cold start: what a start costs before and under the read load.
//  - cold start: from spawning the server to the first 200 from /api/health (polled every 20 ms), through
//    `npm start` (what a newcomer runs: npm's own start is in it) and, for later starts, `node scripts/server.mjs`
//    too (how the peer rows spawn both apps: scripts/bench/peer.mjs);
//  - RSS at rest: 3 s after that, with nothing asked of it;
//  - RSS under load: the peak while GET /api/users/me runs with 20 connections for `seconds`;
//  - threads: the process's thread count at rest and under load (/proc/<pid>/task), so the cost of
//    worker threads (bcrypt pool, PGlite) is visible;
//  - the first start (a fresh PGlite data directory or a fresh PostgreSQL database: initdb and every
//    migration), then later starts of the same server on the same database, once the one before has stopped:
//    LATER_ROUNDS rounds alternating `npm start` and `node`, the median of each. What a newcomer's first
//    `npm start` and every later one cost. On PGlite the
//    first start copies the migrated template `npm run build` makes (scripts/pglite-template.mjs, run here first
//    in case the build was a bare `next build`); without one, that start makes it.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { measure, median } from "./load.mjs";
import { rssMb, serverEnv } from "./server.mjs";

const threadsOf = (pid) => {
  try {
    return readdirSync(`/proc/${pid}/task`).length;
  } catch {
    return NaN;
  }
};

/** The node process `npm start` runs (npm → sh → node, or npm → node). */
function serverPid(npmPid) {
  const children = (pid) => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const queue = [npmPid];
  while (queue.length) {
    const pid = queue.shift();
    const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    if (/(^|\/)node$/.test(cmd[0]) && cmd.includes("scripts/server.mjs")) return pid;
    queue.push(...children(pid));
  }
  return npmPid;
}

const LATER_ROUNDS = 5;

/** Spawns `npm start` (or `node scripts/server.mjs`) and waits for its first 200; `stop()` ends it. */
async function startServerProcess({ root, port, cost, threads, env }, via = "npm") {
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const [command, args] = via === "npm" ? ["npm", ["start", "--silent"]] : [process.execPath, ["scripts/server.mjs"]];
  const child = spawn(command, args, {
    cwd: root,
    env: serverEnv({ port, cost, threads, env }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  for (const s of [child.stdout, child.stderr]) s.on("data", (d) => (output = (output + d).slice(-4000)));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let pid;
  const stop = async () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
    await exited;
    // npm exits before the server has finished closing: the next start must not find it still answering.
    for (let i = 0; pid && existsSync(`/proc/${pid}`) && i < 300; i++) await sleep(50);
    await sleep(500);
  };
  try {
    for (let i = 0; i < 6000; i++) {
      if (child.exitCode !== null) throw new Error(`${via} start exited: ${output}`);
      const ok = await fetch(`${base}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) {
        pid = serverPid(child.pid);
        return { coldStartMs: performance.now() - started, pid, stop };
      }
      await sleep(20);
    }
    throw new Error(`${via} start did not answer in 2 minutes: ${output}`);
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Cold start and RSS at rest of one start; the server keeps running. */
async function coldStart(options, via) {
  const server = await startServerProcess(options, via);
  await sleep(3000);
  return { ...server, rest: { rss: rssMb(server.pid), threads: threadsOf(server.pid) } };
}

export async function memoryFigures({ root, port, cost, threads, env, seconds, password }) {
  const base = `http://127.0.0.1:${port}`;
  const options = { root, port, cost, threads, env };
  if (!env.DATABASE_URL) {
    const made = spawnSync(process.execPath, ["scripts/pglite-template.mjs"], { cwd: root, encoding: "utf8" });
    if (made.status !== 0) throw new Error(`scripts/pglite-template.mjs failed: ${made.stderr}`);
  }
  const first = await coldStart(options);
  let figures;
  try {
    const { pid } = first;
    const me = `mem${randomBytes(4).toString("hex")}`;
    const post = async (p, body) => {
      const r = await fetch(base + p, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`${p}: ${r.status}`);
      return r.json();
    };
    await post("/api/users", { username: me, email: `${me}@example.com`, password });
    const { token } = await post("/api/sessions", { login: me, password });
    await sleep(1000);
    const signedIn = { rss: rssMb(pid), threads: threadsOf(pid) }; // the bcrypt pool's threads are up now
    const read = { url: `${base}/api/users/me`, connections: 20, headers: { authorization: `Bearer ${token}` } };
    const m = await measure(pid, "read", read, seconds);
    const load = { rss: m.rss, threads: threadsOf(pid), reqPerSec: m.reqPerSec, cpuPerReq: m.cpuPerReq };
    figures = { coldStartMs: first.coldStartMs, rest: first.rest, signedIn, load };
  } finally {
    await first.stop();
  }
  // The same server again on the same database: nothing to create, every migration already applied.
  const later = { npm: [], node: [] };
  for (let round = 0; round < LATER_ROUNDS; round++) {
    for (const via of ["npm", "node"]) {
      const again = await coldStart(options, via);
      await again.stop();
      later[via].push({ coldStartMs: again.coldStartMs, rest: again.rest });
    }
  }
  const summary = (starts) => ({
    coldStartMs: median(starts.map((s) => s.coldStartMs)),
    rounds: starts.map((s) => Math.round(s.coldStartMs)).join(", "),
    rss: median(starts.map((s) => s.rest.rss)),
    threads: starts[0].rest.threads,
  });
  return { ...figures, again: summary(later.npm), againNode: summary(later.node) };
}

export function printMemory(label, f) {
  console.log(`\n### ${label}: memory and cold start\n`);
  console.table([
    {
      start: "first (new database), npm start",
      "cold start ms (spawn → 200)": Math.round(f.coldStartMs),
      "RSS at rest MB": Math.round(f.rest.rss),
      "threads at rest": f.rest.threads,
      "RSS after a sign-up + sign-in MB": Math.round(f.signedIn.rss),
      "threads then": f.signedIn.threads,
      "RSS under read load MB (peak)": Math.round(f.load.rss),
      "threads under load": f.load.threads,
      "read req/s": Math.round(f.load.reqPerSec),
      "read CPU ms/req": f.load.cpuPerReq.toFixed(2),
    },
    ...[
      ["later (same database), npm start", f.again],
      ["later (same database), node scripts/server.mjs", f.againNode],
    ].map(([start, later]) => ({
      start,
      "cold start ms (spawn → 200)": `${Math.round(later.coldStartMs)} (median of ${later.rounds})`,
      "RSS at rest MB": Math.round(later.rss),
      "threads at rest": later.threads,
    })),
  ]);
}
