import { performance } from 'node:perf_hooks';
import type amqplib from 'amqplib';
import type { CompletionDetector, SagaEnd, SagaOutcome } from './completion-detector.ts';

/**
 * A private, exclusive, auto-deleted classic queue bound to a system's exchanges, consumed
 * without acks: a copy of every reply (or lifecycle event) reaches the driver, which feeds it to
 * the detector. It adds one queue delivery per reply to the broker's work, the same for both
 * systems, and no database load.
 */
export class SagaTap {
  readonly #waiting = new Map<string, (outcome: SagaOutcome, at: number) => void>();
  readonly #ended = new Map<string, SagaOutcome>();
  readonly #channel: amqplib.Channel;

  private constructor(channel: amqplib.Channel) {
    this.#channel = channel;
  }

  static async open(connection: Awaited<ReturnType<typeof amqplib.connect>>, bindings: { exchange: string; routingKeys: string[] }, detector: CompletionDetector): Promise<SagaTap> {
    const channel = await connection.createChannel();
    const tap = new SagaTap(channel);
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
    for (const key of bindings.routingKeys) await channel.bindQueue(queue, bindings.exchange, key);
    await channel.consume(queue, (message) => {
      if (!message) return;
      const at = performance.now();
      const end: SagaEnd | undefined = detector.observe({
        routingKey: message.fields.routingKey,
        type: message.properties.type as string | undefined,
        correlationId: message.properties.correlationId as string | undefined,
        body: () => JSON.parse(message.content.toString()) as unknown,
      });
      if (!end) return;
      tap.#ended.set(end.sagaId, end.outcome);
      const waiter = tap.#waiting.get(end.sagaId);
      tap.#waiting.delete(end.sagaId);
      waiter?.(end.outcome, at);
    }, { noAck: true });
    return tap;
  }

  /** Calls `onEnd` when the saga ends (at once if it already has). */
  expect(sagaId: string, onEnd: (outcome: SagaOutcome, at: number) => void): void {
    const outcome = this.#ended.get(sagaId);
    if (outcome) onEnd(outcome, performance.now());
    else this.#waiting.set(sagaId, onEnd);
  }

  /** Stops waiting for a saga (the drive gave up on it); a later end is still recorded. */
  forget(sagaId: string): void {
    this.#waiting.delete(sagaId);
  }

  /** The outcome of every saga whose end was seen. */
  outcomeOf(sagaId: string): SagaOutcome | undefined {
    return this.#ended.get(sagaId);
  }

  async close(): Promise<void> {
    await this.#channel.close().catch(() => undefined);
  }
}
