// The scale run of `npm run bench` (issue 34, item 4; `BENCH_ONLY=scale`, PostgreSQL only, BENCH_DATABASE_URL):
// on a fresh database of its own, the production server is measured on an empty database (a page of each kind of
// row, SMALL_SEED, so that every request answers the same amount in both phases), then the database is
// filled by generate_series (BENCH_SCALE_USERS accounts, as many live sessions, ten times as many security
// events, as many posts and about as many follows) and `vacuum analyze`d, and the same requests are measured
// again. Each figure is printed empty vs full, raw and against `GET /api/health` taken in the same minutes (the
// machine's drift cancels out); the goal is each within 10%.
//
// One account (the "star", an administrator) is the worst case the fill makes: it holds a tenth of the events,
// posts and followers. The requests: its `GET /api/users/me` (bearer), its sign-in, its activity list's first
// page and a page half-way down it (by cursor), the console's user search by a username fragment and by an email
// fragment (both match the star alone, among a million), the console's first page of accounts (with its count) and
// of events, and the star's public profile with its counts.
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import postgres from "postgres";
import { interleaved, warm } from "./load.mjs";
import { assertPortFree, startServer, stopServer, waitHealthy } from "./server.mjs";

const USERS = Number(process.env.BENCH_SCALE_USERS ?? 1_000_000);
// Sign-in's bcrypt compare is the same work at any size: a low cost leaves the database's share of it visible.
const COST = Number(process.env.BENCH_SCALE_BCRYPT_COST ?? 4);
const PASSWORD = "bench-password-correct-horse";
/** Keep the filled database afterwards (to EXPLAIN statements against it). */
const KEEP = Boolean(process.env.BENCH_SCALE_KEEP);

const say = (line) => process.stderr.write(line + "\n");
const id = (g) => `md5('scale-' || ${g})::uuid`;

/** The statements that fill the database; `$1` is the star's id. Foreign keys and triggers are off meanwhile. */
export function scaleFill(n = USERS) {
  const star = (g, share) =>
    `case when ${g} % ${share} = 0 then $1::uuid else ${id(`1 + (${g}::bigint * 7919) % ${n}`)} end`;
  const batches = 10;
  const perBatch = n; // ten batches of n events: 10n events
  return [
    [
      `${n.toLocaleString("en")} users`,
      // One in a thousand disabled (a hundred of them among the star's followers).
      `insert into users (id, username, username_key, email, display_name, created_at, disabled_at, disabled_reason)
       select ${id("g")}, 'user' || g, 'user' || g, 'user' || g || '@example.com',
         case when g % 3 = 0 then 'Person ' || g end, now() - interval '1 day' - g * interval '1 second',
         case when g % 1000 = 0 then now() end, case when g % 1000 = 0 then 'bench' end
       from generate_series(1, ${n}) g`,
    ],
    [
      `${n.toLocaleString("en")} live sessions`,
      `insert into sessions (user_id, token_hash, kind, expires_at)
       select ${id("g")}, encode(sha256(convert_to('scale-session-' || g, 'UTF8')), 'base64'), 'api',
         now() + interval '30 days'
       from generate_series(1, ${n}) g`,
    ],
    ...Array.from({ length: batches }, (_, b) => [
      `${((b + 1) * perBatch).toLocaleString("en")} of ${(batches * perBatch).toLocaleString("en")} security events`,
      `insert into security_events (user_id, type, ip, user_agent, detail, created_at)
       select ${star("g", 10)},
         (array['sign_in.succeeded', 'sign_in.failed', 'session.revoked', 'password.changed'])[1 + g % 4],
         '10.' || (g % 250) || '.' || (g % 199) || '.7', 'Mozilla/5.0 (X11; Linux x86_64) bench/' || (g % 50),
         case when g % 4 = 1 then '{"reason":"wrong_password"}'::jsonb end,
         now() - interval '1 day' - (${batches * perBatch} - g) * interval '1 second'
       from generate_series(${b * perBatch + 1}, ${(b + 1) * perBatch}) g`,
    ]),
    [
      `${n.toLocaleString("en")} posts`,
      `insert into posts (id, author_id, title, body, created_at)
       select translate(substr(encode(sha256(convert_to('scale-post-' || g, 'UTF8')), 'base64'), 1, 22), '+/', '-_'),
         ${star("g", 10)}, 'Post ' || g, 'Words of post ' || g || '.', now() - interval '1 day' - g * interval '1 second'
       from generate_series(1, ${n}) g`,
    ],
    [
      `${n.toLocaleString("en")} follows`,
      // A tenth of the accounts follow the star; the rest follow one account each; the star follows 1,000.
      `insert into follows (follower_id, followee_id, created_at)
       select ${id("g")}, case when g <= ${n / 10} then $1::uuid else ${id(`((g + 12345) % ${n}) + 1`)} end,
         now() - g * interval '1 second'
       from generate_series(1, ${n}) g
       union all
       select $1::uuid, ${id("g")}, now() - g * interval '1 second' from generate_series(1, 1000) g`,
    ],
    // What the triggers would have counted (the same statement as migration 0014's).
    ["the profile counts", `delete from user_counts`],
    [
      "",
      `insert into user_counts (user_id, followers, following, posts)
       select u.id, coalesce(fe.n, 0), coalesce(fr.n, 0), coalesce(p.n, 0) from users u
       left join (select f.followee_id as id, count(*)::int as n from follows f
         join users o on o.id = f.follower_id and o.disabled_at is null group by 1) fe on fe.id = u.id
       left join (select f.follower_id as id, count(*)::int as n from follows f
         join users o on o.id = f.followee_id and o.disabled_at is null group by 1) fr on fr.id = u.id
       left join (select author_id as id, count(*)::int as n from posts where organization_id is null group by 1) p
         on p.id = u.id
       where fe.n is not null or fr.n is not null or p.n is not null`,
    ],
  ];
}

/**
 * A page of everything before the empty-database figures (`$1` is the star's id), so that each request answers a
 * page of the same size in both phases: 40 accounts (following the star), 300 events (200 of them the star's), 40
 * posts (20 of them the star's). Written with the triggers on.
 */
export const SMALL_SEED = [
  `insert into users (id, username, username_key, email, created_at)
   select md5('seed-' || g)::uuid, 'seed' || g, 'seed' || g, 'seed' || g || '@example.org', now() - g * interval '1 minute'
   from generate_series(1, 40) g`,
  `insert into security_events (user_id, type, ip, user_agent, created_at)
   select case when g % 3 = 0 then md5('seed-' || (1 + g % 40))::uuid else $1::uuid end,
     (array['sign_in.succeeded', 'sign_in.failed', 'session.revoked', 'password.changed'])[1 + g % 4],
     '10.0.0.' || (g % 250), 'Mozilla/5.0 (X11; Linux x86_64) bench/' || (g % 50), now() - (300 - g) * interval '1 minute'
   from generate_series(1, 300) g`,
  `insert into posts (id, author_id, title, body, created_at)
   select translate(substr(encode(sha256(convert_to('seed-post-' || g, 'UTF8')), 'base64'), 1, 22), '+/', '-_'),
     case when g % 2 = 0 then $1::uuid else md5('seed-' || g)::uuid end, 'Post ' || g, 'Words.', now() - g * interval '1 minute'
   from generate_series(1, 40) g`,
  `insert into follows (follower_id, followee_id) select md5('seed-' || g)::uuid, $1::uuid from generate_series(1, 40) g`,
  `analyze`,
];

async function post(base, pathname, body, expected) {
  const res = await fetch(base + pathname, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== expected) throw new Error(`${pathname}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function getJson(url, token) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * The star's username: "star" and eight random letters, no digit. The searches' fragments are pieces of it, and
 * the fill names its million accounts user1 … user1000000: a fragment of digits (a hex name can end in six; round 6
 * drew one) has trigrams that tens of thousands of those names share, and its search reads ~1,400 index pages
 * instead of ~50 (BENCHMARKS.md, round 6). Letters keep both fragments matching the star alone, trigram by trigram.
 */
const starName = () => `star${[...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join("")}`;

/** The scenarios, health first (the reference every other figure is divided by). */
async function scenarios(base, sql, star, token) {
  const auth = { authorization: `Bearer ${token}` };
  // Half-way down the star's activity list: the cursor a client holds after paging that far.
  const [{ n }] = await sql`select count(*)::int as n from security_events where user_id = ${star.id}`;
  const [middle] = await sql`select id from security_events where user_id = ${star.id}
    order by id desc offset ${Math.floor(n / 2)} limit 1`;
  const deep = String(middle.id);
  const fragment = star.username.slice(3, -2); // a piece of the middle, matched anywhere
  const emailFragment = `${star.username.slice(-6)}@exam`;
  const search = (q) => `${base}/api/admin/users?query=${encodeURIComponent(q)}`;
  for (const q of [fragment, emailFragment]) {
    const found = await getJson(search(q), token);
    if (found.users.length !== 1) throw new Error(`the search for ${q} found ${found.users.length} accounts`);
  }
  const read = (url) => ({ url, connections: 10, headers: auth });
  return {
    deepAt: n,
    list: [
      { name: "GET /api/health (the reference)", opts: { url: `${base}/api/health`, connections: 10 } },
      { name: "GET /api/users/me", opts: read(`${base}/api/users/me`) },
      {
        name: `POST /api/sessions (bcrypt cost ${COST})`,
        opts: {
          url: `${base}/api/sessions`,
          method: "POST",
          connections: 4,
          timeout: 60,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ login: star.username, password: PASSWORD }),
        },
      },
      { name: "activity list, first page", opts: read(`${base}/api/users/me/events`) },
      { name: "activity list, half-way down", opts: read(`${base}/api/users/me/events?cursor=${deep}`) },
      { name: "console: search by username fragment", opts: read(search(fragment)) },
      { name: "console: search by email fragment", opts: read(search(emailFragment)) },
      { name: "console: accounts, first page + count", opts: read(`${base}/api/admin/users`) },
      { name: "console: events, first page", opts: read(`${base}/api/admin/events`) },
      { name: "public profile with its counts", opts: read(`${base}/api/users/${star.username}`) },
    ],
  };
}

async function measureAll(pid, list, seconds) {
  for (const { opts } of list) await warm(opts, 1);
  return interleaved(pid, list, seconds);
}

/**
 * The scale figures: true when every request stays within 10% of its empty-database rate (against health).
 * `root` is the app, `port` the server's, `seconds` per scenario (taking turns: load.mjs#interleaved).
 */
export async function benchScale({ root, port, threads, seconds, adminUrl }) {
  const base = `http://127.0.0.1:${port}`;
  const name = `bench_scale_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  let server;
  try {
    await assertPortFree(base);
    say(`\n== scale: the server on an empty database (${name}) …`);
    const env = { DATABASE_URL: url.toString(), SESSIONS_PER_ACCOUNT: "10000" };
    server = startServer({ root, port, cost: COST, threads, env });
    await waitHealthy(server, base);
    const username = starName();
    await post(base, "/api/users", { username, email: `${username}@example.com`, password: PASSWORD }, 201);
    await sql`update users set role = 'admin' where username_key = ${username}`;
    const { token } = await post(base, "/api/sessions", { login: username, password: PASSWORD }, 201);
    const [star] = await sql`select id, username from users where username_key = ${username}`;
    for (const text of SMALL_SEED) await sql.unsafe(text, text.includes("$1") ? [star.id] : []);

    const empty = await scenarios(base, sql, star, token);
    say(`== scale: measuring ${empty.list.length} requests on the empty database …`);
    const before = await measureAll(server.pid, empty.list, seconds);

    say(`== scale: filling (${USERS.toLocaleString("en")} accounts; foreign keys and triggers off meanwhile) …`);
    const started = Date.now();
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      // The search's trigram index (fastupdate off: every insert updates it at once) is built after the rows, as
      // on any bulk load: the same index at the end, in a fraction of the fill's time.
      const [search] = await tx`select pg_get_indexdef('users_search_trgm_idx'::regclass) as def`;
      await tx`drop index users_search_trgm_idx`;
      for (const [what, text] of scaleFill(USERS)) {
        if (what) say(`   ${what} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
        await tx.unsafe(text, text.includes("$1") ? [star.id] : []);
      }
      say(`   the search's trigram index (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      await tx.unsafe(search.def);
    });
    say(`   vacuum analyze (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    await sql`vacuum analyze`;
    const fillSeconds = (Date.now() - started) / 1000;
    const [size] = await sql`select pg_size_pretty(pg_database_size(current_database())) as size`;
    say(`   filled in ${fillSeconds.toFixed(0)} s (${size.size})`);

    const full = await scenarios(base, sql, star, token);
    say(`== scale: measuring the same on the full database …`);
    const after = await measureAll(server.pid, full.list, seconds);
    await stopServer(server);
    server = undefined;
    return report(before, after, { fillSeconds, size: size.size, deep: [empty.deepAt, full.deepAt] });
  } finally {
    if (server) await stopServer(server);
    await sql.end();
    if (KEEP) say(`   kept the database ${name} (BENCH_SCALE_KEEP): drop it when done`);
    else await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

function report(before, after, { fillSeconds, size, deep }) {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  const [hb, ha] = [before[0], after[0]];
  let flat = true;
  const rows = before.map((b, i) => {
    const a = after[i];
    const raw = a.reqPerSec / b.reqPerSec;
    const vsHealth = i === 0 ? raw : raw / (ha.reqPerSec / hb.reqPerSec);
    const ok = i === 0 || vsHealth >= 0.9;
    flat &&= ok;
    return {
      request: b.name,
      "empty req/s": b.reqPerSec.toFixed(1),
      "full req/s": a.reqPerSec.toFixed(1),
      "full/empty": raw.toFixed(2),
      "vs health": i === 0 ? "" : vsHealth.toFixed(2),
      "CPU ms/req empty→full": `${b.cpuPerReq.toFixed(2)} → ${a.cpuPerReq.toFixed(2)}`,
      "p99 ms empty→full": `${b.p99} → ${a.p99}`,
      "non-2xx": b.non2xx + a.non2xx,
      goal: i === 0 ? "" : ok ? "met" : "MISSED",
    };
  });
  console.log(
    `\n### PostgreSQL: scale (${USERS.toLocaleString("en")} accounts and sessions, ${(10 * USERS).toLocaleString("en")} ` +
      `events, ${USERS.toLocaleString("en")} posts and follows; filled in ${fillSeconds.toFixed(0)} s, ${size}; ` +
      `load average now: ${load})\n`,
  );
  console.table(rows);
  console.log(
    `the star's activity list: ${deep[0].toLocaleString("en")} events empty, ${deep[1].toLocaleString("en")} full ` +
      `(the deep page starts half-way) · each within 10% of empty, against health: ${flat ? "met" : "MISSED"}`,
  );
  return flat;
}
