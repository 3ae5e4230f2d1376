import type { ExchangeSpec, MessageContract, Topology } from '@saga/contracts';
import { partitionTemplate, type Channel, type ExchangeChannel, type QueueChannel } from './channels.ts';
import { AsyncApiError } from './errors.ts';
import { PARTITION_PARAMETER } from './partitions.ts';

/** Where a message goes: the exchange it is published to, with which routing key, and the queue that gets it. */
export interface Route {
  exchange: ExchangeChannel;
  /** Literal, or a template holding `{partition}` when the queue is partitioned. */
  routingKey: string;
  queue: QueueChannel;
}

function boundRoute(exchangeSpec: ExchangeSpec, routingKey: string, topology: Topology, channels: readonly Channel[], type: string): Route {
  const binding = topology.bindings.find((b) => b.exchange === exchangeSpec.name && b.routingKey === routingKey);
  const exchange = channels.find((c): c is ExchangeChannel => c.kind === 'exchange' && c.spec.name === exchangeSpec.name);
  const queue = channels.find((c): c is QueueChannel => c.kind === 'queue' && c.spec.name === binding?.queue);
  if (!exchange || !queue) throw new Error(`${type}: no queue is bound to ${exchangeSpec.name} with routing key "${routingKey}"`);
  return { exchange, routingKey, queue };
}


/** The replies exchange, keyed `p{partition}`, into the partition channel; checked against the bindings of every partition. */
function partitionRoute(topology: Topology, channels: readonly Channel[]): Route {
  const queue = channels.find((c): c is QueueChannel => c.kind === 'queue' && c.partitions !== undefined);
  const exchange = channels.find((c): c is ExchangeChannel => c.kind === 'exchange' && c.spec.name === topology.exchanges.replies.name);
  if (!queue?.partitions || !exchange) throw new Error('the topology has no orchestrator partitions on the replies exchange');
  const keys = queue.partitions.map((q, k) => {
    const key = topology.partitionRoutingKey(k);
    const bound = topology.bindings.some((b) => b.exchange === exchange.spec.name && b.queue === q.name && b.routingKey === key);
    if (!bound) throw new Error(`${q.name} is not bound to ${exchange.spec.name} with routing key "${key}"`);
    return key;
  });
  return { exchange, routingKey: partitionTemplate(keys, 'routing keys'), queue };
}

/**
 * StartSaga may arrive without a saga id, so it cannot be routed by one: it comes in on the shared
 * commands queue. Every other message to the orchestrator carries the saga id and goes straight to
 * the saga's partition.
 */
const toPartition = (contract: MessageContract): boolean => contract.to === 'orchestrator' && contract.correlationRequired;

/**
 * The route of one message type as its sender publishes it, read from the topology the runtime
 * asserts: commands to a participant (and StartSaga) go to the commands exchange keyed by the
 * consuming service; everything else for the orchestrator to the replies exchange keyed by the
 * saga's partition.
 */
export function routeOf(contract: MessageContract, topology: Topology, channels: readonly Channel[]): Route {
  if (toPartition(contract)) return partitionRoute(topology, channels);
  if (contract.kind === 'command') return boundRoute(topology.exchanges.commands, topology.commandRoutingKey(contract.to), topology, channels, contract.type);
  // The runtime publishes commands and replies only; a document that showed an event on some
  // exchange would promise a message nobody sends.
  const why = contract.kind === 'event' ? 'the topology has no exchange for events' : `a reply goes to the orchestrator, not ${contract.to}`;
  throw new AsyncApiError('ERR_ASYNCAPI_UNROUTABLE', `${contract.type}: no route to document (${why})`);
}

/**
 * Where the orchestrator republishes a message it received without a saga partition: StartSaga,
 * once its saga id is resolved, goes on to that saga's partition, so that the one instance owning
 * the partition creates the saga.
 */
export function forwardOf(contract: MessageContract, topology: Topology, channels: readonly Channel[]): Route | undefined {
  return contract.to === 'orchestrator' && !toPartition(contract) ? partitionRoute(topology, channels) : undefined;
}

/** "Publish to exchange … with routing key …; queue … receives it", with how to compute the partition. */
export function routeSentence(route: Route, topology: Topology): string {
  const where = `exchange \`${route.exchange.spec.name}\` with routing key \`${route.routingKey}\``;
  if (!route.queue.partitions) return `${where}; it arrives on queue \`${route.queue.spec.name}\``;
  return `${where}, where \`{${PARTITION_PARAMETER}}\` is the FNV-1a 32-bit hash of \`correlationId\` modulo ${topology.partitionCount} (see *Partitions*); it arrives on queue \`${route.queue.spec.name}\`, the saga's partition`;
}
