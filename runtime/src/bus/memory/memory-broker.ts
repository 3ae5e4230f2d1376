import { SagaError } from '../../errors.ts';
import { realScheduler, type Scheduler } from '../../scheduler.ts';
import { topologyMissing, type BusTopology, type QueueDeclaration } from '../bus-topology.ts';
import type { ConsumeRequest, MessageProperties, OutgoingMessage, Subscription, TopologyMode } from '../message-bus.ts';
import { BusFaults } from './bus-faults.ts';
import { MemoryBus, type MemoryBusOptions } from './memory-bus.ts';
import { MemoryExchange } from './memory-exchange.ts';
import { MemoryQueue, type DeadLetterReason, type QueueStats, type StoredMessage } from './memory-queue.ts';

export interface MemoryBrokerOptions {
  /** Runs delayed and held messages (faults). Give it a ManualClock to drive them from a test. @default real timers */
  scheduler?: Scheduler;
}

/** A message taken out of a queue with `drain`: what a test reads from, say, the dead-letter queue. */
export interface DrainedMessage {
  body: Buffer;
  properties: MessageProperties & { userId?: string };
  exchange: string;
  routingKey: string;
}

/**
 * An in-memory message broker with RabbitMQ's semantics, for the sandbox and for tests: direct,
 * fanout and topic exchanges, bindings, durable queues honouring the quorum-queue arguments the
 * topology uses (see MemoryQueue), mandatory publishes refused when no queue would receive them,
 * per-queue FIFO and prefetch, redelivery of what a closing subscription left unsettled. Services
 * connect to it as they would to RabbitMQ, one `MemoryBus` each, with a user of their own. Faults
 * for tests are installed on `faults`. Nothing is durable: it lives as long as the process.
 */
export class MemoryBroker {
  readonly faults: BusFaults;
  readonly #exchanges = new Map<string, MemoryExchange>();
  readonly #queues = new Map<string, MemoryQueue>();

  constructor(options: MemoryBrokerOptions = {}) {
    this.faults = new BusFaults(options.scheduler ?? realScheduler);
  }

  /** A connection: declares (or verifies) `topology` first, like a RabbitMQ connection's setup. */
  async connect(options: MemoryBusOptions): Promise<MemoryBus> {
    try {
      this.prepare(options.topology, options.topologyMode ?? 'declare');
    } catch (error) {
      throw new SagaError('ERR_BROKER_UNAVAILABLE', `no usable broker connection (${(error as Error).message})`, {}, { cause: error });
    }
    return new MemoryBus(this, options);
  }

  prepare(topology: BusTopology, mode: TopologyMode): void {
    if (mode === 'verify') {
      for (const e of topology.exchanges) if (!this.#exchanges.has(e.name)) throw topologyMissing('exchange', e.name);
      for (const q of topology.queues) if (!this.#queues.has(q.name)) throw topologyMissing('queue', q.name);
      return;
    }
    for (const declaration of topology.exchanges) {
      const existing = this.#exchanges.get(declaration.name);
      if (existing && existing.type !== declaration.type) throw inequivalent('exchange', declaration.name, `type ${existing.type}, not ${declaration.type}`);
      if (!existing) this.#exchanges.set(declaration.name, new MemoryExchange(declaration));
    }
    for (const declaration of topology.queues) this.#declareQueue(declaration);
    for (const binding of topology.bindings) {
      const exchange = this.#exchanges.get(binding.exchange);
      if (!exchange) throw topologyMissing('exchange', binding.exchange);
      if (!this.#queues.has(binding.queue)) throw topologyMissing('queue', binding.queue);
      exchange.bind(binding);
    }
  }

  /** Removes a queue (its messages with it) and its bindings, as `queue.delete` does. */
  deleteQueue(name: string): void {
    this.#queues.delete(name);
    for (const exchange of this.#exchanges.values()) exchange.unbindQueue(name);
  }

  /** Ready, unacked and consumers of a queue; undefined when it does not exist. */
  stats(queue: string): QueueStats | undefined {
    return this.#queues.get(queue)?.stats();
  }

  /** Takes every ready message out of a queue. */
  drain(queue: string): DrainedMessage[] {
    return (this.#queues.get(queue)?.drain() ?? []).map(({ body, properties, exchange, routingKey }) => ({ body, properties, exchange, routingKey }));
  }

  /** Called by MemoryBus. A queue that does not exist is refused, as RabbitMQ's 404 would. */
  subscribe(request: ConsumeRequest): Subscription {
    const queue = this.#queues.get(request.queue);
    if (!queue) throw topologyMissing('queue', request.queue);
    return queue.subscribe(request);
  }

  /** Called by MemoryBus: a mandatory, confirmed publish as `userId`. */
  async publish(message: OutgoingMessage, userId: string): Promise<void> {
    const exchange = this.#exchanges.get(message.exchange);
    // RabbitMQ closes the channel with 404, and the publish in flight is rejected.
    if (!exchange) throw new SagaError('ERR_PUBLISH_FAILED', `publish to ${message.exchange} was not confirmed: no exchange ${message.exchange}`);
    const stored = (): StoredMessage => ({
      body: Buffer.from(message.body),
      properties: { ...structuredClone(message.properties ?? {}), userId },
      exchange: message.exchange,
      routingKey: message.routingKey,
      returns: 0,
    });
    const queues = exchange.route(message.routingKey).filter((q) => this.#queues.has(q));
    const refused = this.faults.refusePublish(stored(), queues);
    if (refused) throw refused;
    if (queues.length === 0) throw new SagaError('ERR_PUBLISH_FAILED', `no queue is bound for ${message.exchange} / ${message.routingKey}; the message was returned`);
    for (const name of queues) this.faults.enter(name, stored(), (m) => this.#queues.get(name)?.enqueue(m));
  }

  #declareQueue(declaration: QueueDeclaration): void {
    const existing = this.#queues.get(declaration.name);
    if (existing) {
      const same = JSON.stringify(sorted(existing.arguments)) === JSON.stringify(sorted(declaration.arguments));
      if (!same) throw inequivalent('queue', declaration.name, 'other arguments');
      return;
    }
    this.#queues.set(declaration.name, new MemoryQueue(declaration, (message, reason) => this.#deadLetter(declaration.name, message, reason)));
  }

  /** What RabbitMQ does with a rejected or over-limit message of a queue with a dead-letter exchange. */
  #deadLetter(queue: string, message: StoredMessage, reason: DeadLetterReason): void {
    const args = this.#queues.get(queue)?.arguments ?? {};
    const target = args['x-dead-letter-exchange'];
    const exchange = typeof target === 'string' ? this.#exchanges.get(target) : undefined;
    if (!exchange) return;
    const routingKey = typeof args['x-dead-letter-routing-key'] === 'string' ? args['x-dead-letter-routing-key'] : message.routingKey;
    const headers = { ...message.properties.headers };
    const death = { count: 1, reason, queue, exchange: message.exchange, 'routing-keys': [message.routingKey], time: Math.floor(Date.now() / 1000) };
    const dead: StoredMessage = {
      ...message,
      exchange: exchange.name,
      routingKey,
      returns: 0,
      properties: {
        ...message.properties,
        headers: {
          ...headers,
          'x-first-death-reason': headers['x-first-death-reason'] ?? reason,
          'x-first-death-queue': headers['x-first-death-queue'] ?? queue,
          'x-first-death-exchange': headers['x-first-death-exchange'] ?? message.exchange,
          'x-death': [death, ...(Array.isArray(headers['x-death']) ? headers['x-death'] : [])],
        },
      },
    };
    for (const name of exchange.route(routingKey)) this.#queues.get(name)?.enqueue({ ...dead, body: Buffer.from(dead.body) });
  }
}

function inequivalent(kind: string, name: string, what: string): Error {
  return new Error(`PRECONDITION_FAILED - inequivalent ${kind} ${name}: declared before with ${what}`);
}

function sorted(args: Readonly<Record<string, unknown>>): [string, unknown][] {
  return Object.entries(args).sort(([a], [b]) => (a < b ? -1 : 1));
}
