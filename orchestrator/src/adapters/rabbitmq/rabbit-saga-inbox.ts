import type { Envelope } from '@saga/contracts';
import { SagaError, publishEnvelope, type Broker } from '@saga/runtime';
import type { SagaInbox } from '../../application/ports.ts';

/** Publishes to the saga's partition queue: the replies exchange, routed by the partition of its id. */
export class RabbitSagaInbox implements SagaInbox {
  readonly #broker: Broker;

  constructor(broker: Broker) {
    this.#broker = broker;
  }

  deliver(envelope: Envelope): Promise<void> {
    if (!envelope.correlationId) return Promise.reject(new SagaError('ERR_INVALID_MESSAGE', `${envelope.type} needs a correlationId to find its partition`));
    const { exchanges, replyRoutingKey } = this.#broker.topology;
    return publishEnvelope(this.#broker, { exchange: exchanges.replies.name, routingKey: replyRoutingKey(envelope.correlationId) }, envelope);
  }
}
