import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import { dbCommandCounter, type DbCommandListener } from '@saga/runtime';
import type { HandleResult, RouteResult } from '../../application/saga-engine.ts';

/**
 * Prometheus metrics of the orchestrator, served at GET /metrics. `saga_messages_total` counts
 * every message by type and what became of it — duplicates delivered vs applied is the number to
 * watch after a broker outage; `saga_parked_total` is the one to alert on.
 * `saga_db_commands_total{command}` counts the database commands this instance sent (pass
 * `dbCommand` to connectMongo), so database work per saga can be read off /metrics.
 */
export class OrchestratorMetrics {
  readonly registry = new Registry();
  readonly dbCommand: DbCommandListener = dbCommandCounter(this.registry);
  readonly #messages = new Counter({
    name: 'saga_messages_total',
    help: 'Messages handled by the orchestrator, by type and outcome (applied, duplicate, ignored, rejected).',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly #sagasFinished = new Counter({
    name: 'saga_finished_total',
    help: 'Sagas that reached a terminal status, by saga status.',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly #parked = new Counter({
    name: 'saga_parked_total',
    help: 'Times a saga was parked for an operator (compensation out of retries, unknown pivot outcome, forward-only step failing).',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  record(type: string, result: HandleResult | RouteResult): void {
    if (result.kind === 'forwarded') return;
    const outcome = result.kind === 'ignored' && result.duplicate ? 'duplicate' : result.kind;
    this.#messages.inc({ type, outcome });
    if (result.kind !== 'applied') return;
    if (result.finished) this.#sagasFinished.inc({ status: result.status });
    if (result.status === 'parked' && result.previous !== 'parked') this.#parked.inc();
  }
}
