// Needs running: RabbitMQ at AMQP_URL and FerretDB (or MongoDB) at MONGO_URL. Starts every service as its own process.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@saga/runtime/testing';
import { startCluster, type Cluster } from './cluster.ts';
import { effectsOf, orderInput, startSagaMessage, type OrderInput } from './support/orders.ts';

/**
 * Shipping v2 of a saga while v1 sagas are in flight: the orchestrator runs order fulfilment v1
 * only, sagas start and wait at the payment (payment is down), the orchestrator restarts with v1
 * and v2 deployed side by side, new sagas start, payment comes back — every v1 saga completes as
 * v1 (four steps), every new one as v2 (with its dispatch notice). Starting with v1 missing while
 * v1 sagas run is refused, naming the version.
 */
const policy = {
  // Long enough that the waiting payments do not expire while the orchestrator is redeployed.
  policy: { timeoutMs: 10_000, startWithinMs: 120_000, retry: { maxAttempts: 3, initialDelayMs: 200, maxDelayMs: 1_000, jitter: 0 } },
};

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({
    label: 'versions',
    participants: ['inventory', 'shipping', 'notification'],
    env: { SAGA_POLICY: JSON.stringify(policy), SWEEP_INTERVAL_MS: '250' },
    services: { 'orchestrator-1': { SAGA_DEPLOY: 'order-fulfilment@1' } },
  });
});
afterAll(async () => {
  await cluster?.stop();
});

interface Saga {
  status: string;
  definitionVersion: number;
  steps: Record<string, { status: string }>;
}

async function startOrders(count: number): Promise<{ sagaId: string; input: OrderInput }[]> {
  const started = [];
  for (let i = 0; i < count; i += 1) {
    const sagaId = `saga-${randomUUID()}`;
    const input = orderInput({ quantity: 1 });
    await cluster.publish('commands', 'orchestrator', startSagaMessage(sagaId, input));
    started.push({ sagaId, input });
  }
  return started;
}

const sagaOf = async (sagaId: string) => (await cluster.getJson<Saga>(`/sagas/${sagaId}`)).body;

describe('shipping v2 of order fulfilment while v1 sagas are in flight', () => {
  it('completes every v1 saga as v1 and runs every new saga as v2', async () => {
    const v1 = await startOrders(4);
    for (const { sagaId } of v1) {
      await eventually(async () => {
        const saga = await sagaOf(sagaId);
        expect(saga).toMatchObject({ definitionVersion: 1, steps: { 'process-payment': { status: 'running' } } });
      }, { timeoutMs: 20_000 });
    }

    await expect(cluster.restart('orchestrator-1', { SAGA_DEPLOY: 'order-fulfilment@2' })).rejects.toThrow(/order-fulfilment@1 \(4 sagas\)/);
    await cluster.start('orchestrator-1');
    const v2 = await startOrders(3);
    await cluster.start('payment');

    for (const { sagaId, input } of v1) {
      const saga = (await cluster.waitForTerminal(sagaId, 60_000)) as unknown as Saga;
      expect(saga).toMatchObject({ status: 'completed', definitionVersion: 1 });
      expect(Object.keys(saga.steps)).toEqual(['reserve-inventory', 'process-payment', 'create-shipment', 'send-confirmation']);
      expect((await effectsOf(cluster.db, input)).dispatchNoticeStatuses).toEqual([]);
    }
    for (const { sagaId, input } of v2) {
      const saga = (await cluster.waitForTerminal(sagaId, 60_000)) as unknown as Saga;
      expect(saga).toMatchObject({ status: 'completed', definitionVersion: 2 });
      expect(Object.keys(saga.steps)).toEqual(['reserve-inventory', 'process-payment', 'create-shipment', 'send-confirmation', 'send-dispatch-notice']);
      expect(await effectsOf(cluster.db, input)).toMatchObject({ notificationStatuses: ['sent'], dispatchNoticeStatuses: ['sent'] });
    }
  });
});
