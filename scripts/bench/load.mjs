// Load runs with autocannon, measured the same way: requests/s over the whole run, latency
// percentiles from autocannon's histogram, the server's peak RSS and its CPU time per request.
import autocannon from "autocannon";
import { cpuMs, rssMb } from "./server.mjs";

const once = (opts) => autocannon({ ...opts, skipAggregateResult: true });

/** Merges autocannon's raw results (one scenario, one or several runs) into one measurement. */
function merge(name, opts, raws, extra) {
  const r = autocannon.aggregateResult(raws, { url: opts.url });
  const seconds = raws.reduce((a, x) => a + x.duration, 0);
  const completed = raws.reduce((a, x) => a + x.totalCompletedRequests, 0);
  return {
    name,
    completed,
    reqPerSec: completed / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx + r.errors + r.timeouts,
    codes: codes(r),
    ...extra,
  };
}

/** "409×12 503×3": what the non-2xx answers were. */
function codes(r) {
  return Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith("2"))
    .map(([code, { count }]) => `${code}×${count}`)
    .concat(r.errors ? [`errors×${r.errors}`] : [], r.timeouts ? [`timeouts×${r.timeouts}`] : [])
    .join(" ");
}

async function sampling(pid, work) {
  let peak = rssMb(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 500);
  const cpuBefore = cpuMs(pid);
  try {
    const value = await work();
    return { value, rss: Math.max(peak, rssMb(pid)), cpu: cpuMs(pid) - cpuBefore };
  } finally {
    clearInterval(sampler);
  }
}

/** The middle value (the lower of the two middle ones for an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** One scenario alone for `seconds`. */
export async function measure(pid, name, opts, seconds) {
  const { value, rss, cpu } = await sampling(pid, () => once({ ...opts, duration: seconds }));
  const m = merge(name, opts, [value], { rss });
  return { ...m, cpuPerReq: cpu / m.completed };
}

/** Several scenarios at once for `seconds` (e.g. reads while sign-ins run): one measurement each. */
export async function together(pid, scenarios, seconds) {
  const { value, rss } = await sampling(pid, () =>
    Promise.all(scenarios.map(({ opts }) => once({ ...opts, duration: seconds }))),
  );
  return scenarios.map(({ name, opts }, i) => merge(name, opts, [value[i]], { rss, cpuPerReq: NaN }));
}

/**
 * Scenarios taking turns, `rounds` times, `seconds` in all each: on a VM whose speed drifts from
 * minute to minute, two scenarios compared with each other must be measured at the same moments.
 * A scenario's own `pid` (two servers side by side) overrides the one given.
 *
 * One more round runs first and is not counted: in the peer runs the first round ran slow even after the warm-ups
 * (our `me` 640–880 req/s against ~1,000 from the second round on, Better Auth's get-session 190–280 against ~350;
 * BENCHMARKS.md, "Issue 34, round 7"). Every other round takes the scenarios in reverse order (A B B A …), so
 * that no scenario always follows the same one.
 */
export async function interleaved(pid, scenarios, seconds, rounds = 6) {
  return summarise(scenarios, await takeTurns(pid, scenarios, seconds, rounds));
}

/**
 * interleaved()'s turns without the summary: each scenario's raw results, peak RSS and CPU, so that turns taken
 * against several server processes can make one figure (scripts/bench/peer.mjs).
 */
export async function takeTurns(pid, scenarios, seconds, rounds = 6) {
  const runs = scenarios.map(() => ({ raws: [], rss: 0, cpu: 0 }));
  for (let round = -1; round < rounds; round++) {
    const order = [...scenarios.entries()];
    if (round % 2 !== 0) order.reverse();
    for (const [i, { opts, pid: own }] of order) {
      const { value, rss, cpu } = await sampling(own ?? pid, () => once({ ...opts, duration: seconds / rounds }));
      if (round < 0) continue; // the warm-up round
      runs[i].raws.push(value);
      runs[i].rss = Math.max(runs[i].rss, rss);
      runs[i].cpu += cpu;
    }
  }
  return runs;
}

/** One measurement per scenario from takeTurns' runs. */
export function summarise(scenarios, runs) {
  return scenarios.map(({ name, opts }, i) => {
    const m = merge(name, opts, runs[i].raws, { rss: runs[i].rss });
    return { ...m, cpuPerReq: runs[i].cpu / m.completed };
  });
}

/** A warm-up run whose figures are thrown away (JIT, connection pools, the bcrypt threads). */
export async function warm(opts, seconds = 2) {
  await once({ ...opts, duration: seconds });
}

export function row(m) {
  return {
    scenario: m.name,
    "req/s": m.reqPerSec.toFixed(1),
    "p50 ms": m.p50,
    "p99 ms": m.p99,
    "non-2xx": m.non2xx,
    "RSS MB": m.rss.toFixed(0),
    "CPU ms/req": Number.isFinite(m.cpuPerReq) ? m.cpuPerReq.toFixed(2) : "",
    codes: m.codes,
  };
}
