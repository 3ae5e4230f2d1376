
export interface ExchangeSpec {
  name: string;
  type: 'direct' | 'fanout' | 'topic';
  durable: true;
  description: string;
}
export interface QueueSpec {
  name: string;
  durable: true;
  arguments: Record<string, string | number | boolean>;
  /** Who consumes it. */
  consumer: string;
  description: string;
}
export interface BindingSpec {
  exchange: string;
  queue: string;
  routingKey: string;
}
export interface TopologyOptions {
  /**
   * How many partition queues the orchestrator's input is split into (by sagaId). Every service of
   * a namespace must use the same number. @default 4
   */
  partitions?: number;
  /** Deliveries after which a quorum queue dead-letters a message (a handler that keeps crashing). @default 20 */
  deliveryLimit?: number;
}

export interface Topology {
  namespace: string;
  /** Number of orchestrator partition queues; a saga's messages all go to `partitionOf(sagaId)`. */
  partitionCount: number;
  exchanges: { commands: ExchangeSpec; replies: ExchangeSpec; deadLetter: ExchangeSpec };
  queues: {
    orchestratorCommands: QueueSpec;
    /**
     * The orchestrator's partition queues `<ns>.orchestrator.p<k>`: replies, forwarded StartSagas,
     * wake-ups and operator commands of the sagas whose id hashes to k. Each has a single active
     * consumer, so one orchestrator instance at a time writes a given saga.
     */
    orchestratorPartitions: QueueSpec[];
    deadLetter: QueueSpec;
    /** Each participant's command queue, by participant name. */
    participants: Record<string, QueueSpec>;
  };
  bindings: BindingSpec[];
  /** Routing key on the commands exchange that reaches a service's command queue. */
  commandRoutingKey(service: string): string;
  /** Routing key on the replies exchange that reaches the partition queue of this saga. */
  replyRoutingKey(sagaId: string): string;
  /** Routing key of partition k on the replies exchange. */
  partitionRoutingKey(partition: number): string;
}

/** Every queue of the topology, the orchestrator's first, then the participants'. */
export function allQueues(topology: Topology): QueueSpec[] {
  const { orchestratorCommands, orchestratorPartitions, deadLetter, participants } = topology.queues;
  return [orchestratorCommands, ...orchestratorPartitions, deadLetter, ...Object.values(participants)];
}

/** FNV-1a (32 bit) of the saga id, modulo the partition count: stable across services and restarts. */
export function partitionOf(sagaId: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < sagaId.length; i += 1) {
    hash ^= sagaId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

/**
 * The RabbitMQ topology of a system as data: one command queue per participant of its
 * description, the orchestrator's queues, the dead letters. `namespace` prefixes every name so that
 * several systems (or test runs) can share one broker. Queues are quorum queues: replicated,
 * durable, and they refuse non-persistent semantics; anything rejected without requeue is
 * dead-lettered to `deadLetter`.
 */
export function topology(system: { participants: readonly string[] }, namespace: string, options: TopologyOptions = {}): Topology {
  const PARTICIPANTS = system.participants;
  const partitionCount = options.partitions ?? 4;
  const deliveryLimit = options.deliveryLimit ?? 20;
  if (!Number.isInteger(partitionCount) || partitionCount < 1 || partitionCount > 64) throw new RangeError('partitions must be an integer from 1 to 64');
  const n = (s: string) => `${namespace}.${s}`;
  const deadLetterExchange = n('dead-letter');
  const workQueue = (name: string, consumer: string, description: string, extra: Record<string, string | number | boolean> = {}): QueueSpec => ({
    name: n(name),
    durable: true,
    arguments: { 'x-queue-type': 'quorum', 'x-dead-letter-exchange': deadLetterExchange, 'x-delivery-limit': deliveryLimit, ...extra },
    consumer,
    description,
  });
  const partitionRoutingKey = (k: number) => `p${k}`;
  const orchestratorPartitions = Array.from({ length: partitionCount }, (_, k) =>
    workQueue(
      `orchestrator.p${k}`,
      'orchestrator',
      `Partition ${k} of ${partitionCount}: replies, forwarded StartSagas, wake-ups and operator commands of the sagas whose id hashes here. One active consumer at a time.`,
      { 'x-single-active-consumer': true },
    ),
  );
  const participants = Object.fromEntries(
    PARTICIPANTS.map((p) => [p, workQueue(`${p}.commands`, p, `Commands for the ${p} participant.`)]),
  ) as Record<string, QueueSpec>;
  const queues = {
    orchestratorCommands: workQueue('orchestrator.commands', 'orchestrator', 'StartSaga commands from clients.'),
    orchestratorPartitions,
    deadLetter: {
      name: n('dead-letter'),
      durable: true as const,
      arguments: { 'x-queue-type': 'quorum' },
      consumer: 'operator',
      description: 'Messages that could not be processed, each with x-death-reason / x-error-code headers.',
    },
    participants,
  };
  const exchanges = {
    commands: { name: n('commands'), type: 'direct' as const, durable: true as const, description: 'Commands, routed by the name of the service that handles them.' },
    replies: { name: n('replies'), type: 'direct' as const, durable: true as const, description: 'Replies to the orchestrator.' },
    deadLetter: { name: deadLetterExchange, type: 'fanout' as const, durable: true as const, description: 'Dead letters of every queue.' },
  };
  const bindings: BindingSpec[] = [
    { exchange: exchanges.commands.name, queue: queues.orchestratorCommands.name, routingKey: 'orchestrator' },
    ...orchestratorPartitions.map((q, k) => ({ exchange: exchanges.replies.name, queue: q.name, routingKey: partitionRoutingKey(k) })),
    { exchange: exchanges.deadLetter.name, queue: queues.deadLetter.name, routingKey: '' },
    ...PARTICIPANTS.map((p) => ({ exchange: exchanges.commands.name, queue: participants[p]!.name, routingKey: p })),
  ];
  return {
    namespace,
    partitionCount,
    exchanges,
    queues,
    bindings,
    commandRoutingKey: (service) => service,
    replyRoutingKey: (sagaId) => partitionRoutingKey(partitionOf(sagaId, partitionCount)),
    partitionRoutingKey,
  };
}
