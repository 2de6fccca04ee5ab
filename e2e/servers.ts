import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";
import { RUN_DIR } from "./helpers";

/**
 * Extra production servers (`node scripts/server.mjs`) for the multi-instance and outage specs, on
 * ports after E2E_PORT. Their output goes to the same server.log the log audit searches.
 */
const BASE_PORT = Number(process.env.E2E_PORT ?? 3100);
export const portFor = (offset: number) => BASE_PORT + offset;

/**
 * What every e2e server runs with, the shared one (playwright.config.ts) and the specs' own (startAppServer):
 *  - bcrypt at cost 4, as in the unit tests: at cost 10 each hash and compare took ~80 ms of CPU, and four specs'
 *    servers spent 31–35 CPU s against 23 at 4 (BENCHMARKS.md, "CI, round 3"). The specs that depend on the cost
 *    pass their own (the timing test in limits.spec.ts at 10, outage at 13, the rehash from 4 to 5);
 *  - the passkey-options limits out of the way: every sign-in page view asks for options (autofill) and holds its
 *    challenge for 5 minutes, and the specs load many.
 */
export const E2E_SERVER_SETTINGS = {
  BCRYPT_COST: "4",
  LIMIT_PASSKEY_OPTIONS_IP: "10000/60",
  PASSKEY_CHALLENGES_PER_CLIENT: "10000",
};

/**
 * The per-address limits raised on a server that many tests reach at once, all from 127.0.0.1 (the shared one,
 * playwright.config.ts, and a spec's own): sign-up, sign-in and reset. The per-account limits keep their defaults
 * (e2e/limits.spec.ts). The multi-instance and outage specs set their own on purpose.
 */
export const RAISED_ADDRESS_LIMITS = {
  LIMIT_SIGN_UP_IP: "1000/3600",
  LIMIT_SIGN_IN_IP: "1000/900",
  LIMIT_RESET_IP: "1000/3600",
};

export type AppServer = {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  stop: () => Promise<number | null>;
};

export async function startAppServer(port: number, env: Record<string, string>): Promise<AppServer> {
  mkdirSync(RUN_DIR, { recursive: true });
  const log = createWriteStream(path.join(RUN_DIR, "server.log"), { flags: "a" });
  // Ends with the worker that started it, even a killed one (e2e/exit-with-parent.mjs).
  const child = spawn(process.execPath, ["--import", "./e2e/exit-with-parent.mjs", "scripts/server.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      AUTH_SECRET: "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
      ...E2E_SERVER_SETTINGS,
      APP_URL: `http://127.0.0.1:${port}`,
      // Production refuses to start without SMTP. Specs that read mail pass a real sink; for the others,
      // nothing listens on port 1: sends fail at once and are retried and logged in the background.
      SMTP_URL: "smtp://127.0.0.1:1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).status === 200) return { url, child, exited, stop };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`server on ${port} did not become healthy`);
}

/** A new, empty database on the server at `adminUrl`; `drop()` removes it. */
export async function freshDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `e2e_${randomBytes(6).toString("hex")}`;
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

/** A throwaway PostgreSQL 15 of our own (scripts/start-postgres.sh), which a test may stop and start. */
export function ownPostgres(port: number) {
  const dir = `/tmp/accounts-e2e-pg-${port}-${randomBytes(4).toString("hex")}`;
  const bin = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
  const asPg = (cmd: string) =>
    process.getuid?.() === 0
      ? spawnSync("su", ["postgres", "-s", "/bin/bash", "-c", cmd])
      : spawnSync("bash", ["-c", cmd]);
  const run = (what: string, cmd: string) => {
    const r = asPg(cmd);
    if (r.status !== 0) throw new Error(`${what} failed: ${r.stderr?.toString() ?? ""}`);
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir,
    /** A shell command that crashes the server (no shutdown checkpoint), as a power cut would. */
    crashCommand: () =>
      process.getuid?.() === 0
        ? `su postgres -s /bin/bash -c "'${bin}/pg_ctl' -D '${dir}' -m immediate -w stop"`
        : `'${bin}/pg_ctl' -D '${dir}' -m immediate -w stop`,
    start: () => {
      const r = spawnSync("bash", ["scripts/start-postgres.sh", String(port), dir], {
        env: { ...process.env, PG_BIN: bin },
      });
      if (r.status !== 0) throw new Error(`starting PostgreSQL failed: ${r.stderr.toString()}`);
    },
    stop: () => run("stopping PostgreSQL", `'${bin}/pg_ctl' -D '${dir}' -m fast -w stop`),
    destroy: () => {
      asPg(`'${bin}/pg_ctl' -D '${dir}' -m immediate -w stop`);
      spawnSync("rm", ["-rf", dir]);
    },
  };
}
