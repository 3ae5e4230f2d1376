import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, deriveId } from '@saga/runtime';
import { checkout, exampleCheckout } from '../../../test/checkout-system.ts';
import { purchase } from '../../../test/saga-fixtures.ts';
import { sagaState } from '../../../test/saga-store.contract.ts';
import { SagaEngine } from '../../application/saga-engine.ts';
import { SagaOperations } from '../../application/saga-operations.ts';
import { sagaRegistry } from '../../domain/saga-registry.ts';
import { MemoryHistoryStore } from '../memory/memory-history-store.ts';
import { MemorySagaInbox } from '../memory/memory-saga-inbox.ts';
import { MemorySagaStore } from '../memory/memory-saga-store.ts';
import { RecordingPublisher } from '../../testing/recording-publisher.ts';
import { createHttpApi } from './http-api.ts';
import { OrchestratorMetrics } from './metrics.ts';

const logger = createLogger({ name: 'http-spec', level: 'silent' });
const clock = { now: () => new Date() };
const newId = () => randomUUID();

/** The API over the real engine and operations, in memory; the inbox keeps what they send to partitions. */
async function startApi(sandboxNotice?: string) {
  const store = new MemorySagaStore();
  const inbox = new MemorySagaInbox();
  const history = new MemoryHistoryStore();
  const registry = sagaRegistry([purchase]);
  const engine = new SagaEngine({ system: checkout, store, history, publisher: new RecordingPublisher(), inbox, clock, newId, deriveId, registry, logger });
  const operations = new SagaOperations({ store, inbox, clock, newId, registry });
  const server = createHttpApi({ store, history, operations, engine, clock, newId, deriveId, metrics: new OrchestratorMetrics(), logger, ...(sandboxNotice ? { sandboxNotice } : {}) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (path: string, body: unknown, contentType = 'application/json') => {
    const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
  };
  /** What the partition consumer would do: apply every forwarded message. */
  const applyForwarded = () => inbox.drain((m) => engine.handle(m));
  return { server, base, store, inbox, post, applyForwarded, close: () => new Promise((resolve) => server.close(resolve)) };
}

let api: Awaited<ReturnType<typeof startApi>>;
let server: Server;
let base: string;
let store: MemorySagaStore;
let inbox: MemorySagaInbox;
let post: typeof api.post;

beforeAll(async () => {
  api = await startApi();
  ({ server, base, store, inbox, post } = api);
});
afterAll(() => api.close());

/** A raw request line, as no fetch client would send it. */
function rawRequest(line: string): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${line}\r\nHost: x\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('the orchestrator HTTP API on bad input', () => {
  it('answers a malformed request target with a 400 and keeps serving', async () => {
    for (const line of ['GET http://[ HTTP/1.1', 'GET http://a:99999/ HTTP/1.1']) {
      expect(await rawRequest(line)).toMatch(/^HTTP\/1\.1 400/);
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('refuses an operator action with a bad body, an unknown saga, or a saga that cannot take it', async () => {
    const saga = sagaState({ status: 'completed' });
    await store.insert(saga);
    expect(await post(`/sagas/${saga.sagaId}/actions`, '{')).toMatchObject({ status: 400, body: { error: 'body is not valid JSON' } });
    expect(await post(`/sagas/${saga.sagaId}/actions`, 'x', 'text/plain')).toMatchObject({ status: 415 });
    expect(await post(`/sagas/${saga.sagaId}/actions`, { action: 'mark-resolved', reason: 'x', operator: 'al ice' })).toMatchObject({ status: 400 });
    expect(await post(`/sagas/${saga.sagaId}/actions`, { action: 'mark-resolved', reason: 'x'.repeat(20_000), operator: 'alice' })).toMatchObject({ status: 413 });
    expect(await post('/sagas/no-such-saga/actions', { action: 'mark-resolved', reason: 'x', operator: 'alice' })).toMatchObject({ status: 404 });
    expect(await post(`/sagas/${saga.sagaId}/actions`, { action: 'mark-resolved', reason: 'x', operator: 'alice' })).toMatchObject({ status: 409, body: { error: 'the saga is completed' } });
    expect(inbox.delivered.filter((m) => m.type === 'OperatorCommand')).toEqual([]);
  });

  it('accepts an allowed action with 202 and sends it to the saga', async () => {
    const saga = sagaState({ status: 'parked', parked: { reason: 'compensation-exhausted', detail: 'r', step: 'reserve-stock', phase: 'compensation', at: '2026-11-21T10:00:00.000Z' } });
    await store.insert(saga);
    const accepted = await post(`/sagas/${saga.sagaId}/actions`, { action: 'mark-resolved', reason: 'refunded by hand', operator: 'alice' });
    expect(accepted).toMatchObject({ status: 202, body: { sagaId: saga.sagaId, actionId: expect.any(String) } });
    expect(inbox.delivered.at(-1)).toMatchObject({ type: 'OperatorCommand', correlationId: saga.sagaId, payload: { action: 'mark-resolved', operator: 'alice' } });
  });
});

describe('starting a saga over HTTP', () => {
  it('answers 202 with the saga id and forwards the StartSaga to its partition, as a broker StartSaga would be', async () => {
    const started = await post('/sagas', { sagaType: 'purchase', sagaId: 'http-saga-1', input: exampleCheckout });
    expect(started).toMatchObject({ status: 202, body: { sagaId: 'http-saga-1' } });
    expect(inbox.delivered.at(-1)).toMatchObject({ type: 'StartSaga', correlationId: 'http-saga-1', payload: { sagaType: 'purchase', sagaId: 'http-saga-1' } });
    await api.applyForwarded();
    expect(await store.load('http-saga-1')).toMatchObject({ status: 'running' });
  });

  it('answers 200 with the existing saga when its id was taken, and still starts only one', async () => {
    await post('/sagas', { sagaType: 'purchase', sagaId: 'http-saga-2', input: exampleCheckout });
    await api.applyForwarded();
    const again = await post('/sagas', { sagaType: 'purchase', sagaId: 'http-saga-2', input: { ...exampleCheckout, orderId: 'another' } });
    expect(again).toMatchObject({ status: 200, body: { sagaId: 'http-saga-2', status: 'running', existing: true } });
    await api.applyForwarded();
    expect((await store.load('http-saga-2'))?.input).toMatchObject({ orderId: exampleCheckout.orderId });
  });

  it('gives the same saga id to the same idempotency key, as the broker path does', async () => {
    const first = await post('/sagas', { sagaType: 'purchase', idempotencyKey: 'checkout-42', input: exampleCheckout });
    const second = await post('/sagas', { sagaType: 'purchase', idempotencyKey: 'checkout-42', input: exampleCheckout });
    expect(first.body['sagaId']).toBe(deriveId('saga/purchase/key/checkout-42'));
    expect(second.body['sagaId']).toBe(first.body['sagaId']);
  });

  it('refuses a malformed body, an unknown saga type and invalid input with 400 and the reason, and forwards nothing', async () => {
    const forwarded = inbox.delivered.length;
    expect(await post('/sagas', { sagaType: 'purchase' })).toMatchObject({ status: 400, body: { error: expect.stringContaining('input') } });
    expect(await post('/sagas', { sagaType: 'no-such-saga', input: exampleCheckout })).toMatchObject({
      status: 400,
      body: { code: 'ERR_UNKNOWN_SAGA_TYPE', error: expect.stringContaining('no-such-saga') },
    });
    expect(await post('/sagas', { sagaType: 'purchase', input: { ...exampleCheckout, items: [] } })).toMatchObject({
      status: 400,
      body: { code: 'ERR_INVALID_SAGA_INPUT', error: expect.stringContaining('items') },
    });
    expect(inbox.delivered.length).toBe(forwarded);
  });

  it('says nothing about a sandbox when it is the real system', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.headers.get('x-saga-sandbox')).toBeNull();
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('the HTTP API of a sandbox', () => {
  it('says that nothing is durable on every response: header, JSON field, HTML banner, metrics comment', async () => {
    const sandbox = await startApi('nothing is durable');
    try {
      const health = await fetch(`${sandbox.base}/healthz`);
      expect(health.headers.get('x-saga-sandbox')).toBe('nothing is durable');
      expect(await health.json()).toEqual({ sandbox: 'nothing is durable', status: 'ok' });
      const missing = await fetch(`${sandbox.base}/sagas/no-such-saga`);
      expect([missing.status, missing.headers.get('x-saga-sandbox'), ((await missing.json()) as Record<string, unknown>)['sandbox']]).toEqual([404, 'nothing is durable', 'nothing is durable']);
      const started = await sandbox.post('/sagas', { sagaType: 'purchase', input: exampleCheckout });
      expect(started).toMatchObject({ status: 202, body: { sandbox: 'nothing is durable' } });
      const list = await fetch(`${sandbox.base}/sagas`);
      expect(list.headers.get('x-saga-sandbox')).toBe('nothing is durable');
      expect(Array.isArray(await list.json())).toBe(true);
      const page = await fetch(`${sandbox.base}/`);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('SANDBOX — nothing is durable');
      expect(await (await fetch(`${sandbox.base}/metrics`)).text()).toMatch(/^# sandbox: nothing is durable\n/);
    } finally {
      await sandbox.close();
    }
  });
});
