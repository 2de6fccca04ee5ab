// The production server: Next.js behind a plain Node HTTP server, so that
//  - the socket's address reaches the app (Next.js lets a client-sent X-Forwarded-For stand in for it),
//  - SIGTERM stops taking connections and mail sends (lib/email/outbox-worker.ts), lets requests and
//    the send in flight finish, then closes the database pool. What is left in the outbox is sent by
//    the next start or another instance.
import { readFileSync } from "node:fs";
import http from "node:http";
import { setFlagsFromString } from "node:v8";
import path from "node:path";
import { openPgliteEarly } from "../db/pglite-spawn.mjs";
import { clientErrorAnswer, isApiPathWithDotSegment, NOT_FOUND_BODY } from "../lib/http/early-answers.mjs";
import { API_CSP, FIXED_SECURITY_HEADERS } from "../lib/http/static-headers.mjs";
import { wellFormedTarget } from "../lib/http/well-formed-path.mjs";
import { compileCacheDir, startCompileCache } from "./compile-cache.mjs";
import "./memory-sampler.mjs"; // MEMORY_LOG_SECONDS: a memory line every that many seconds (off by default)
import {
  announceSocketAddresses,
  answer503OnOutage,
  runRequest,
  shutDown,
  startUpFinished,
  stopWork,
} from "../lib/process-store.mjs";

/**
 * V8's heap flags, one set while the server starts and one once its port is open (V8 reads both at every
 * collection, so they can be set here rather than on the command line):
 *  - `--heap-growing-percent`: how far the old generation may grow past what the last full collection kept before
 *    it collects again. Left to itself, V8 on a machine with gigabytes of memory lets it grow up to 4× (BENCHMARKS.md,
 *    "read path and memory"): every request leaves objects that only a full collection frees (the AbortSignal
 *    Next.js gives each request is held by a FinalizationRegistry until then), so under a read load the old
 *    generation filled with ~120 MB of them before each collection. HEAP_GROWING_PERCENT=0 leaves it to V8. Not
 *    while starting: then the heap only grows, and the lower limit made V8 collect it over and over for nothing
 *    (~40 ms of a cold start's CPU).
 *  - `--semi-space-growth-factor`: while starting, the young generation keeps its first size. Loading Next.js grew
 *    it to its largest, and nothing shrinks it while the server is idle: ~8 MB of RSS at rest, for no time saved
 *    (BENCHMARKS.md, round 12). Under load it grows as V8 sees fit.
 * 0 and 2 are V8's defaults. Both sets are set once each, before the code cache (below) compiles anything and
 * once the port is open.
 */
const growing = Number(process.env.HEAP_GROWING_PERCENT ?? 75);
const HEAP_FLAGS_STARTING = "--semi-space-growth-factor=1 --heap-growing-percent=0";
const HEAP_FLAGS_SERVING = `--semi-space-growth-factor=2 --heap-growing-percent=${Number.isInteger(growing) && growing > 0 ? growing : 0}`;
let heapFlags = HEAP_FLAGS_STARTING;
setFlagsFromString(heapFlags);
const serveHeapFlags = () => {
  heapFlags = HEAP_FLAGS_SERVING;
  setFlagsFromString(heapFlags);
};

/** The build's id, from `.next/BUILD_ID`; undefined before a build (Next.js then reports that itself). */
function buildId() {
  try {
    return readFileSync(path.join(".next", "BUILD_ID"), "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** One JSON line, shaped like the app's pino lines. */
function log(level, msg, fields = {}) {
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }) + "\n");
}

// On PGlite, its thread starts opening the database now, on the other core, while this thread loads Next.js
// (db/pglite-spawn.mjs); db/client.ts takes it over when start-up asks for the database. The port still opens
// only once start-up (the environment check, then the migrations) has finished, below.
const onPglite = openPgliteEarly(process.env);
// Next.js's modules and the build's server chunks from V8's code cache (scripts/compile-cache.mjs), one for each
// build and database (PGlite's flag, db/pglite-v8.mjs, is kept in every entry). COMPILE_CACHE=0 turns it off.
const compileCache = startCompileCache(
  process.env.COMPILE_CACHE === "0"
    ? undefined
    : compileCacheDir(path.join(".next", "cache", "compile"), buildId(), onPglite ? "pglite" : "postgresql"),
  {
    roots: [path.join("node_modules", "next", "dist"), path.join(".next", "server")].map(
      (root) => path.resolve(root) + path.sep,
    ),
    flagsNow: () => heapFlags,
  },
);
const { default: next } = await import("next");

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";
const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();

// Next.js runs instrumentation.ts (lib/startup/start.ts: the environment check, then the migrations) just
// after prepare(), without waiting for it. The port opens only once that has finished, so a bad
// environment never takes a connection and a load balancer sees a new instance only after its
// migrations. lib/startup/start.ts reports back through lib/process-store.mjs when it is done.
announceSocketAddresses();
const started = startUpFinished();
await app.prepare();
let timer;
const late = new Promise((resolve) => (timer = setTimeout(resolve, 60_000, "late")));
if ((await Promise.race([started, late])) === "late")
  log("warn", "start-up did not report back in 60 s; listening anyway");
clearTimeout(timer);

const server = http.createServer((req, res) => {
  const context = { ip: req.socket.remoteAddress ?? null, databaseUnavailable: false };
  answer503OnOutage(res, context); // a page broken by a database outage answers 503, not 500
  // Next.js answers a path that does not percent-decode (`/u/%ED%A0%80`) with a bare 500 before our code
  // runs; re-encoded, it reaches the route, whose parameter schema answers 404.
  req.url = wellFormedTarget(req.url ?? "/");
  if (isApiPathWithDotSegment(req.url)) {
    // Next.js would resolve `/api/users/%2E%2E` to `/api` and answer a redirect out of the route.
    res.writeHead(404, {
      "Content-Security-Policy": API_CSP,
      ...FIXED_SECURITY_HEADERS,
      "Content-Type": "application/problem+json",
      "Cache-Control": "no-store",
    });
    res.end(NOT_FOUND_BODY);
    return;
  }
  runRequest(context, () => handle(req, res));
});
// A request Node.js cannot parse (a path, query or headers past its 16 KiB limit; not HTTP at all) gets the
// API's problem document with its status (431, 408, 400) instead of a bare status line.
server.on("clientError", (error, socket) => {
  if (error.code === "ECONNRESET" || !socket.writable) return socket.destroy();
  socket.end(clientErrorAnswer(error.code));
});
server.keepAliveTimeout = 5000;
server.listen(port, hostname, () => {
  log("info", "listening", { port, modules: compileCache?.counts }); // modules: read from the code cache, compiled
  serveHeapFlags();
});

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  log("info", "stopping", { signal });
  setTimeout(() => process.exit(1), 15_000).unref();
  void stopWork(); // no new mail sends from now on; shutDown() waits for the one in flight
  server.close(async () => {
    compileCache?.save(); // what the last while loaded, for the next start
    await shutDown(); // the database pool and the bcrypt threads, registered by lib/
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.once("SIGTERM", () => stop("SIGTERM"));
process.once("SIGINT", () => stop("SIGINT"));
