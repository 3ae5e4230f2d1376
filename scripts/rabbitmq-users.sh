#!/usr/bin/env bash
# Creates (or updates) one least-privilege RabbitMQ user per service of a namespace:
# <ns>-orchestrator and <ns>-<participant> for each participant of the system (SAGA_SYSTEM_MODULE, a
# module exporting a defineSystem description; default: the order-fulfilment demo).
# Idempotent: an existing user gets its password and permissions reset to what is below.
#
#   bash scripts/rabbitmq-users.sh <namespace>            create or update
#   bash scripts/rabbitmq-users.sh <namespace> --delete   remove them again
#
# Passwords, most specific first:
#   RABBITMQ_PASSWORD_<SERVICE>   e.g. RABBITMQ_PASSWORD_PAYMENT
#   RABBITMQ_SERVICE_PASSWORD     one password for every service
#   saga-dev-password             local development only; the script warns when it uses it
# RABBITMQ_VHOST (default /) picks the vhost; RABBITMQCTL (default rabbitmqctl) the command, e.g.
# RABBITMQCTL="docker compose exec -T rabbitmq rabbitmqctl".
# Passwords go to rabbitmqctl on stdin, never on its command line (visible in ps).
# The permission regexes come from brokerPermissions in contracts/src/broker-permissions.ts.
set -euo pipefail

namespace="${1:-}"
action="${2:-create}"
if [[ ! "$namespace" =~ ^[a-z][a-z0-9_-]{0,30}$ ]] || [[ "$action" != create && "$action" != --delete ]]; then
  echo "usage: $0 <namespace> [--delete]" >&2
  exit 2
fi
vhost="${RABBITMQ_VHOST:-/}"
read -r -a ctl <<<"${RABBITMQCTL:-rabbitmqctl}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
accounts="$(node "$here/rabbitmq-accounts.ts" "$namespace" ${SAGA_SYSTEM_MODULE:+"$SAGA_SYSTEM_MODULE"})"
existing="$("${ctl[@]}" -q list_users | cut -f1)"

while IFS=$'\t' read -r -u 3 service username configure write read; do
  exists=false
  grep -qxF "$username" <<<"$existing" && exists=true
  if [[ "$action" == --delete ]]; then
    if $exists; then "${ctl[@]}" -q delete_user "$username"; fi
    echo "deleted $username"
    continue
  fi
  var="RABBITMQ_PASSWORD_${service^^}"
  password="${!var:-${RABBITMQ_SERVICE_PASSWORD:-}}"
  if [[ -z "$password" ]]; then
    password="saga-dev-password"
    echo "warning: $username gets the local-development password; set $var or RABBITMQ_SERVICE_PASSWORD elsewhere" >&2
  fi
  if $exists; then
    printf '%s' "$password" | "${ctl[@]}" -q change_password "$username" >/dev/null
  else
    printf '%s' "$password" | "${ctl[@]}" -q add_user "$username" >/dev/null
  fi
  "${ctl[@]}" -q set_user_tags "$username"
  "${ctl[@]}" -q set_permissions -p "$vhost" "$username" "$configure" "$write" "$read"
  echo "$username: configure=$configure write=$write read=$read"
done 3<<<"$accounts"
