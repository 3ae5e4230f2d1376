/**
 * The order system as separate processes: the framework's `startCluster` (`@saga/runtime/testing`)
 * with this workspace's order system and its mains. See that function for what a cluster offers.
 */
import { orderSystem, type OrderParticipant } from '@order-fulfilment/contracts';
import { startCluster as startSystemCluster, type Cluster, type ClusterOptions } from '@saga/runtime/testing';
import { ROOT } from './system.ts';

export type { Cluster, OrchestratorName, ProcessExit, ServiceName } from '@saga/runtime/testing';

export type OrderClusterOptions = Omit<ClusterOptions<typeof orderSystem>, 'system' | 'mains' | 'cwd'>;

export const orderMains = {
  orchestrator: 'order-fulfilment/orchestrator/src/main.ts',
  participant: (name: OrderParticipant) => `participants/${name}/src/main.ts`,
};

export function startCluster(options: OrderClusterOptions = {}): Promise<Cluster> {
  return startSystemCluster({ ...options, system: orderSystem, mains: orderMains, cwd: ROOT });
}
