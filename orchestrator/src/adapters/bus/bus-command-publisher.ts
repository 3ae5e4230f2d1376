import type { Topology } from '@saga/contracts';
import { publishEnvelope, type MessageBus } from '@saga/runtime';
import type { CommandPublisher } from '../../application/ports.ts';
import type { OutboxEntry } from '../../domain/saga-state.ts';

/** Publishes outbox entries to the commands exchange, routed by participant, with a broker confirm. */
export class BusCommandPublisher implements CommandPublisher {
  readonly #bus: MessageBus;
  readonly #topology: Topology;

  constructor(bus: MessageBus, topology: Topology) {
    this.#bus = bus;
    this.#topology = topology;
  }

  publish(entry: OutboxEntry): Promise<void> {
    const { exchanges, commandRoutingKey } = this.#topology;
    return publishEnvelope(this.#bus, { exchange: exchanges.commands.name, routingKey: commandRoutingKey(entry.to) }, entry.envelope);
  }
}
