// The follows scenario of `npm run bench` (issue 33): 1,000,000 follow rows, then the feed, the profile's
// counts and the two lists over HTTP, and EXPLAIN ANALYZE of each statement (scripts/bench/follows-explain.ts).
//
// The rows: BENCH_FOLLOW_USERS (20,000) accounts, each following 49 others (980,000 rows) and the bench's own
// account (20,000 more: it is the most-followed account there is, the worst case for its counts and its
// followers list); the bench account follows the first 200, who have written 2 posts each.
import { spawnSync } from "node:child_process";

export const FOLLOW_USERS = Number(process.env.BENCH_FOLLOW_USERS ?? 20_000);
const PER_USER = 49;
const FOLLOWED = 200;

/** The statements that write the rows; `$1` is the bench account's username. */
export function followSeed() {
  const n = FOLLOW_USERS;
  const id = (g) => `md5('bench-follow-' || ${g})::uuid`;
  return [
    `insert into users (id, username, username_key, email)
     select ${id("g")}, 'bf' || g, 'bf' || g, 'bf' || g || '@example.com' from generate_series(1, ${n}) g`,
    // Follower g follows g + 397k (mod n), k = 1..49: distinct, never itself (397k is never a multiple of n).
    `insert into follows (follower_id, followee_id, created_at)
     select ${id("g")}, ${id("((g - 1 + 397 * k) % " + n + ") + 1")},
       now() - ((g * ${PER_USER} + k) * interval '1 second')
     from generate_series(1, ${n}) g, generate_series(1, ${PER_USER}) k`,
    `insert into follows (follower_id, followee_id, created_at)
     select ${id("g")}, u.id, now() - (g * interval '1 second')
     from generate_series(1, ${n}) g, (select id from users where username = $1) u`,
    `insert into follows (follower_id, followee_id)
     select u.id, ${id("g")} from generate_series(1, ${FOLLOWED}) g, (select id from users where username = $1) u`,
    `insert into posts (id, author_id, title, body, created_at)
     select translate(substr(encode(sha256(convert_to('bench-post-' || g || '-' || k, 'UTF8')), 'base64'), 1, 22), '+/', '-_'),
       ${id("g")}, 'Post ' || k || ' of bf' || g, 'Words.', now() - ((g * 2 + k) * interval '1 minute')
     from generate_series(1, ${FOLLOWED}) g, generate_series(1, 2) k`,
    `analyze users`,
    `analyze follows`,
    `analyze posts`,
  ];
}

/** The bench's own account, made by SQL (nothing here signs in: the figures are the statements' own). */
export const BENCH_FOLLOWER = "benchfollows";

/**
 * Runs `node --import tsx scripts/bench/<script>` against the database `env` names (DATABASE_URL or
 * PGLITE_DIR), printing what it prints; true when it exits 0.
 */
function runScript(root, env, script, args = []) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", script, ...args], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      AUTH_SECRET: "bench-follows-".padEnd(40, "x"),
      SMTP_URL: "smtp://127.0.0.1:1",
      APP_URL: "http://127.0.0.1:1",
      ...env,
    },
    encoding: "utf8",
  });
  process.stdout.write(r.stdout);
  if (r.status !== 0) process.stderr.write(r.stderr.slice(-4000));
  return r.status === 0;
}

/**
 * The follows figures on one database: migrate it, write the rows through `exec(text, params)`, `close` the
 * connection (PGlite is single-process), then time the four reads through lib/ and EXPLAIN each
 * (scripts/bench/follows-explain.ts). False when a statement reads a table whole.
 */
export async function benchFollows({ root, label, env, exec, close }) {
  const say = (line) => process.stderr.write(line + "\n");
  say(
    `\n== ${label}: follows: migrating, then writing ${(FOLLOW_USERS * (PER_USER + 1)).toLocaleString("en")} follow rows …`,
  );
  if (!runScript(root, env, "scripts/migrate.ts")) throw new Error("migration failed");
  const started = Date.now();
  await exec(
    `insert into users (username, username_key, email) values ('${BENCH_FOLLOWER}', '${BENCH_FOLLOWER}', '${BENCH_FOLLOWER}@example.com')`,
  );
  for (const statement of followSeed()) await exec(statement, statement.includes("$1") ? [BENCH_FOLLOWER] : []);
  // What autovacuum would have done by the time a table is this big (index-only scans need the visibility map).
  for (const table of ["users", "follows", "posts"]) await exec(`vacuum analyze ${table}`);
  say(`   written in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await close();
  console.log(`\n### ${label}: follows (${(FOLLOW_USERS * (PER_USER + 1) + FOLLOWED).toLocaleString("en")} rows)\n`);
  return runScript(root, env, "scripts/bench/follows-explain.ts", [BENCH_FOLLOWER]);
}
