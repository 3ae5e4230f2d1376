import { performance } from 'node:perf_hooks';
import type amqplib from 'amqplib';
import { startSagaEnvelope, type BenchOrder } from './bench-orders.ts';
import type { SagaOutcome } from './completion-detector.ts';
import type { SagaTap } from './saga-tap.ts';

export interface SagaRun {
  order: BenchOrder;
  /** performance.now() of the saga's scheduled start, which its latency is measured from. */
  scheduledAt: number;
  endedAt: number | undefined;
  outcome: SagaOutcome | undefined;
}

/**
 * Publishes StartSaga over raw AMQP (persistent, with a publisher confirm) and resolves when the
 * tap sees the saga end. Every saga a system was sent is kept in `runs`, so the round can check at
 * the end that each ended as its order says, stragglers of a saturated drive included.
 */
export class SagaLauncher {
  readonly runs: SagaRun[] = [];
  readonly #channel: amqplib.ConfirmChannel;
  readonly #tap: SagaTap;
  readonly #to: { exchange: string; routingKey: string };

  constructor(channel: amqplib.ConfirmChannel, tap: SagaTap, to: { exchange: string; routingKey: string }) {
    this.#channel = channel;
    this.#tap = tap;
    this.#to = to;
  }

  /** Starts one saga; the promise resolves with its run when it ends (never rejects; see `abandon`). */
  launch(order: BenchOrder, scheduledAt = performance.now()): Promise<SagaRun> {
    const run: SagaRun = { order, scheduledAt, endedAt: undefined, outcome: undefined };
    this.runs.push(run);
    const ended = new Promise<SagaRun>((resolve) => {
      this.#tap.expect(order.sagaId, (outcome, at) => {
        run.outcome = outcome;
        run.endedAt = at;
        resolve(run);
      });
    });
    const body = Buffer.from(JSON.stringify(startSagaEnvelope(order)));
    this.#channel.publish(this.#to.exchange, this.#to.routingKey, body, { persistent: true, contentType: 'application/json', type: 'StartSaga' }, (error) => {
      if (error) process.stderr.write(`StartSaga ${order.sagaId} not confirmed: ${String(error)}\n`);
    });
    return ended;
  }

  /** The sagas sent that have not ended (yet). */
  unfinished(): SagaRun[] {
    return this.runs.filter((r) => r.endedAt === undefined && this.#tap.outcomeOf(r.order.sagaId) === undefined);
  }

  /** Fills in ends the tap saw after a drive stopped waiting. */
  reconcile(): void {
    for (const run of this.runs) run.outcome ??= this.#tap.outcomeOf(run.order.sagaId);
  }
}
