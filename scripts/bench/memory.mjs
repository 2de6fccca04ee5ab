// Memory and cold start: what `npm start` costs before and under the read load.
//  - cold start: from spawning `npm start` to the first 200 from /api/health (polled every 20 ms);
//  - RSS at rest: 3 s after that, with nothing asked of it;
//  - RSS under load: the peak while GET /api/users/me runs with 20 connections for `seconds`;
//  - threads: the process's thread count at rest and under load (/proc/<pid>/task), so the cost of
//    worker threads (bcrypt pool, PGlite) is visible;
//  - the first start (a fresh PGlite data directory or a fresh PostgreSQL database: initdb and every
//    migration) and a second start of the same server on the same database, once the first has stopped
//    (cold start and RSS at rest): what a newcomer's first `npm run dev` and every later one cost. On PGlite the
//    first start copies the migrated template `npm run build` makes (scripts/pglite-template.mjs, run here first
//    in case the build was a bare `next build`); without one, that start makes it.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { measure } from "./load.mjs";
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

/** Spawns `npm start` and waits for its first 200; `stop()` ends it. */
async function startNpm({ root, port, cost, threads, env }) {
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const npm = spawn("npm", ["start", "--silent"], {
    cwd: root,
    env: serverEnv({ port, cost, threads, env }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  for (const s of [npm.stdout, npm.stderr]) s.on("data", (d) => (output = (output + d).slice(-4000)));
  const exited = new Promise((resolve) => npm.once("exit", resolve));
  let pid;
  const stop = async () => {
    try {
      process.kill(-npm.pid, "SIGTERM");
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
      if (npm.exitCode !== null) throw new Error(`npm start exited: ${output}`);
      const ok = await fetch(`${base}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) {
        pid = serverPid(npm.pid);
        return { coldStartMs: performance.now() - started, pid, stop };
      }
      await sleep(20);
    }
    throw new Error(`npm start did not answer in 2 minutes: ${output}`);
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Cold start and RSS at rest of one start; the server keeps running. */
async function coldStart(options) {
  const server = await startNpm(options);
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
  const again = await coldStart(options);
  await again.stop();
  return { ...figures, again: { coldStartMs: again.coldStartMs, rest: again.rest } };
}

export function printMemory(label, f) {
  console.log(`\n### ${label}: memory and cold start\n`);
  console.table([
    {
      start: "first (new database)",
      "cold start ms (npm start → 200)": Math.round(f.coldStartMs),
      "RSS at rest MB": Math.round(f.rest.rss),
      "threads at rest": f.rest.threads,
      "RSS after a sign-up + sign-in MB": Math.round(f.signedIn.rss),
      "threads then": f.signedIn.threads,
      "RSS under read load MB (peak)": Math.round(f.load.rss),
      "threads under load": f.load.threads,
      "read req/s": Math.round(f.load.reqPerSec),
      "read CPU ms/req": f.load.cpuPerReq.toFixed(2),
    },
    {
      start: "second (same database)",
      "cold start ms (npm start → 200)": Math.round(f.again.coldStartMs),
      "RSS at rest MB": Math.round(f.again.rest.rss),
      "threads at rest": f.again.rest.threads,
    },
  ]);
}
