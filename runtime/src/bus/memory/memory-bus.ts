import { SagaError } from '../../errors.ts';
import type { BusTopology } from '../bus-topology.ts';
import type { ConsumeRequest, MessageBus, OutgoingMessage, Subscription, TopologyMode } from '../message-bus.ts';
import { checkMessageSize } from '../message-size.ts';
import type { MemoryBroker } from './memory-broker.ts';

export interface MemoryBusOptions {
  /** Declared (or verified) when the connection opens. */
  topology: BusTopology;
  /** @default 'declare' */
  topologyMode?: TopologyMode;
  /** The user this connection publishes as; deliveries carry it as `userId`. @default 'guest' */
  username?: string;
  /** Bodies larger than this are never published (ERR_MESSAGE_TOO_LARGE). @default no limit */
  maxMessageBytes?: number;
}

/**
 * One connection to a MemoryBroker: the in-memory adapter of the message-bus port. Closing it
 * closes its subscriptions, and what they left unsettled goes back to its queues, as when a
 * RabbitMQ connection goes away.
 */
export class MemoryBus implements MessageBus {
  readonly username: string;
  readonly #broker: MemoryBroker;
  readonly #maxMessageBytes: number | undefined;
  /** Each open subscription with its current attachment to the queue (replaced by `interrupt`). */
  readonly #subscriptions = new Set<{ request: ConsumeRequest; attached: Subscription }>();
  #closed = false;

  constructor(broker: MemoryBroker, options: MemoryBusOptions) {
    this.#broker = broker;
    this.username = options.username ?? 'guest';
    this.#maxMessageBytes = options.maxMessageBytes;
  }

  async publish(message: OutgoingMessage): Promise<void> {
    if (this.#closed) throw new SagaError('ERR_PUBLISH_FAILED', `publish to ${message.exchange} was not confirmed: the connection is closed`);
    checkMessageSize(message, this.#maxMessageBytes);
    await this.#broker.publish(message, this.username);
  }

  async consume(request: ConsumeRequest): Promise<Subscription> {
    if (this.#closed) throw new SagaError('ERR_BROKER_UNAVAILABLE', 'the connection is closed');
    const subscription = { request, attached: this.#broker.subscribe(request) };
    this.#subscriptions.add(subscription);
    return {
      close: async () => {
        this.#subscriptions.delete(subscription);
        await subscription.attached.close();
      },
    };
  }

  /**
   * A fault for tests: the connection drops and comes back, as amqp-connection-manager recovers
   * from an outage. Every unsettled delivery goes back to its queue (its signal aborts; settling it
   * now does nothing) and every subscription is attached again, so redeliveries follow.
   */
  async interrupt(): Promise<void> {
    for (const subscription of this.#subscriptions) {
      await subscription.attached.close();
      subscription.attached = this.#broker.subscribe(subscription.request);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const open = [...this.#subscriptions];
    this.#subscriptions.clear();
    await Promise.all(open.map((s) => s.attached.close()));
  }
}
