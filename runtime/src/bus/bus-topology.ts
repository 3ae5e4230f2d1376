import { allQueues, type Topology } from '@saga/contracts';
import { SagaError } from '../errors.ts';

export interface ExchangeDeclaration {
  name: string;
  type: 'direct' | 'fanout' | 'topic';
}

/**
 * A durable queue. The arguments a bus honours: `x-queue-type`, `x-dead-letter-exchange`,
 * `x-dead-letter-routing-key`, `x-delivery-limit` (quorum queues) and `x-single-active-consumer`.
 */
export interface QueueDeclaration {
  name: string;
  arguments: Record<string, string | number | boolean>;
}

export interface BindingDeclaration {
  exchange: string;
  queue: string;
  /** The binding key: a direct exchange matches it exactly, a topic exchange as a pattern (`*`, `#`); fanout ignores it. */
  routingKey: string;
}

/** What a bus declares (or verifies) when it connects, and again on every reconnect: data, not code. */
export interface BusTopology {
  exchanges: readonly ExchangeDeclaration[];
  queues: readonly QueueDeclaration[];
  bindings: readonly BindingDeclaration[];
}

/** The declarations of a saga system's topology: its exchanges, every queue, every binding. */
export function busTopologyOf(topology: Topology): BusTopology {
  return {
    exchanges: Object.values(topology.exchanges).map(({ name, type }) => ({ name, type })),
    queues: allQueues(topology).map((q) => ({ name: q.name, arguments: q.arguments })),
    bindings: topology.bindings,
  };
}

/** What a bus in verify mode reports for an exchange or queue that is not there. */
export function topologyMissing(kind: 'exchange' | 'queue', name: string, cause?: unknown): SagaError {
  return new SagaError(
    'ERR_TOPOLOGY_MISSING',
    `${kind} ${name} does not exist (AMQP_TOPOLOGY=verify): start the orchestrator or load the broker definitions first`,
    {},
    { cause },
  );
}
