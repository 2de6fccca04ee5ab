// Opt-in memory sampling for the production server (scripts/server.mjs imports this file): with
// MEMORY_LOG_SECONDS set to a positive number, one JSON line (shaped like the app's pino lines) every that
// many seconds with process.memoryUsage() in MiB: rss (the whole process, worker threads included), the
// main isolate's V8 heap (heapUsed, heapTotal), external and arrayBuffers (Buffers, postgres.js and
// socket buffers), plus the process's V8 heap spaces worth watching (new space, old space, code). Off by
// default: nothing runs and nothing is logged. The soak run (scripts/bench/soak.mjs) reads these lines.
import { getHeapSpaceStatistics } from "node:v8";

const seconds = Number(process.env.MEMORY_LOG_SECONDS ?? 0);
const mib = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;

function sample() {
  const m = process.memoryUsage();
  const spaces = Object.fromEntries(
    getHeapSpaceStatistics()
      .filter((s) => ["new_space", "old_space", "code_space", "large_object_space"].includes(s.space_name))
      .map((s) => [s.space_name, mib(s.space_used_size)]),
  );
  const line = {
    time: new Date().toISOString(),
    level: "info",
    msg: "memory",
    rss: mib(m.rss),
    heapUsed: mib(m.heapUsed),
    heapTotal: mib(m.heapTotal),
    external: mib(m.external),
    arrayBuffers: mib(m.arrayBuffers),
    spaces,
  };
  process.stdout.write(JSON.stringify(line) + "\n");
}

if (Number.isFinite(seconds) && seconds > 0) setInterval(sample, seconds * 1000).unref();
