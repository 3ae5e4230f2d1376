#!/usr/bin/env bash
# Starts the project-local FerretDB (.tools/ferretdb/ferretdb, built by scripts/install-ferretdb.sh)
# in the background and waits until it answers.
#
#   bash scripts/start-ferretdb.sh [PORT]      # PORT defaults to 27017
#   export MONGO_URL=mongodb://127.0.0.1:PORT
#   bash scripts/stop-ferretdb.sh [PORT]
#
# Backend (FERRETDB_HANDLER): `postgresql` stores the data in a fresh database `ferretdb_PORT` of
# the local PostgreSQL (FERRETDB_POSTGRESQL_URL, default postgres://postgres@127.0.0.1:5432); `sqlite`
# in SQLite files; `auto` (the default) picks postgresql when that PostgreSQL answers. PostgreSQL is
# the faster backend by far: FerretDB's SQLite backend scans the collection on every update and
# serializes all writes to a database, so a saga store with 1 000 documents updates ~5x slower.
# FERRETDB_POSTGRESQL_PARAMS is appended to that URL as its query, e.g. `pool_max_conns=40`.
# FerretDB v1 opens up to 50 connections by default, and two busy instances can exhaust a shared
# PostgreSQL's max_connections of 100 ("too many clients already"). Do not cap it low: an update
# holds one pool connection for its query while it waits for a second one for its write, so with
# more slow updates in flight than connections FerretDB deadlocks (seen with pool_max_conns=20 and
# 50 000 documents in the collection: every connection idle in PostgreSQL, every goroutine waiting
# in pgxpool.Acquire).
#
# Layout (all under .data/, which is gitignored), recreated empty on every start:
#   .data/ferretdb-PORT/db/           SQLite files, one per database (sqlite backend)
#   .data/ferretdb-PORT/ferretdb.pid  pid of the server
#   .data/ferretdb-PORT/ferretdb.log  its output
#   .data/ferretdb-PORT/state.json    FerretDB's process state (its UUID); --state-dir puts it here,
#                                     it defaults to the working directory, i.e. wherever we ran
# Writes: .data/ferretdb-PORT/
# Exits non-zero (printing the log tail) if the port is already taken or the server does not
# answer within FERRETDB_START_TIMEOUT seconds (default 30).
set -euo pipefail

PORT="${1:-27017}"
TIMEOUT="${FERRETDB_START_TIMEOUT:-30}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$ROOT/.tools/ferretdb/ferretdb"
DIR="$ROOT/.data/ferretdb-$PORT"
PIDFILE="$DIR/ferretdb.pid"
LOG="$DIR/ferretdb.log"

log() { printf '[start-ferretdb] %s\n' "$*" >&2; }

if ! [[ "$PORT" =~ ^[0-9]+$ ]]; then
  log "port must be a number, got '$PORT'"
  exit 2
fi
if [[ ! -x "$BIN" ]]; then
  log "$BIN not found: run scripts/install-ferretdb.sh first"
  exit 1
fi

tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

# A server of ours from an earlier start on this port: stop it before wiping its data.
if [[ -f "$PIDFILE" ]]; then
  bash "$ROOT/scripts/stop-ferretdb.sh" "$PORT" || true
fi
if tcp_open; then
  log "something already listens on 127.0.0.1:$PORT; choose another port"
  exit 1
fi

rm -rf "$DIR"
mkdir -p "$DIR/db"

HANDLER="${FERRETDB_HANDLER:-auto}"
PG_URL="${FERRETDB_POSTGRESQL_URL:-postgres://postgres@127.0.0.1:5432}"
PG_DB="ferretdb_$PORT"
export PGOPTIONS="-c client_min_messages=warning"
pg_answers() { command -v psql >/dev/null 2>&1 && psql "$PG_URL/postgres" -qtAc 'select 1' >/dev/null 2>&1; }
if [[ "$HANDLER" == auto ]]; then
  if pg_answers; then HANDLER=postgresql; else HANDLER=sqlite; fi
fi
case "$HANDLER" in
  postgresql)
    # A fresh database each start, like the SQLite directory above.
    psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null
    psql "$PG_URL/postgres" -qc "CREATE DATABASE $PG_DB" >/dev/null
    BACKEND_ARGS=(--handler=postgresql "--postgresql-url=$PG_URL/$PG_DB${FERRETDB_POSTGRESQL_PARAMS:+?$FERRETDB_POSTGRESQL_PARAMS}")
    ;;
  sqlite) BACKEND_ARGS=(--handler=sqlite "--sqlite-url=file:$DIR/db/") ;;
  *)
    log "FERRETDB_HANDLER must be auto, postgresql or sqlite, got '$HANDLER'"
    exit 2
    ;;
esac

# setsid: its own session, so that it outlives this script and a Ctrl-C in the caller's terminal.
setsid "$BIN" \
  "${BACKEND_ARGS[@]}" \
  --listen-addr="127.0.0.1:$PORT" \
  --state-dir="$DIR" \
  --debug-addr=127.0.0.1:0 \
  --telemetry=disable \
  --log-level=WARN \
  </dev/null >"$LOG" 2>&1 &
PID=$!
echo "$PID" >"$PIDFILE"

# Readiness: a real `ping` with the workspace's mongodb driver when it can be loaded, else a TCP
# connect. The node check exits 3 when it cannot load the driver, which selects the TCP fallback.
PING_JS='
const { createRequire } = require("node:module");
let MongoClient;
try {
  ({ MongoClient } = createRequire(process.argv[1] + "/e2e/package.json")("mongodb"));
} catch { process.exit(3); }
const c = new MongoClient(process.argv[2], { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
c.db("admin").command({ ping: 1 })
  .then(() => c.close().then(() => process.exit(0)))
  .catch(() => c.close().finally(() => process.exit(1)));
'
use_node=1
command -v node >/dev/null 2>&1 || use_node=0

ready() {
  if [[ $use_node == 1 ]]; then
    local rc=0
    node -e "$PING_JS" "$ROOT" "mongodb://127.0.0.1:$PORT" >/dev/null 2>&1 || rc=$?
    if [[ $rc == 3 ]]; then
      use_node=0
    else
      return "$rc"
    fi
  fi
  tcp_open
}

deadline=$((SECONDS + TIMEOUT))
while :; do
  if ! kill -0 "$PID" 2>/dev/null; then
    log "ferretdb exited during start; last log lines:"
    tail -n 40 "$LOG" >&2 || true
    rm -f "$PIDFILE"
    exit 1
  fi
  if ready; then
    break
  fi
  if ((SECONDS >= deadline)); then
    log "ferretdb did not answer on 127.0.0.1:$PORT within ${TIMEOUT}s; last log lines:"
    tail -n 40 "$LOG" >&2 || true
    kill "$PID" 2>/dev/null || true
    rm -f "$PIDFILE"
    exit 1
  fi
  sleep 0.3
done

how=TCP
[[ $use_node == 1 ]] && how=ping
log "ferretdb pid $PID ready on mongodb://127.0.0.1:$PORT ($HANDLER backend; checked by $how)"
