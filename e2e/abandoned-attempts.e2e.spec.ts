// Needs running: RabbitMQ at AMQP_URL and FerretDB (or MongoDB) at MONGO_URL. Starts every service as its own process.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@saga/runtime/testing';
import { startCluster, type Cluster } from './cluster.ts';
import { orderInput, startSagaMessage } from './support/orders.ts';

/**
 * "Abandoned means abandoned", end to end: with notification down, the saga parks at its pivot;
 * an operator forces compensation and the saga ends compensated; when notification comes back,
 * the SendConfirmation commands still queued must not be executed — the customer must not be told
 * that a refunded order is confirmed. Each command carries its expiresAt, and the participant
 * refuses it (CommandExpired) and records it.
 */
const policy = {
  // An attempt must start within 1 s and answer within 1 s more; two attempts, then the pivot parks.
  policy: { timeoutMs: 1_000, startWithinMs: 1_000, retry: { maxAttempts: 2, initialDelayMs: 200, maxDelayMs: 500, jitter: 0 } },
  compensationPolicy: { timeoutMs: 2_000, startWithinMs: 5_000, retry: { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 1_000, jitter: 0 } },
};

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({
    label: 'abandoned',
    participants: ['inventory', 'payment', 'shipping'],
    env: { SAGA_POLICY: JSON.stringify(policy), SWEEP_INTERVAL_MS: '200' },
  });
});
afterAll(async () => {
  await cluster?.stop();
});

interface Saga {
  status: string;
  parked?: { reason: string; step: string };
  history: Array<{ event: string; detail?: string; step?: string }>;
}

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${cluster.httpUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('an attempt the orchestrator gave up on', () => {
  it('is refused when its participant comes back after an operator compensated the saga', async () => {
    const sagaId = `saga-${randomUUID()}`;
    const input = orderInput({ quantity: 1 });
    await cluster.publish('commands', 'orchestrator', startSagaMessage(sagaId, input));

    const parked = await eventually(async () => {
      const { body } = await cluster.getJson<Saga>(`/sagas/${sagaId}`);
      expect(body.status).toBe('parked');
      return body;
    }, { timeoutMs: 30_000 });
    expect(parked.parked).toMatchObject({ reason: 'pivot-outcome-unknown', step: 'send-confirmation' });

    const forced = await post(`/sagas/${sagaId}/actions?wait=true`, { action: 'force-compensation', reason: 'notification is down; the customer was never told', operator: 'alice' });
    expect(forced).toMatchObject({ status: 200, body: { outcome: 'applied' } });
    expect(await cluster.waitForTerminal(sagaId)).toMatchObject({ status: 'compensated' });

    // Notification comes back to the two SendConfirmation attempts still waiting in its queue.
    await cluster.start('notification');
    const notifications = cluster.db('notification');
    const expired = await eventually(async () => {
      const found = await notifications.collection('expired_commands').find({ sagaId }).toArray();
      expect(found).toHaveLength(2);
      return found;
    }, { timeoutMs: 20_000 });
    expect(expired.map((e) => e['type'])).toEqual(['SendConfirmation', 'SendConfirmation']);
    expect(await notifications.collection('notifications').countDocuments({})).toBe(0);

    // The orchestrator hears both refusals and records them without moving the saga.
    const saga = await eventually(async () => {
      const { body } = await cluster.getJson<Saga>(`/sagas/${sagaId}`);
      expect(body.history.filter((e) => e.event === 'reply-ignored' && e.detail?.startsWith('CommandExpired'))).toHaveLength(2);
      return body;
    });
    expect(saga.status).toBe('compensated');
  });
});
