import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import type { HandleResult } from '../../application/saga-engine.ts';

/**
 * Prometheus metrics of the orchestrator, served at GET /metrics. `saga_messages_total` counts
 * every message by type and what became of it — duplicates delivered vs applied is the number to
 * watch after a broker outage.
 */
export class OrchestratorMetrics {
  readonly registry = new Registry();
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

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  record(type: string, result: HandleResult): void {
    const outcome = result.kind === 'ignored' && result.duplicate ? 'duplicate' : result.kind;
    this.#messages.inc({ type, outcome });
    if (result.kind === 'applied' && result.finished) {
      this.#sagasFinished.inc({ status: result.status });
    }
  }
}
