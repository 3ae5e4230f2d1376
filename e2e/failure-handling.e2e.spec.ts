// Needs RabbitMQ at AMQP_URL and MongoDB/FerretDB at MONGO_URL; starts the system with `pnpm start`.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@saga/runtime/testing';
import { orderInput, startSagaMessage } from './support/orders.ts';
import { startSystem, type RunningSystem } from './system.ts';

/**
 * Retries, timeouts, parking and operator actions through the running system. Participants misbehave
 * on cue from a fault plan (SAGA_FAULT_PLAN) keyed by saga id; budgets are shortened with
 * SAGA_POLICY so that the whole file runs in seconds.
 */
const ids = {
  transient: `saga-${randomUUID()}`,
  lost: `saga-${randomUUID()}`,
  slow: `saga-${randomUUID()}`,
  parked: `saga-${randomUUID()}`,
  pivot: `saga-${randomUUID()}`,
};
const plan = {
  [ids.transient]: { 'reserve-inventory': { failAction: 1 } },
  [ids.lost]: { 'process-payment': { loseAction: 1 } },
  [ids.slow]: { 'reserve-inventory': { delayActionMs: 4_000 } },
  // Two compensation attempts fail (the whole budget), the third, after an operator resumes, too; the fourth works.
  [ids.parked]: { 'reserve-inventory': { failCompensation: 3 } },
  // The pivot's command is lost every time: its outcome stays unknown.
  [ids.pivot]: { 'send-confirmation': { loseAction: 99 } },
};
const policy = {
  // An attempt must start within 1 s and answer within 1.5 s more: it times out 2.5 s after it was sent.
  policy: { timeoutMs: 1_500, startWithinMs: 1_000, retry: { maxAttempts: 3, initialDelayMs: 200, maxDelayMs: 1_000, jitter: 0 } },
  compensationPolicy: { timeoutMs: 1_500, startWithinMs: 1_000, retry: { maxAttempts: 2, initialDelayMs: 200, maxDelayMs: 1_000, jitter: 0 } },
};

let system: RunningSystem;
let planDir: string;

beforeAll(async () => {
  planDir = mkdtempSync(join(tmpdir(), 'fault-plan-'));
  const planFile = join(planDir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  system = await startSystem({
    SAGA_FAULT_PLAN: planFile,
    SAGA_POLICY: JSON.stringify(policy),
    SWEEP_INTERVAL_MS: '200',
    INVENTORY_SEED_STOCK: '{"SKU-BOOK":1000}',
    PAYMENT_DEFAULT_LIMIT_CENTS: '100000',
  });
});
afterAll(async () => {
  await system?.stop();
  rmSync(planDir, { recursive: true, force: true });
});

interface Step {
  status: string;
  action?: { attempt: number };
  compensation?: { attempt: number };
}
interface Saga {
  status: string;
  steps: Record<string, Step>;
  parked?: { step: string; phase: string; reason: string; lastError?: { code: string } };
  history: Array<{ event: string; step?: string; actor?: string; detail?: string; actionId?: string }>;
}

const order = (cents = 4_998) => orderInput({ cents, quantity: 1 });

async function start(sagaId: string, input = order()) {
  await system.publish('commands', 'orchestrator', startSagaMessage(sagaId, input));
  return input;
}

async function waitForStatus(sagaId: string, status: string): Promise<Saga> {
  return eventually(async () => {
    const { body } = await system.getJson<Saga>(`/sagas/${sagaId}`);
    expect(body.status).toBe(status);
    return body;
  }, { timeoutMs: 30_000 });
}

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${system.httpUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const stock = async () => {
  const warehouse = await system.db('inventory').collection('warehouses').findOne({ _id: 'main' as never });
  return (warehouse?.['stock'] as Record<string, number>)['SKU-BOOK'];
};
const charged = async (customerId: string) => (await system.db('payment').collection('accounts').findOne({ _id: customerId as never }))?.['chargedCents'];

describe('retries and timeouts, through the running system', () => {
  it('retries a step whose participant failed transiently, and completes', async () => {
    await start(ids.transient);
    const saga = await waitForStatus(ids.transient, 'completed');
    expect(saga.steps['reserve-inventory']).toMatchObject({ status: 'succeeded', action: { attempt: 2 } });
    expect(saga.history.filter((e) => e.event === 'step-retry-scheduled')).toHaveLength(1);
  });

  it('times out a lost command, sends it again, and charges once', async () => {
    const input = await start(ids.lost);
    const saga = await waitForStatus(ids.lost, 'completed');
    expect(saga.steps['process-payment']).toMatchObject({ action: { attempt: 2 } });
    expect(saga.history.some((e) => e.event === 'step-timed-out' && e.step === 'process-payment')).toBe(true);
    expect(await charged(input.customerId)).toBe(input.amount.cents);
  });

  it('ignores the late reply of a slow participant and reserves stock once', async () => {
    const before = await stock();
    await start(ids.slow);
    await waitForStatus(ids.slow, 'completed');
    // The first attempt's reply comes after the retry's and is recorded as ignored.
    const saga = await eventually(async () => {
      const { body } = await system.getJson<Saga>(`/sagas/${ids.slow}`);
      expect(body.history.some((e) => e.event === 'reply-ignored' && e.step === 'reserve-inventory')).toBe(true);
      return body;
    }, { timeoutMs: 15_000 });
    expect(saga.steps['reserve-inventory']!.action!.attempt).toBeGreaterThanOrEqual(2);
    expect(await stock()).toBe(before! - 1);
  });
});

describe('parked sagas and operator actions, through the HTTP API', () => {
  it('parks a saga whose compensation keeps failing, and an operator resumes it to compensated', async () => {
    const input = order(500_000); // over the spending limit: payment declines, stock must be released
    const before = await stock();
    await start(ids.parked, input);
    const parked = await waitForStatus(ids.parked, 'parked');
    expect(parked.parked).toMatchObject({ step: 'reserve-inventory', phase: 'compensation', lastError: { code: 'ERR_INJECTED_FAULT' } });
    expect((await system.getJson<Array<{ sagaId: string }>>('/sagas?status=parked')).body.map((s) => s.sagaId)).toContain(ids.parked);

    const refused = await post(`/sagas/${ids.parked}/actions`, { action: 'skip-step', step: 'process-payment', reason: 'wrong step', operator: 'alice' });
    expect(refused).toEqual({ status: 409, body: { error: 'the saga is parked at reserve-inventory, not process-payment' } });
    const resumed = await post(`/sagas/${ids.parked}/actions?wait=true`, { action: 'resume-compensation', reason: 'inventory database back', operator: 'alice' });
    expect(resumed).toMatchObject({ status: 200, body: { outcome: 'applied' } });

    const saga = await waitForStatus(ids.parked, 'compensated');
    expect(saga.history.find((e) => e.event === 'operator-action')).toMatchObject({ actor: 'alice', detail: 'resume-compensation: inventory database back', actionId: resumed.body['actionId'] });
    expect(saga.steps['reserve-inventory']!.compensation!.attempt).toBe(4);
    expect(await stock()).toBe(before);
  });

  it('parks a saga whose pivot never answers, and an operator marks it resolved', async () => {
    await start(ids.pivot);
    const parked = await waitForStatus(ids.pivot, 'parked');
    expect(parked.parked).toMatchObject({ step: 'send-confirmation', phase: 'action', lastError: { code: 'TIMEOUT' } });
    expect(parked.parked!.reason).toBe('pivot-outcome-unknown');
    const resolved = await post(`/sagas/${ids.pivot}/actions?wait=true`, { action: 'mark-resolved', reason: 'customer called; order confirmed by phone', operator: 'bob' });
    expect(resolved).toMatchObject({ status: 200, body: { outcome: 'applied', status: 'resolved' } });
  });

  it('answers bad operator requests with a 4xx and a message', async () => {
    expect(await post(`/sagas/${ids.transient}/actions`, { action: 'explode', reason: 'x', operator: 'eve' })).toMatchObject({ status: 400 });
    expect(await post(`/sagas/${ids.transient}/actions`, { action: 'mark-resolved', operator: 'eve' })).toMatchObject({ status: 400, body: { error: expect.stringContaining('reason') } });
    expect(await post(`/sagas/no-such-saga/actions`, { action: 'mark-resolved', reason: 'x', operator: 'eve' })).toMatchObject({ status: 404 });
    expect(await post(`/sagas/${ids.transient}/actions`, { action: 'mark-resolved', reason: 'x', operator: 'eve' })).toEqual({ status: 409, body: { error: 'the saga is completed' } });
    const notJson = await fetch(`${system.httpUrl}/sagas/${ids.transient}/actions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
  });
});
