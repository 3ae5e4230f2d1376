import { allQueues, type Topology } from '@saga/contracts';

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
