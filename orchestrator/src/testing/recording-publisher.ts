import type { CommandPublisher } from '../application/ports.ts';
import type { OutboxEntry } from '../domain/saga-state.ts';

/** A publisher that records what it sends and can be told to fail, like a broker that went away. */
export class RecordingPublisher implements CommandPublisher {
  readonly sent: OutboxEntry[] = [];
  failing = false;

  async publish(entry: OutboxEntry): Promise<void> {
    if (this.failing) throw Object.assign(new Error('channel closed'), { code: 'ERR_PUBLISH_FAILED' });
    this.sent.push(entry);
  }
}
