import type { Envelope, Topology } from '@saga/contracts';
import { SagaError, publishEnvelope, type MessageBus } from '@saga/runtime';
import type { SagaInbox } from '../../application/ports.ts';

/** Publishes to the saga's partition queue: the replies exchange, routed by the partition of its id. */
export class BusSagaInbox implements SagaInbox {
  readonly #bus: MessageBus;
  readonly #topology: Topology;

  constructor(bus: MessageBus, topology: Topology) {
    this.#bus = bus;
    this.#topology = topology;
  }

  deliver(envelope: Envelope): Promise<void> {
    if (!envelope.correlationId) return Promise.reject(new SagaError('ERR_INVALID_MESSAGE', `${envelope.type} needs a correlationId to find its partition`));
    const { exchanges, replyRoutingKey } = this.#topology;
    return publishEnvelope(this.#bus, { exchange: exchanges.replies.name, routingKey: replyRoutingKey(envelope.correlationId) }, envelope);
  }
}
