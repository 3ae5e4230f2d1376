import type { CommandPublisher } from '../application/ports.ts';
import type { OutboxEntry } from '../domain/saga-state.ts';

type Refusal = { matches: (entry: OutboxEntry) => boolean; code: string; retryable: boolean };

/**
 * A publisher that records what it sends and can be told to fail: all of it, like a broker that
 * went away (`failing`), or chosen entries, transiently or for good (`refuse`), like a command
 * over the size limit. Given another publisher (e.g. a BusCommandPublisher over the memory bus),
 * it also sends every command on through it, and fails when that one does.
 */
export class RecordingPublisher implements CommandPublisher {
  readonly sent: OutboxEntry[] = [];
  failing = false;
  readonly #refusals: Refusal[] = [];
  readonly #forward: CommandPublisher | undefined;

  constructor(forward?: CommandPublisher) {
    this.#forward = forward;
  }

  /** Makes publishes of the matching entries fail with `code` (non-retryable unless said otherwise). */
  refuse(matches: (entry: OutboxEntry) => boolean, code = 'ERR_MESSAGE_TOO_LARGE', retryable = false): void {
    this.#refusals.push({ matches, code, retryable });
  }

  /** Lifts every refusal: the oversized command was fixed, the exchange exists again. */
  clearRefusals(): void {
    this.#refusals.length = 0;
  }

  async publish(entry: OutboxEntry): Promise<void> {
    if (this.failing) throw Object.assign(new Error('channel closed'), { code: 'ERR_PUBLISH_FAILED', retryable: true });
    const refusal = this.#refusals.find((r) => r.matches(entry));
    if (refusal) throw Object.assign(new Error(`${entry.envelope.type} refused by the test publisher`), { code: refusal.code, retryable: refusal.retryable });
    await this.#forward?.publish(entry);
    this.sent.push(entry);
  }
}
