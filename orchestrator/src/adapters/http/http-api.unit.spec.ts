import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@saga/runtime';
import { sagaState } from '../../../test/saga-store.contract.ts';
import { SagaOperations } from '../../application/saga-operations.ts';
import { sagaRegistry } from '../../domain/saga-registry.ts';
import { sagaDefinitions } from '../../domain/sagas/index.ts';
import { MemoryHistoryStore } from '../memory/memory-history-store.ts';
import { MemorySagaInbox } from '../memory/memory-saga-inbox.ts';
import { MemorySagaStore } from '../memory/memory-saga-store.ts';
import { createHttpApi } from './http-api.ts';
import { OrchestratorMetrics } from './metrics.ts';

const store = new MemorySagaStore();
const inbox = new MemorySagaInbox();
let server: Server;
let base: string;

beforeAll(async () => {
  const operations = new SagaOperations({ store, inbox, clock: { now: () => new Date() }, newId: () => `id-${Math.random().toString(36).slice(2)}`, registry: sagaRegistry(sagaDefinitions) });
  server = createHttpApi({ store, history: new MemoryHistoryStore(), operations, metrics: new OrchestratorMetrics(), logger: createLogger({ name: 'http-spec', level: 'silent' }) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const post = async (path: string, body: unknown, contentType = 'application/json') => {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

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
    expect(await post(`/sagas/${saga.sagaId}/actions`, { action: 'mark-resolved', reason: 'x', operator: 'alice' })).toEqual({ status: 409, body: { error: 'the saga is completed' } });
    expect(inbox.delivered).toEqual([]);
  });

  it('accepts an allowed action with 202 and sends it to the saga', async () => {
    const saga = sagaState({ status: 'parked', parked: { reason: 'compensation-exhausted', detail: 'r', step: 'reserve-inventory', phase: 'compensation', at: '2026-11-21T10:00:00.000Z' } });
    await store.insert(saga);
    const accepted = await post(`/sagas/${saga.sagaId}/actions`, { action: 'mark-resolved', reason: 'refunded by hand', operator: 'alice' });
    expect(accepted).toMatchObject({ status: 202, body: { sagaId: saga.sagaId, actionId: expect.any(String) } });
    expect(inbox.delivered.at(-1)).toMatchObject({ type: 'OperatorCommand', correlationId: saga.sagaId, payload: { action: 'mark-resolved', operator: 'alice' } });
  });
});
