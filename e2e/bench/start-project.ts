import { topology } from '@saga/contracts';
import { orderSystem } from '@order-fulfilment/contracts';
import { startCluster } from '../cluster.ts';
import { freePort } from '@saga/runtime/testing';
import { SEED_STOCK } from './bench-orders.ts';
import type { BenchSystem } from './bench-system.ts';

export interface ProjectOptions {
  /** Environment of every process (business settings, LOG_LEVEL, PREFETCH, SAGA_PARTITIONS). */
  env: Record<string, string>;
  /** @default 1 */
  orchestrators?: number;
  /** The number of partitions the services are started with. @default 4 */
  partitions?: number;
}

/**
 * Starts the project one process per service with the e2e cluster harness (pids for CPU time),
 * each participant with METRICS_PORT so its database commands can be read, in a fresh namespace.
 */
export async function startProject(options: ProjectOptions): Promise<BenchSystem> {
  const partitions = options.partitions ?? 4;
  const services = Object.fromEntries(await Promise.all(orderSystem.participants.map(async (p) => [p, { METRICS_PORT: String(await freePort()) }] as const)));
  const cluster = await startCluster({
    label: 'bench',
    orchestrators: options.orchestrators ?? 1,
    env: { ...options.env, SAGA_PARTITIONS: String(partitions) },
    services,
  });
  const names = topology(orderSystem, cluster.namespace, { partitions });
  const eventsExchange = (names.exchanges as Record<string, { name: string } | undefined>)['events']?.name;
  return {
    kind: 'project',
    namespace: cluster.namespace,
    start: { exchange: names.exchanges.commands.name, routingKey: names.commandRoutingKey('orchestrator') },
    replies: { exchange: names.exchanges.replies.name, routingKeys: Array.from({ length: partitions }, (_, k) => names.partitionRoutingKey(k)) },
    events: eventsExchange,
    processes: () =>
      cluster.services().flatMap((service) => {
        const pid = cluster.pidOf(service);
        if (pid === undefined) return [];
        const orchestrator = service.startsWith('orchestrator-');
        const metricsUrl = orchestrator ? `${cluster.httpUrlOf(service as `orchestrator-${number}`)}/metrics` : `http://127.0.0.1:${services[service]!.METRICS_PORT}/metrics`;
        return [{ role: orchestrator ? 'orchestrator' : 'participant', name: service, pid, metricsUrl }];
      }),
    sagaDatabase: `${cluster.namespace}_orchestrator`,
    sagas: () => cluster.db('orchestrator').collection('sagas'),
    async effects() {
      const warehouse = await cluster.db('inventory').collection('warehouses').findOne({ _id: 'main' as never });
      const stock = (warehouse?.['stock'] ?? {}) as Record<string, number>;
      const accounts = await cluster.db('payment').collection('accounts').find({}, { projection: { chargedCents: 1 } }).toArray();
      return {
        stockTaken: Object.fromEntries(Object.entries(stock).map(([sku, left]) => [sku, (SEED_STOCK[sku] ?? 0) - left])),
        chargedCents: accounts.reduce((sum, a) => sum + Number(a['chargedCents'] ?? 0), 0),
        shipmentsBooked: await cluster.db('shipping').collection('shipments').countDocuments({ status: 'booked' }),
        confirmationsSent: await cluster.db('notification').collection('notifications').countDocuments({ status: 'sent' }),
      };
    },
    output: () => cluster.output(),
    stop: () => cluster.stop(),
  };
}
