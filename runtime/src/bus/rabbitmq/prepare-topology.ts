import type { Channel } from 'amqplib';
import { SagaError } from '../../errors.ts';
import type { BusTopology } from '../bus-topology.ts';
import type { TopologyMode } from '../message-bus.ts';
import { assertTopology } from './assert-topology.ts';

/** Declares the topology, or in verify mode only checks it (see TopologyMode). */
export async function prepareTopology(channel: Channel, topology: BusTopology, mode: TopologyMode): Promise<void> {
  if (mode === 'declare') await assertTopology(channel, topology);
  else await verifyTopology(channel, topology);
}

/**
 * Passive declarations of every exchange and queue. A missing one closes the channel with 404;
 * we rethrow it as ERR_TOPOLOGY_MISSING naming the resource and who should declare it. Bindings
 * cannot be checked passively; a missing one shows up as a returned (unroutable) publish.
 */
export async function verifyTopology(channel: Channel, topology: BusTopology): Promise<void> {
  const checks: Array<[string, string, () => Promise<unknown>]> = [
    ...topology.exchanges.map((e): [string, string, () => Promise<unknown>] => ['exchange', e.name, () => channel.checkExchange(e.name)]),
    ...topology.queues.map((q): [string, string, () => Promise<unknown>] => ['queue', q.name, () => channel.checkQueue(q.name)]),
  ];
  for (const [kind, name, check] of checks) {
    try {
      await check();
    } catch (error) {
      throw topologyMissing(kind, name, error);
    }
  }
}

export function topologyMissing(kind: string, name: string, cause?: unknown): SagaError {
  return new SagaError(
    'ERR_TOPOLOGY_MISSING',
    `${kind} ${name} does not exist (AMQP_TOPOLOGY=verify): start the orchestrator or load the broker definitions first`,
    {},
    { cause },
  );
}
