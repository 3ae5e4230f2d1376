import type { Envelope, WireMessage } from '@saga/contracts';
import type { SagaInbox } from '../../application/ports.ts';

/**
 * An in-process partition queue for tests and the harness: messages wait until `drain` hands them,
 * in order, to the engine — as a partition consumer would, one at a time.
 */
export class MemorySagaInbox implements SagaInbox {
  readonly #queue: Envelope[] = [];
  /** Everything ever delivered, for assertions. */
  readonly delivered: Envelope[] = [];

  async deliver(envelope: Envelope): Promise<void> {
    this.#queue.push(envelope);
    this.delivered.push(envelope);
  }

  get pending(): number {
    return this.#queue.length;
  }

  /** Hands every waiting message (and any they cause) to `handle`; returns how many. */
  async drain(handle: (message: WireMessage) => Promise<unknown>): Promise<number> {
    let count = 0;
    for (let next = this.#queue.shift(); next; next = this.#queue.shift()) {
      await handle(next as WireMessage);
      count += 1;
    }
    return count;
  }
}
