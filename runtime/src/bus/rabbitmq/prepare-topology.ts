import type { Channel } from 'amqplib';
import { topologyMissing, type BusTopology } from '../bus-topology.ts';
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
  const checks: Array<['exchange' | 'queue', string, () => Promise<unknown>]> = [
    ...topology.exchanges.map((e): ['exchange', string, () => Promise<unknown>] => ['exchange', e.name, () => channel.checkExchange(e.name)]),
    ...topology.queues.map((q): ['queue', string, () => Promise<unknown>] => ['queue', q.name, () => channel.checkQueue(q.name)]),
  ];
  for (const [kind, name, check] of checks) {
    try {
      await check();
    } catch (error) {
      throw topologyMissing(kind, name, error);
    }
  }
}
