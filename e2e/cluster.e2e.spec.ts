// Needs RabbitMQ at AMQP_URL and MongoDB/FerretDB at MONGO_URL; starts each service as its own process (e2e/cluster.ts).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './cluster.ts';
import { effectsOf, orderInput, startSagaMessage } from './support/orders.ts';

/**
 * The harness itself, as the chaos run will use it: several orchestrator instances, each with its
 * own HTTP port, one of them killed with SIGKILL and started again while sagas go on.
 */
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ label: 'harness', orchestrators: 2 });
});
afterAll(async () => {
  await cluster?.stop();
});

describe('the cluster harness', () => {
  it('runs two orchestrators, each answering on its own port', async () => {
    expect(cluster.services()).toEqual(['inventory', 'payment', 'shipping', 'notification', 'orchestrator-1', 'orchestrator-2']);
    expect(cluster.httpUrlOf('orchestrator-1')).not.toBe(cluster.httpUrlOf('orchestrator-2'));
    for (const instance of ['orchestrator-1', 'orchestrator-2'] as const) {
      expect((await fetch(`${cluster.httpUrlOf(instance)}/healthz`)).status).toBe(200);
    }
  });

  it('finishes a saga on the surviving instance after the other is killed, and restarts the killed one', async () => {
    expect(await cluster.kill('orchestrator-1')).toEqual({ code: null, signal: 'SIGKILL' });
    expect(cluster.isRunning('orchestrator-1')).toBe(false);
    const input = orderInput();
    const sagaId = `saga-${randomUUID()}`;
    await cluster.publish('commands', 'orchestrator', startSagaMessage(sagaId, input));
    expect((await cluster.waitForTerminal(sagaId))['status']).toBe('completed');
    expect((await effectsOf(cluster.db, input)).shipmentStatuses).toEqual(['booked']);

    await cluster.restart('orchestrator-1');
    const { status, body } = await cluster.getJson(`/sagas/${sagaId}`);
    expect(status).toBe(200);
    expect(body['status']).toBe('completed');
    expect(cluster.output('orchestrator-1')).toContain('orchestrator-1 starting');
  });
});
