// The production server the bench drives: `node scripts/server.mjs` as a child process, with what it
// needs to start in production and the rate limits configured out of the way.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";

const LIMITS = {
  LIMIT_SIGN_IN_FAILURES_ACCOUNT_IP: "1000000/900",
  LIMIT_SIGN_IN_FAILURES_ACCOUNT: "1000000/3600",
  LIMIT_SIGN_IN_IP: "1000000/900",
  LIMIT_SIGN_UP_IP: "1000000/3600",
};

let current; // the server now running, stopped however the bench ends
process.once("exit", () => current?.kill("SIGTERM"));
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => process.exit(130));

/** Refuses to start when something already answers on the port: its figures would be measured instead. */
export async function assertPortFree(base) {
  const answered = await fetch(`${base}/api/health`).then(
    () => true,
    () => false,
  );
  if (answered) throw new Error(`something already answers on ${base}: stop it, or set BENCH_PORT`);
}

/** The environment the bench's servers run with. */
export function serverEnv({ port, cost, threads, env }) {
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    BCRYPT_COST: String(cost),
    BCRYPT_THREADS: String(threads),
    CLEANUP_INTERVAL_SECONDS: "0",
    APP_URL: `http://127.0.0.1:${port}`,
    // Production needs SMTP; nothing listens on port 1, so sign-up mail fails at once in the background.
    SMTP_URL: "smtp://127.0.0.1:1",
    ...LIMITS,
    ...env,
  };
}

export function startServer({ root, port, cost, threads, env }) {
  const child = spawn(process.execPath, ["scripts/server.mjs"], {
    cwd: root,
    env: serverEnv({ port, cost, threads, env }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  child.exited = new Promise((resolve) => child.once("exit", resolve));
  child.lastErrors = () => stderr;
  current = child;
  return child;
}

export async function waitHealthy(child, base) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${child.lastErrors()}`);
    try {
      if ((await fetch(`${base}/api/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error("server did not become healthy");
}

export async function stopServer(child) {
  child.kill("SIGTERM");
  await child.exited;
}

/** The process's resident memory now, in MB (worker threads included). */
export function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU time the process has used so far (user + system, every thread), in ms. */
export function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

/** A fresh database on the admin URL's server, for one bench run: its URL and a function that drops it. */
export async function freshDatabase(adminUrl, prefix) {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
