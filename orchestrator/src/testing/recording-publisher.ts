import type { CommandPublisher } from '../application/ports.ts';
import type { OutboxEntry } from '../domain/saga-state.ts';

/**
 * A publisher that records what it sends and can be told to fail, like a broker that went away.
 * Given another publisher (e.g. a BusCommandPublisher over the memory bus), it also sends every
 * command on through it, and fails when that one does.
 */
export class RecordingPublisher implements CommandPublisher {
  readonly sent: OutboxEntry[] = [];
  failing = false;
  readonly #forward: CommandPublisher | undefined;

  constructor(forward?: CommandPublisher) {
    this.#forward = forward;
  }

  async publish(entry: OutboxEntry): Promise<void> {
    if (this.failing) throw Object.assign(new Error('channel closed'), { code: 'ERR_PUBLISH_FAILED' });
    await this.#forward?.publish(entry);
    this.sent.push(entry);
  }
}
