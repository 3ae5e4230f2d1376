import type { QueueDeclaration } from '../bus-topology.ts';
import type { ConsumeRequest, Delivery, MessageProperties, Subscription } from '../message-bus.ts';

/** A message as a queue holds it. */
export interface StoredMessage {
  body: Buffer;
  properties: MessageProperties & { userId?: string };
  exchange: string;
  routingKey: string;
  /** Times it went back to the queue: requeued, or its consumer went away without settling it. */
  returns: number;
}

interface QueueConsumer {
  prefetch: number;
  onDelivery(delivery: Delivery): void;
  /** Unsettled deliveries, in delivery order. */
  outstanding: Set<StoredMessage>;
  controller: AbortController;
}

export type DeadLetterReason = 'rejected' | 'delivery_limit';

export interface QueueStats {
  ready: number;
  unacked: number;
  consumers: number;
}

/**
 * One queue: FIFO, a prefetch per consumer, redelivery of what a closing consumer left unsettled,
 * and the arguments of a RabbitMQ quorum queue — `x-delivery-limit` (a message returned more often
 * is dead-lettered with reason `delivery_limit`), `x-dead-letter-exchange` (where rejected and
 * over-limit messages go; without one they are dropped) and `x-single-active-consumer` (one
 * consumer gets everything; the next in line takes over when it closes).
 */
export class MemoryQueue {
  readonly name: string;
  readonly arguments: Readonly<Record<string, string | number | boolean>>;
  readonly #ready: StoredMessage[] = [];
  readonly #consumers: QueueConsumer[] = [];
  readonly #deadLetter: (message: StoredMessage, reason: DeadLetterReason) => void;
  #next = 0;
  #dispatchScheduled = false;

  constructor(declaration: QueueDeclaration, deadLetter: (message: StoredMessage, reason: DeadLetterReason) => void) {
    this.name = declaration.name;
    this.arguments = { ...declaration.arguments };
    this.#deadLetter = deadLetter;
  }

  get #deliveryLimit(): number | undefined {
    const limit = this.arguments['x-delivery-limit'];
    return typeof limit === 'number' ? limit : undefined;
  }

  enqueue(message: StoredMessage): void {
    this.#ready.push(message);
    this.#scheduleDispatch();
  }

  /** Removes and returns every ready message (unsettled ones stay with their consumers). */
  drain(): StoredMessage[] {
    return this.#ready.splice(0);
  }

  stats(): QueueStats {
    const unacked = this.#consumers.reduce((n, c) => n + c.outstanding.size, 0);
    return { ready: this.#ready.length, unacked, consumers: this.#consumers.length };
  }

  subscribe(request: ConsumeRequest): Subscription {
    const consumer: QueueConsumer = { prefetch: Math.max(1, request.prefetch), onDelivery: request.onDelivery, outstanding: new Set(), controller: new AbortController() };
    this.#consumers.push(consumer);
    this.#scheduleDispatch();
    return { close: async () => this.#remove(consumer) };
  }

  #remove(consumer: QueueConsumer): void {
    const index = this.#consumers.indexOf(consumer);
    if (index < 0) return;
    this.#consumers.splice(index, 1);
    consumer.controller.abort();
    // Back to the head in their original order, counted as returns, as RabbitMQ does with the
    // unacked messages of a consumer whose channel closed.
    const left = [...consumer.outstanding];
    consumer.outstanding.clear();
    for (const message of left.reverse()) this.#return(message);
    this.#scheduleDispatch();
  }

  #return(message: StoredMessage): void {
    message.returns += 1;
    const limit = this.#deliveryLimit;
    if (limit !== undefined && message.returns > limit) this.#deadLetter(message, 'delivery_limit');
    else this.#ready.unshift(message);
  }

  #settle(consumer: QueueConsumer, message: StoredMessage, how: 'ack' | 'requeue' | 'reject'): void {
    // Settled already, or its consumer closed and the message went back: nothing to do.
    if (!consumer.outstanding.delete(message)) return;
    if (how === 'requeue') this.#return(message);
    else if (how === 'reject') this.#deadLetter(message, 'rejected');
    this.#scheduleDispatch();
  }

  /** On the next turn of the event loop, not at once: a consumer that settles inside onDelivery must not re-enter, and I/O gets its turn. */
  #scheduleDispatch(): void {
    if (this.#dispatchScheduled) return;
    this.#dispatchScheduled = true;
    setImmediate(() => {
      this.#dispatchScheduled = false;
      this.#dispatch();
    });
  }

  #dispatch(): void {
    const single = this.arguments['x-single-active-consumer'] === true;
    for (;;) {
      if (this.#ready.length === 0) return;
      const eligible = single ? this.#consumers.slice(0, 1) : this.#consumers;
      const consumer = this.#pick(eligible);
      if (!consumer) return;
      const message = this.#ready.shift()!;
      consumer.outstanding.add(message);
      try {
        consumer.onDelivery(this.#delivery(consumer, message));
      } catch {
        // A consumer must not throw (see ConsumeRequest); if one does, its message stays unsettled
        // with it, as on RabbitMQ, and the queue goes on serving the others.
      }
    }
  }

  /** Round robin over the consumers with room under their prefetch. */
  #pick(eligible: readonly QueueConsumer[]): QueueConsumer | undefined {
    for (let i = 0; i < eligible.length; i += 1) {
      const consumer = eligible[(this.#next + i) % eligible.length]!;
      if (consumer.outstanding.size < consumer.prefetch) {
        this.#next = (this.#next + i + 1) % Math.max(1, eligible.length);
        return consumer;
      }
    }
    return undefined;
  }

  #delivery(consumer: QueueConsumer, message: StoredMessage): Delivery {
    const headers = { ...structuredClone(message.properties.headers ?? {}), ...(message.returns > 0 ? { 'x-delivery-count': message.returns } : {}) };
    return {
      body: Buffer.from(message.body),
      properties: { ...structuredClone(message.properties), headers },
      exchange: message.exchange,
      routingKey: message.routingKey,
      redelivered: message.returns > 0,
      deliveryCount: message.returns + 1,
      signal: consumer.controller.signal,
      ack: () => this.#settle(consumer, message, 'ack'),
      requeue: () => this.#settle(consumer, message, 'requeue'),
      reject: () => this.#settle(consumer, message, 'reject'),
    };
  }
}
