import type { Channel } from 'amqplib';
import { allQueues, type Topology } from '@saga/contracts';
import { SagaError } from '../errors.ts';
import { assertTopology } from './assert-topology.ts';

/**
 * `declare` asserts the topology (needs configure permission: the orchestrator, or everyone in
 * development). `verify` only checks passively that every exchange and queue exists, which needs
 * no permission at all, so a least-privilege participant can still fail loudly at start-up when
 * the topology is missing instead of waiting on a queue that will never exist.
 */
export type TopologyMode = 'declare' | 'verify';

export async function prepareTopology(channel: Channel, topology: Topology, mode: TopologyMode): Promise<void> {
  if (mode === 'declare') await assertTopology(channel, topology);
  else await verifyTopology(channel, topology);
}

/**
 * Passive declarations of every exchange and queue. A missing one closes the channel with 404;
 * we rethrow it as ERR_TOPOLOGY_MISSING naming the resource and who should declare it. Bindings
 * cannot be checked passively; a missing one shows up as a returned (unroutable) publish.
 */
export async function verifyTopology(channel: Channel, topology: Topology): Promise<void> {
  const checks: Array<[string, string, () => Promise<unknown>]> = [
    ...Object.values(topology.exchanges).map((e): [string, string, () => Promise<unknown>] => ['exchange', e.name, () => channel.checkExchange(e.name)]),
    ...allQueues(topology).map((q): [string, string, () => Promise<unknown>] => ['queue', q.name, () => channel.checkQueue(q.name)]),
  ];
  for (const [kind, name, check] of checks) {
    try {
      await check();
    } catch (error) {
      throw new SagaError(
        'ERR_TOPOLOGY_MISSING',
        `${kind} ${name} does not exist (AMQP_TOPOLOGY=verify): start the orchestrator or load the broker definitions first`,
        {},
        { cause: error },
      );
    }
  }
}
