#!/usr/bin/env bash
# Stops a FerretDB started by scripts/start-ferretdb.sh on PORT (default 27017), by the pid in
# .data/ferretdb-PORT/ferretdb.pid; never by name. Leaves the data dir and log in place.
#
#   bash scripts/stop-ferretdb.sh [PORT]
#
# Exits 0 when nothing of ours runs there (no pid file, or a stale one).
set -euo pipefail

PORT="${1:-27017}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PIDFILE="$ROOT/.data/ferretdb-$PORT/ferretdb.pid"

log() { printf '[stop-ferretdb] %s\n' "$*" >&2; }

if [[ ! -f "$PIDFILE" ]]; then
  log "no pid file for port $PORT; nothing to stop"
  exit 0
fi
PID="$(cat "$PIDFILE")"
if ! [[ "$PID" =~ ^[0-9]+$ ]]; then
  log "pid file $PIDFILE holds no pid; removing it"
  rm -f "$PIDFILE"
  exit 0
fi

# Only signal the process if it still is a ferretdb (the pid may have been reused).
is_ours() {
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$PID/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *ferretdb* ]]
}

if kill -0 "$PID" 2>/dev/null && is_ours; then
  kill -TERM "$PID" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$PID" 2>/dev/null; then
    log "pid $PID still running after 10s; sending SIGKILL"
    kill -KILL "$PID" 2>/dev/null || true
  fi
  log "stopped ferretdb pid $PID (port $PORT)"
else
  log "pid $PID (port $PORT) is not running; removing stale pid file"
fi
rm -f "$PIDFILE"
