# shellcheck shell=bash
# Sourced by ./run, ./test and ./saga, from the repository root: puts Node 24 and pnpm first on PATH
# (scripts/provision-node.sh, which installs them under .tools/ when the machine's differ), then
# installs the workspace's dependencies unless the install stamp says they already are.
#
#   source scripts/lib/bootstrap.sh     # BOOTSTRAP_QUIET=1: say something only when installing
#
# The stamp is a hash of the lockfile, the workspace file, every package.json and the node and pnpm
# versions. `pnpm install --frozen-lockfile` takes seconds even when there is nothing to do, and a
# second ./saga call should not. It lives inside node_modules, so removing node_modules removes it.
# Everything here goes to stderr: ./saga's stdout belongs to the CLI (`ID=$(./saga start …)`).
# Writes: node_modules/
# Writes: node_modules/.saga-install-stamp

_bootstrap_log() { printf '[setup] %s\n' "$*" >&2; }

_bootstrap_stamp() {
  # Every workspace package's manifest, wherever a system keeps its participants; a pattern that
  # matches nothing stays literal in bash, and is dropped by the -f test.
  local patterns=(pnpm-lock.yaml pnpm-workspace.yaml package.json ./*/package.json ./order-fulfilment/*/package.json ./participants/*/package.json ./examples/*/package.json ./examples/*/participants/*/package.json)
  local files=() f
  for f in "${patterns[@]}"; do [[ -f "$f" ]] && files+=("$f"); done
  { printf 'node %s pnpm %s\n' "$(node -v)" "${PNPM_VERSION:-10.34.8}"; cat "${files[@]}"; } | sha256sum | cut -d' ' -f1
}

_bootstrap_main() {
  local stamp_file=node_modules/.saga-install-stamp want have=""
  # npm reads the CA bundle from ~/.npmrc (cafile=), but Node's own TLS, which pnpm and parts of npm
  # use, only from NODE_EXTRA_CA_CERTS. Behind a TLS-intercepting registry proxy, without it, the
  # `npm install` of pnpm took 77 s instead of 5 s in a clean environment (env -i), and pnpm
  # install has been seen to hang. The system bundle adds to Node's; it replaces nothing.
  if [[ -z "${NODE_EXTRA_CA_CERTS:-}" && -r /etc/ssl/certs/ca-certificates.crt ]]; then
    export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
  fi
  if [[ "${BOOTSTRAP_QUIET:-}" == 1 ]]; then
    PROVISION_QUIET=1 source scripts/provision-node.sh || return 1
  else
    source scripts/provision-node.sh || return 1
  fi
  want="$(_bootstrap_stamp)"
  [[ -f "$stamp_file" ]] && have="$(<"$stamp_file")"
  if [[ "$want" == "$have" ]]; then
    [[ "${BOOTSTRAP_QUIET:-}" == 1 ]] || _bootstrap_log "dependencies up to date (lockfile unchanged since the last install)"
    return 0
  fi
  _bootstrap_log "installing dependencies: pnpm install --frozen-lockfile"
  # Bounded: pnpm has been seen to hang (not fail) after a registry fetch error. --foreground keeps
  # pnpm in the terminal's process group, so that Ctrl-C reaches it.
  timeout --foreground --kill-after=30 1200 pnpm install --frozen-lockfile >&2 || {
    _bootstrap_log "pnpm install failed (exit $?)"
    return 1
  }
  printf '%s\n' "$want" >"$stamp_file"
}

_bootstrap_main
