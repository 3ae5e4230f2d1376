/**
 * The message-bus port: everything above the wire (the envelope codec, consumers that
 * dead-letter, the participant runtime, the orchestrator's publishers and inboxes) talks to a
 * broker through this, at the level of bytes and AMQP-like properties. Two adapters implement it:
 * RabbitMQ (`connectRabbitBus`) and in-memory (`MemoryBroker#connect`); both pass the same contract
 * suite (runtime/test/message-bus.contract.ts).
 *
 * The semantics are RabbitMQ's, because that is what production runs on:
 * - `publish` is persistent, mandatory and confirmed: it resolves once the broker has taken the
 *   message into every queue it routes to, and rejects with ERR_PUBLISH_FAILED on a nack, a confirm
 *   timeout, a lost connection, or when no queue would receive it. A rejected publish may still
 *   have been delivered (a confirm lost with its connection): re-send with the same messageId.
 * - A queue hands each consumer at most `prefetch` unsettled deliveries, in queue order.
 * - A delivery is settled once: `ack`, `requeue` (back to the queue, redelivered later, counted),
 *   or `reject` (dead-lettered by the queue's `x-dead-letter-exchange`, if it has one). Deliveries
 *   still unsettled when their subscription closes (or, on RabbitMQ, when its channel is replaced
 *   after a reconnect) are redelivered by the broker; settling them afterwards does nothing.
 * - A subscription survives reconnects: it is re-attached by the adapter.
 */

/** AMQP basic properties a publisher may set. Every message is persistent; `userId` is the bus's own. */
export interface MessageProperties {
  messageId?: string;
  correlationId?: string;
  type?: string;
  contentType?: string;
  contentEncoding?: string;
  /** Seconds since the epoch, as AMQP carries it. */
  timestamp?: number;
  headers?: Record<string, unknown>;
}

export interface OutgoingMessage {
  exchange: string;
  routingKey: string;
  body: Buffer;
  properties?: MessageProperties;
}

/** What a consumer receives. */
export interface Delivery {
  readonly body: Buffer;
  /** `userId` is the user the publishing connection authenticated as; the broker vouches for it. */
  readonly properties: MessageProperties & { userId?: string };
  readonly exchange: string;
  readonly routingKey: string;
  /** True when this message was delivered before (requeued, or its consumer went away unsettled). */
  readonly redelivered: boolean;
  /**
   * Deliveries of this message so far, this one included: 1 the first time. RabbitMQ's quorum queues
   * count returns in the `x-delivery-count` header, and so does the memory bus.
   */
  readonly deliveryCount: number;
  /**
   * Aborted once this delivery can no longer be settled (its subscription closed, its channel was
   * replaced): the broker will redeliver it, so work held for it (a retry pause) should stop.
   */
  readonly signal: AbortSignal;
  ack(): void;
  /** Back to the queue, to be delivered again. A quorum queue's `x-delivery-limit` bounds how often. */
  requeue(): void;
  /** Refused: the queue dead-letters it (x-first-death-reason `rejected`) or, without a dead-letter exchange, drops it. */
  reject(): void;
}

export interface ConsumeRequest {
  queue: string;
  /** Most unsettled deliveries this subscription holds at once. */
  prefetch: number;
  /** Called once per delivery; settle it (later is fine). Must not throw. */
  onDelivery(delivery: Delivery): void;
}

export interface Subscription {
  /** Stops consuming; unsettled deliveries go back to the queue and their signals abort. */
  close(): Promise<void>;
}

export interface MessageBus {
  /** The user this bus authenticates as; every publish carries it as `userId`. */
  readonly username: string;
  publish(message: OutgoingMessage): Promise<void>;
  consume(request: ConsumeRequest): Promise<Subscription>;
  /** Closes every subscription and the connection. */
  close(): Promise<void>;
}

/**
 * `declare` asserts the topology (needs configure permission: the orchestrator, or everyone in
 * development). `verify` only checks that every exchange and queue exists, which needs no
 * permission at all, so a least-privilege service still fails loudly at start-up when the topology
 * is missing instead of waiting on a queue that will never exist.
 */
export type TopologyMode = 'declare' | 'verify';
