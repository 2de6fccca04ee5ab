#!/usr/bin/env bash
# Starts PgBouncer (Debian's pgbouncer) in TRANSACTION mode in front of a PostgreSQL on loopback, for
# tests, and prints its URL (the same database names as the server behind it: any database is passed
# through). This is the pooling Vercel deployments use (Neon, Supabase, RDS Proxy …): each transaction
# may run on another server connection, so no named prepared statements (DATABASE_PREPARE=false) and no
# session-level advisory locks (migrations go to DATABASE_DIRECT_URL).
#   usage: scripts/start-pgbouncer.sh <listen port> <postgres port> [dir]
# Runs as the `postgres` user when started as root (pgbouncer refuses to run as root). Stop it with
#   kill "$(cat <dir>/pgbouncer.pid)"
set -euo pipefail
PORT="${1:?listen port}"
PG_PORT="${2:?postgres port}"
DIR="${3:-/tmp/accounts-pgbouncer-$PORT}"
BIN="${PGBOUNCER_BIN:-/usr/sbin/pgbouncer}"

as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

mkdir -p "$DIR"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
cat > "$DIR/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$PG_PORT

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PORT
unix_socket_dir =
auth_type = trust
auth_file = $DIR/userlist.txt
pool_mode = transaction
max_client_conn = 500
default_pool_size = 20
max_db_connections = 40
; While PostgreSQL is down: a query waits at most 2 s for a server connection (then an error, the app's 503),
; and a failed login to it is retried after 1 s (default 15 s), so the app recovers within a second or two.
query_wait_timeout = 2
server_login_retry = 1
server_reset_query =
ignore_startup_parameters = extra_float_digits,options
logfile = $DIR/pgbouncer.log
pidfile = $DIR/pgbouncer.pid
admin_users = postgres
INI
echo '"postgres" ""' > "$DIR/userlist.txt"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"/*

if ! { [ -f "$DIR/pgbouncer.pid" ] && kill -0 "$(cat "$DIR/pgbouncer.pid")" 2>/dev/null; }; then
  as_pg "'$BIN' -d '$DIR/pgbouncer.ini'"
  for _ in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
    sleep 0.1
  done
fi
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
