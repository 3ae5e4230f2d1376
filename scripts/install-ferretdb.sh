#!/usr/bin/env bash
# Builds FerretDB (a MongoDB-wire-compatible server over SQLite) into .tools/ferretdb/ferretdb.
#
#   bash scripts/install-ferretdb.sh
#
# Idempotent: does nothing when .tools/ferretdb/ferretdb exists and reports the wanted version.
# Needs Go (the `go` on PATH, else /usr/local/go/bin/go) and the Go module proxy.
# Writes: .tools/ferretdb/
#
# Why not `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2`: that asks the proxy for the
# module's version list (deprecation check) and the proxy answers 403 here. `go mod download` of the
# exact version works, so we download the module source, make a writable copy, write the version file
# the binary embeds (build/version/version.txt; without it the binary panics at start) and build.
set -euo pipefail

FERRETDB_VERSION="${FERRETDB_VERSION:-v1.24.2}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/.tools/ferretdb"
BIN="$DEST/ferretdb"

log() { printf '[install-ferretdb] %s\n' "$*" >&2; }

# Whether $BIN runs and says it is $FERRETDB_VERSION. The output is captured first: piping it into
# `grep -q` would, under pipefail, fail at random when grep exits before ferretdb finishes writing.
has_version() {
  local out
  [[ -x "$BIN" ]] || return 1
  out="$("$BIN" --version 2>/dev/null)" || return 1
  grep -qx "version: ${FERRETDB_VERSION}" <<<"$out"
}

if has_version; then
  log "already installed: $BIN ($FERRETDB_VERSION)"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  if [[ -x /usr/local/go/bin/go ]]; then
    export PATH="/usr/local/go/bin:$PATH"
  else
    log "Go not found (neither on PATH nor at /usr/local/go/bin/go)"
    exit 1
  fi
fi
log "using $(go version)"

mkdir -p "$DEST"
# No git metadata in a module download; don't let the Go toolchain look for VCS info.
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-buildvcs=false"

log "downloading github.com/FerretDB/FerretDB@$FERRETDB_VERSION"
MODDIR="$(go mod download -json "github.com/FerretDB/FerretDB@${FERRETDB_VERSION}" \
  | sed -n 's/^[[:space:]]*"Dir":[[:space:]]*"\(.*\)",\{0,1\}$/\1/p')"
if [[ -z "$MODDIR" || ! -d "$MODDIR" ]]; then
  log "go mod download did not report a module directory"
  exit 1
fi

SRC="$DEST/src"
rm -rf "$SRC"
cp -R "$MODDIR" "$SRC"
chmod -R u+w "$SRC"
printf '%s\n' "$FERRETDB_VERSION" >"$SRC/build/version/version.txt"

log "building (about a minute the first time, cached afterwards)"
(cd "$SRC" && go build -o "$BIN.tmp" ./cmd/ferretdb)
mv -f "$BIN.tmp" "$BIN"
rm -rf "$SRC"

if ! has_version; then
  log "built binary does not report $FERRETDB_VERSION:"
  "$BIN" --version >&2 || true
  exit 1
fi
log "installed $BIN ($FERRETDB_VERSION)"
