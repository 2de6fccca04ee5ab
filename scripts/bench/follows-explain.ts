// `node --import tsx --conditions=react-server scripts/bench/follows-explain.ts <username>`, run by the bench
// (scripts/bench/follows.mjs) against its database (DATABASE_URL or PGLITE_DIR) once the follow rows are in.
// For the feed, the profile's counts and the two lists it times the very lib/ calls the routes make (sequential
// calls, median and p95), then prints EXPLAIN ANALYZE of each one's statement, and exits non-zero when one of
// them reads a table whole (a Seq Scan on follows, posts or users).
import { sql, type SQL } from "drizzle-orm";
import { closeDb, getDb } from "../../db/client";
import { followListStatement, followPage } from "../../lib/follows/lists";
import { feedPage, feedStatement } from "../../lib/posts/feed";
import { getPublicProfile, profileQuery } from "../../lib/users/public-profile";

const [username] = process.argv.slice(2);
if (!username) {
  console.error("usage: follows-explain.ts <username>");
  process.exit(2);
}
const ROUNDS = Number(process.env.BENCH_FOLLOW_ROUNDS ?? 200);
const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : ((r as { rows?: T[] }).rows ?? []));
const db = await getDb();
const [me] = rowsOf<{ id: string }>(await db.execute(sql`select id from users where username = ${username}`));
if (!me) throw new Error(`no account ${username}`);
const typical = "bf1"; // an account with the usual 49 followers and 49 follows
const counts = await getPublicProfile(username);

const reads: [string, () => Promise<unknown>, SQL][] = [
  [
    `feed (follows ${counts?.following} accounts)`,
    () => feedPage(me.id, { limit: 20 }),
    feedStatement(me.id, { limit: 20 }),
  ],
  [
    `profile counts (${counts?.followers} followers)`,
    () => getPublicProfile(username, me.id),
    profileQuery(db, username, me.id).getSQL(),
  ],
  ["profile counts (49 followers)", () => getPublicProfile(typical, me.id), profileQuery(db, typical, me.id).getSQL()],
  [
    `followers, first page (of ${counts?.followers})`,
    () => followPage(username, "followers", { limit: 20 }),
    followListStatement(username, "followers", { limit: 20 }),
  ],
  [
    "following, first page",
    () => followPage(username, "following", { limit: 20 }),
    followListStatement(username, "following", { limit: 20 }),
  ],
];

const table: Record<string, string | number>[] = [];
for (const [name, call] of reads) {
  for (let i = 0; i < 10; i++) await call(); // warm
  const ms: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await call();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(2);
  table.push({ read: name, calls: ROUNDS, "median ms": at(0.5), "p95 ms": at(0.95) });
}
console.table(table);

let whole = 0;
for (const [name, , statement] of reads) {
  const plan = rowsOf<Record<string, unknown>>(
    await db.execute(sql`explain (analyze, costs off, buffers off) ${statement}`),
  ).map((r) => String(Object.values(r)[0]));
  const seq = plan.filter((line) => /Seq Scan on (follows|posts|users)\b/.test(line));
  whole += seq.length;
  console.log(`\n#### ${name}: ${seq.length ? "READS A TABLE WHOLE" : "one statement, index scans only"}\n`);
  console.log(plan.map((line) => `    ${line}`).join("\n"));
}
await closeDb();
process.exit(whole ? 1 : 0);
