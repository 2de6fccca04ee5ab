// The soak run (BENCH_ONLY=soak): one production server under mixed traffic from both kinds of client for
// BENCH_SOAK_MINUTES (30 by default), its memory sampled every BENCH_SOAK_SAMPLE_SECONDS (15), to show whether
// RSS and the V8 heap settle or keep growing.
//  - memory: the server logs process.memoryUsage() itself (MEMORY_LOG_SECONDS, scripts/memory-sampler.mjs):
//    rss is the whole process (worker threads included), heapUsed/heapTotal the main isolate's V8 heap;
//  - traffic: BENCH_SOAK_CLIENTS (4) clients in a closed loop, each step one action drawn by weight (ACTIONS):
//    sign-ups (their verification mail caught by a mail sink here and confirmed), API sign-ins and sign-outs,
//    wrong passwords, the browser's Auth.js credentials flow (CSRF token, cookies), bearer reads, profile
//    edits, posts, follows and unfollows, and the pages (home, a profile, the account, the feed, the activity);
//  - verdict: a least-squares slope over the last half of the samples; settled when what it adds across
//    that half is under 5% of the half's mean (the slope and what two hours at it would add are printed too).
//    For the heap used, the slope of its floor (the lowest sample in the minute to each), not of the saw
//    the collections draw;
//  - BENCH_SOAK_NODE_FLAGS: flags for the server's node (a V8 heap flag to compare, say);
//  - BENCH_SOAK_HEAP_SNAPSHOTS=<dir>: the server writes V8 heap snapshots there (SIGUSR2) a third of the
//    way in and at the end, to compare in Chrome's DevTools (Memory → Comparison); at other times with
//    BENCH_SOAK_SNAPSHOT_MINUTES (a list: "12,30"; the end's is always taken);
//  - BENCH_SOAK_SMTP_DELAY_MS: the mail sink answers each message that much later (a slow relay): mail is then
//    queued faster than it is sent, and the outbox is never empty;
//  - BENCH_SOAK_SERVER_LOG=<file>: the server's stdout (its log lines, and --trace-gc's with that flag) there.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { startMailSink } from "../mail-sink.mjs";
import { serverEnv, waitHealthy } from "./server.mjs";

// Mostly reads and pages, as a site's traffic is; about one step in eight compares a password (bcrypt).
const WEIGHTS = {
  signUp: 2,
  apiSignIn: 3,
  wrongPassword: 2,
  browserSignIn: 2,
  page: 14,
  read: 30,
  profileEdit: 5,
  post: 4,
  follow: 6,
};

/** A small cookie jar: name → value, from Set-Cookie headers. */
function remember(jar, response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(";");
    const at = pair.indexOf("=");
    const name = pair.slice(0, at).trim();
    const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || pair.slice(at + 1) === "";
    if (expired) jar.delete(name);
    else jar.set(name, pair.slice(at + 1));
  }
}
const cookieHeader = (jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

const pick = (list) => list[Math.floor(Math.random() * list.length)];

function weighted() {
  const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
  let r = Math.random() * total;
  for (const [name, w] of Object.entries(WEIGHTS)) if ((r -= w) < 0) return name;
  return "read";
}

/** Least-squares slope of y over x (minutes). */
function slope(points) {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxy = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return { perMinute: sxx ? sxy / sxx : 0, mean: my };
}

export async function soak({ root, port, cost, threads, env, minutes, sampleSeconds, clients, password }) {
  const base = `http://127.0.0.1:${port}`;
  const tokens = new Map(); // email → the verification token mailed to it
  let mails = 0; // messages the sink has received: how fast the outbox sends
  const sink = await startMailSink({
    port: port + 1,
    delayMs: Number(process.env.BENCH_SOAK_SMTP_DELAY_MS ?? 0),
    onMessage(m) {
      mails++;
      const token = /verify-email\?token=([A-Za-z0-9_-]+)/.exec(m.text)?.[1];
      if (token) for (const to of m.to) tokens.set(to.toLowerCase(), token);
    },
  });
  const snapshots = process.env.BENCH_SOAK_HEAP_SNAPSHOTS;
  const child = spawn(
    process.execPath,
    [
      // BENCH_SOAK_NODE_FLAGS: V8 or Node flags to compare (e.g. "--max-old-space-size=160").
      ...(process.env.BENCH_SOAK_NODE_FLAGS?.split(" ").filter(Boolean) ?? []),
      ...(snapshots ? ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${snapshots}`] : []),
      "scripts/server.mjs",
    ],
    {
      cwd: root,
      env: {
        ...serverEnv({ port, cost, threads, env }),
        SMTP_URL: `smtp://127.0.0.1:${port + 1}`,
        MEMORY_LOG_SECONDS: String(sampleSeconds),
        LIMIT_POST_ACCOUNT: "1000000/3600",
        LIMIT_FOLLOW_ACCOUNT: "1000000/3600",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  child.lastErrors = () => stderr;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const started = performance.now();
  const counts = {}; // action → { ok, codes: {status: n} }
  let requests = 0;
  const samples = [];
  const snapshotsAt = []; // minutes: writing a heap snapshot grows RSS by hundreds of MiB, for good
  if (process.env.BENCH_SOAK_SERVER_LOG) child.stdout.pipe(createWriteStream(process.env.BENCH_SOAK_SERVER_LOG));
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (!line.includes('"msg":"memory"')) return;
    try {
      const m = JSON.parse(line);
      samples.push({ minutes: (performance.now() - started) / 60_000, requests, mails, ...m });
    } catch {
      // another line
    }
  });

  const count = (action, status) => {
    const c = (counts[action] ??= { n: 0, unexpected: {} });
    c.n++;
    if (status !== true) c.unexpected[status] = (c.unexpected[status] ?? 0) + 1;
  };
  // `excused`: an answer that is right at this moment although not the one expected (see bearer below).
  const call = async (action, pathname, init = {}, expected = [200], excused = () => false) => {
    requests++;
    try {
      const res = await fetch(base + pathname, { redirect: "manual", ...init });
      const body = await res.text();
      count(action, expected.includes(res.status) || excused(res.status) ? true : res.status);
      return { res, body };
    } catch (error) {
      count(action, error.cause?.code ?? error.name);
      return { res: null, body: "" };
    }
  };
  const jsonInit = (method, body, token) => ({
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

  const people = [];
  const prefix = randomBytes(3).toString("hex");
  let made = 0;
  async function signUp() {
    const username = `s${prefix}${(made++).toString(36)}`;
    const person = { username, email: `${username}@example.com`, token: null, jar: new Map(), verified: false };
    const { res } = await call("signUp", "/api/users", jsonInit("POST", { ...person, password }), [201]);
    if (res?.status === 201) people.push(person);
  }
  async function verifyPending() {
    for (const p of people) {
      const token = !p.verified && tokens.get(p.email);
      if (!token) continue;
      tokens.delete(p.email);
      const { res } = await call("verify", "/api/email-verifications/confirm", jsonInit("POST", { token }), [204]);
      p.verified = res?.status === 204;
    }
  }
  // A bearer call whose token another client of the same person signed out meanwhile is rightly a 401.
  const bearer = (p, action, pathname, init, expected) => {
    const token = p.token;
    return call(action, pathname, init(token), expected, (status) => status === 401 && p.token !== token);
  };
  async function apiSignIn(p) {
    if (p.token && Math.random() < 0.5) {
      const old = p.token;
      p.token = null; // the person's other clients' calls with it are rightly 401 from now on
      await call("apiSignOut", "/api/sessions/current", jsonInit("DELETE", undefined, old), [204]);
    }
    const { res, body } = await call(
      "apiSignIn",
      "/api/sessions",
      jsonInit("POST", { login: p.username, password }),
      [201],
    );
    if (res?.status === 201) p.token = JSON.parse(body).token;
  }
  async function browserSignIn(p) {
    const jar = new Map(); // a new browser: the person's pages use it once it is signed in
    const csrf = await call("browserSignIn", "/api/auth/csrf");
    if (!csrf.res) return;
    remember(jar, csrf.res);
    const { csrfToken } = JSON.parse(csrf.body);
    const form = new URLSearchParams({ csrfToken, login: p.username, password, callbackUrl: "/account" });
    const { res } = await call(
      "browserSignIn",
      "/api/auth/callback/credentials",
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
        body: form.toString(),
      },
      [302, 303],
    );
    if (!res) return;
    remember(jar, res);
    p.jar = jar;
  }
  const actions = {
    signUp,
    apiSignIn,
    browserSignIn,
    wrongPassword: (p) =>
      call(
        "wrongPassword",
        "/api/sessions",
        jsonInit("POST", { login: p.username, password: "not-the-password-1" }),
        [401],
      ),
    async page(p) {
      if (!p.jar.size) return browserSignIn(p);
      const other = pick(people);
      const where = pick(["/", `/u/${other.username}`, "/account", "/feed", "/account/security/activity"]);
      const jar = p.jar;
      // A browser replaced meanwhile by the person's next sign-in may have been signed out: a redirect then.
      await call(
        `page ${where.replace(other.username, "{name}")}`,
        where,
        { headers: { cookie: cookieHeader(jar) } },
        [200],
        (status) => status === 307 && p.jar !== jar,
      );
    },
    async read(p) {
      if (!p.token) return apiSignIn(p);
      const other = pick(people);
      const where = pick(["/api/users/me", "/api/users/me", "/api/users/me/events", `/api/users/${other.username}`]);
      await bearer(p, `read ${where.replace(other.username, "{name}")}`, where, (t) => jsonInit("GET", undefined, t));
    },
    async profileEdit(p) {
      if (!p.token) return apiSignIn(p);
      const bio = `soak ${randomBytes(6).toString("hex")}`;
      await bearer(p, "profileEdit", "/api/users/me", (t) => jsonInit("PATCH", { displayName: p.username, bio }, t));
    },
    async post(p) {
      if (!p.token) return apiSignIn(p);
      if (!p.verified) return;
      const body = { title: `Soak ${randomBytes(3).toString("hex")}`, body: "A post from the soak run." };
      await bearer(p, "post", "/api/posts", (t) => jsonInit("POST", body, t), [201]);
    },
    async follow(p) {
      if (!p.token) return apiSignIn(p);
      const other = pick(people);
      if (other === p) return;
      const method = Math.random() < 0.7 ? "PUT" : "DELETE";
      const where = `/api/users/${other.username}/follow`;
      await bearer(p, `follow ${method}`, where, (t) => jsonInit(method, undefined, t), [204]);
    },
  };

  const snapshotTimers = [];
  // Minutes into the traffic, before the end's (always taken): a third of the way unless
  // BENCH_SOAK_SNAPSHOT_MINUTES says.
  const snapshotMinutes = (process.env.BENCH_SOAK_SNAPSHOT_MINUTES ?? `${minutes / 3}`)
    .split(",")
    .map(Number)
    .filter((m) => m > 0 && m < minutes);
  try {
    await waitHealthy(child, base);
    for (let i = 0; i < 12; i++) await signUp();
    const deadline = performance.now() + minutes * 60_000;
    const snapshot = () => {
      snapshotsAt.push((performance.now() - started) / 60_000);
      child.kill("SIGUSR2");
    };
    if (snapshots) for (const m of snapshotMinutes) snapshotTimers.push(setTimeout(snapshot, m * 60_000));
    const loop = async () => {
      while (performance.now() < deadline && child.exitCode === null) {
        await actions[weighted()](pick(people));
        if (Math.random() < 0.05) await verifyPending();
      }
    };
    await Promise.all(Array.from({ length: clients }, loop));
    if (child.exitCode !== null) throw new Error(`server exited: ${child.lastErrors()}`);
    await sleep(sampleSeconds * 1000 + 500); // one last sample at rest
    if (snapshots) {
      snapshot();
      await sleep(15_000);
    }
  } finally {
    snapshotTimers.forEach(clearTimeout);
    child.kill("SIGTERM");
    await exited;
    sink.server.close();
  }
  return { samples, counts, requests, minutes, clients, cost, snapshotsAt };
}

/**
 * The V8 heap's used size is a saw (it climbs between collections): its floor, the lowest sample in the
 * minute up to each sample, is what the heap keeps, and what must not climb.
 */
function floorOf(samples, key) {
  return samples.map((s) => ({
    ...s,
    [`${key}Floor`]: Math.min(
      ...samples.filter((o) => o.minutes > s.minutes - 1 && o.minutes <= s.minutes).map((o) => o[key]),
    ),
  }));
}

function verdictOf(samples, key) {
  const half = samples.slice(Math.floor(samples.length / 2));
  const { perMinute, mean } = slope(half.map((s) => ({ x: s.minutes, y: s[key] })));
  const span = half.at(-1).minutes - half[0].minutes;
  const added = perMinute * span;
  return { perMinute, added, mean, settled: added < 0.05 * mean, twoHours: perMinute * 120 };
}

export function printSoak(label, r) {
  console.log(
    `\n### ${label}: soak, ${r.minutes} min, ${r.clients} clients, BCRYPT_COST=${r.cost}, ${r.requests} requests\n`,
  );
  if (r.snapshotsAt.length)
    console.log(
      `heap snapshots at ${r.snapshotsAt.map((m) => m.toFixed(1)).join(", ")} min: RSS after them is not comparable\n`,
    );
  let previous = { minutes: 0, requests: 0, mails: 0 };
  console.table(
    r.samples.map((s) => {
      const seconds = (s.minutes - previous.minutes) * 60;
      const rate = (s.requests - previous.requests) / seconds;
      const mailRate = (s.mails - previous.mails) / seconds;
      previous = s;
      return {
        min: s.minutes.toFixed(1),
        requests: s.requests,
        "req/s": rate.toFixed(0),
        "mail/s": mailRate.toFixed(1),
        "RSS MiB": s.rss,
        "heap used": s.heapUsed,
        "heap total": s.heapTotal,
        "old space": s.spaces?.old_space,
        external: s.external,
        arrayBuffers: s.arrayBuffers,
      };
    }),
  );
  console.table(
    Object.entries(r.counts).map(([action, c]) => ({
      action,
      requests: c.n,
      unexpected: Object.entries(c.unexpected)
        .map(([code, n]) => `${code}×${n}`)
        .join(" "),
    })),
  );
  if (r.samples.length < 4) return console.log("too few samples for a verdict");
  const samples = floorOf(r.samples, "heapUsed");
  for (const [key, name] of [
    ["rss", "RSS"],
    ["heapUsedFloor", "V8 heap used (its floor: the lowest in the minute to each sample)"],
    ["heapTotal", "V8 heap total"],
  ]) {
    const v = verdictOf(samples, key);
    console.log(
      `${name}: ${v.perMinute >= 0 ? "+" : ""}${v.perMinute.toFixed(2)} MiB/min over the last half ` +
        `(${v.added.toFixed(1)} MiB across it, mean ${v.mean.toFixed(0)} MiB; two hours at that slope: ` +
        `${v.twoHours.toFixed(0)} MiB): ${v.settled ? "settled" : "GROWING"}`,
    );
  }
}
