#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 on loopback for tests and prints its URL.
#   usage: scripts/start-postgres.sh [port] [dir]
# Runs the server as the `postgres` user when started as root (postgres refuses to run as root).
set -euo pipefail
PORT="${1:-54329}"
DIR="${2:-/tmp/accounts-pg-$PORT}"
BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

if [ ! -f "$DIR/PG_VERSION" ]; then
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
  as_pg "'$BIN/initdb' -D '$DIR' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null"
fi
if ! as_pg "'$BIN/pg_ctl' -D '$DIR' status" >/dev/null 2>&1; then
  as_pg "'$BIN/pg_ctl' -D '$DIR' -l '$DIR/server.log' -w -o \"-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off\" start" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
