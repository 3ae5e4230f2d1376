#!/usr/bin/env bash
# Starts the machine's RabbitMQ (`rabbitmq-server -detached`) and waits until it answers on
# 127.0.0.1:5672. For ./test, when nothing answers at the default AMQP_URL; it is the machine's
# broker, so it keeps running afterwards, as it would had it been up already.
#
#   bash scripts/start-rabbitmq.sh
set -euo pipefail

log() { printf '[start-rabbitmq] %s\n' "$*" >&2; }
tcp_open() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }

if ! command -v rabbitmq-server >/dev/null 2>&1; then
  log "rabbitmq-server is not installed: install RabbitMQ, or run one (docker compose up -d rabbitmq) and set AMQP_URL"
  exit 1
fi
log "starting RabbitMQ (rabbitmq-server -detached)"
# -detached reports failure when a node of that name is already starting; await_startup decides.
rabbitmq-server -detached || true
timeout 180 rabbitmqctl -q await_startup
deadline=$((SECONDS + 60))
until tcp_open; do
  if ((SECONDS >= deadline)); then
    log "RabbitMQ started but does not answer on 127.0.0.1:5672"
    exit 1
  fi
  sleep 1
done
log "RabbitMQ is up on 127.0.0.1:5672"
