import { publishEnvelope, type Broker } from '@saga/runtime';
import type { Participant } from '@saga/contracts';
import type { CommandPublisher } from '../../application/ports.ts';
import type { OutboxEntry } from '../../domain/saga-state.ts';

/** Publishes outbox entries to the commands exchange, routed by participant, with a broker confirm. */
export class RabbitCommandPublisher implements CommandPublisher {
  readonly #broker: Broker;

  constructor(broker: Broker) {
    this.#broker = broker;
  }

  publish(entry: OutboxEntry): Promise<void> {
    const { exchanges } = this.#broker.topology;
    return publishEnvelope(
      this.#broker,
      { exchange: exchanges.commands.name, routingKey: this.#broker.topology.commandRoutingKey(entry.to as Participant) },
      entry.envelope,
    );
  }
}
