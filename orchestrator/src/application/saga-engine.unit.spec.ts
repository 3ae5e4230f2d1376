import { describe, expect, it } from 'vitest';
import type { WireMessage } from '@saga/contracts';
import { createLogger, deriveId } from '@saga/runtime';
import { checkout } from '../../test/checkout-system.ts';
import { fixedContext, purchase, replyTo, startSaga } from '../../test/saga-fixtures.ts';
import { MemoryHistoryStore } from '../adapters/memory/memory-history-store.ts';
import { MemorySagaInbox } from '../adapters/memory/memory-saga-inbox.ts';
import { MemorySagaStore } from '../adapters/memory/memory-saga-store.ts';
import { sagaRegistry } from '../domain/saga-registry.ts';
import { CountingSagaStore } from '../testing/counting-saga-store.ts';
import { RecordingPublisher } from '../testing/recording-publisher.ts';
import { SagaEngine, type HandleResult } from './saga-engine.ts';

function harness(options: { cache?: boolean } = {}) {
  const store = new CountingSagaStore(new MemorySagaStore());
  const history = new MemoryHistoryStore();
  const publisher = new RecordingPublisher();
  const inbox = new MemorySagaInbox();
  let clock = Date.parse('2026-11-21T10:00:00.000Z');
  const engine = new SagaEngine({
    store,
    history,
    publisher,
    inbox,
    random: () => 0.5,
    clock: { now: () => new Date(clock) },
    newId: fixedContext().newId,
    deriveId,
    system: checkout,
    registry: sagaRegistry([purchase]),
    logger: createLogger({ name: 'test', level: 'silent' }),
    ...(options.cache === false ? { cache: false } : {}),
  });
  /** One sweep, then every wake-up it sent handled: what the sweeper and a partition consumer do. */
  const sweep = async (graceMs: number) => {
    const woken = await engine.sweep({ graceMs });
    await inbox.drain((m) => engine.handle(m));
    return woken;
  };
  return { store, history, publisher, inbox, engine, sweep, advance: (ms: number) => (clock += ms) };
}

const idOf = (result: HandleResult) => (result.kind === 'applied' || result.kind === 'ignored' || result.kind === 'recorded' ? result.sagaId : '');

describe('SagaEngine', () => {
  it('persists a new saga with one insert and publishes its first command', async () => {
    const { engine, store, publisher } = harness();
    const result = await engine.handle(startSaga({ idempotencyKey: 'k-1' }));
    expect(result).toMatchObject({ kind: 'applied', status: 'running' });
    expect(publisher.sent.map((c) => c.envelope.type)).toEqual(['ReserveStock']);
    expect(store.counts).toEqual({ insert: 1, load: 1, save: 0 });
    expect(await store.load(idOf(result))).toMatchObject({ version: 1, outbox: [expect.objectContaining({ step: 'reserve-stock' })] });
  });

  it('writes once per transition and reads nothing while it owns the saga: the next write drops what was confirmed', async () => {
    const { engine, store, publisher } = harness();
    const sagaId = idOf(await engine.handle(startSaga()));
    store.reset();
    for (const type of ['StockReserved', 'CardCharged', 'ParcelBooked', 'ReceiptSent'] as const) {
      await engine.handle(replyTo(publisher.sent.at(-1)!, type));
    }
    expect(store.counts).toEqual({ insert: 0, load: 0, save: 4 });
    expect(await store.load(sagaId)).toMatchObject({ status: 'completed', version: 5, outbox: [], outboxSince: null });
  });

  it('reads the saga once when it is not cached, then writes once', async () => {
    const { engine, store, publisher } = harness({ cache: false });
    await engine.handle(startSaga());
    store.reset();
    await engine.handle(replyTo(publisher.sent.at(-1)!, 'StockReserved'));
    expect(store.counts).toEqual({ insert: 0, load: 1, save: 1 });
  });

  it('starts one saga for the same idempotency key twice', async () => {
    const { engine, publisher } = harness();
    const first = await engine.handle(startSaga({ messageId: 'a', idempotencyKey: 'same' }));
    const second = await engine.handle(startSaga({ messageId: 'b', idempotencyKey: 'same' }));
    expect(second).toMatchObject({ kind: 'ignored', sagaId: idOf(first) });
    expect(publisher.sent).toHaveLength(1);
  });

  it('keeps a command it could not publish and re-sends it with the same message id, then empties the outbox', async () => {
    const { engine, store, publisher, advance, sweep } = harness();
    publisher.failing = true;
    const sagaId = idOf(await engine.handle(startSaga()));
    const pending = (await store.load(sagaId))!;
    expect(pending.outbox).toHaveLength(1);
    publisher.failing = false;
    expect(await sweep(5_000)).toBe(0);
    advance(6_000);
    expect(await sweep(5_000)).toBe(1);
    expect(publisher.sent.map((c) => c.envelope.messageId)).toEqual([pending.outbox[0]!.envelope.messageId]);
    expect((await store.load(sagaId))!).toMatchObject({ outbox: [], outboxSince: null });
  });

  it('re-sends the outbox at once when the message that filled it is redelivered', async () => {
    const { engine, publisher } = harness();
    publisher.failing = true;
    await engine.handle(startSaga({ messageId: 'm-1' }));
    publisher.failing = false;
    expect(await engine.handle(startSaga({ messageId: 'm-1' }))).toMatchObject({ kind: 'ignored' });
    expect(publisher.sent).toHaveLength(1);
  });

  it('applies a duplicated reply once and writes nothing for the duplicate', async () => {
    const { engine, store, publisher } = harness();
    const sagaId = idOf(await engine.handle(startSaga()));
    const reply: WireMessage = replyTo(publisher.sent[0]!, 'StockReserved');
    expect(await engine.handle(reply)).toMatchObject({ kind: 'applied' });
    const after = await store.load(sagaId);
    store.reset();
    expect(await engine.handle(reply)).toMatchObject({ kind: 'ignored', reason: 'duplicate reply', duplicate: true });
    expect(store.counts.save).toBe(0);
    expect(await store.load(sagaId)).toEqual(after);
    expect(publisher.sent.map((c) => c.envelope.type)).toEqual(['ReserveStock', 'ChargeCard']);
  });

  it('wakes every saga with a pending outbox, and each wake-up re-sends it', async () => {
    const { engine, store, publisher, advance, sweep } = harness();
    publisher.failing = true;
    for (const id of ['a', 'b', 'c']) await engine.handle(startSaga({ messageId: `start-${id}` }));
    publisher.failing = false;
    advance(10_000);
    expect(await sweep(5_000)).toBe(3);
    expect(publisher.sent).toHaveLength(3);
    expect(await store.findPendingOutbox('9999-12-31T00:00:00.000Z', 10)).toEqual([]);
  });

  it('does not wake a saga twice for the same due work, and wakes it again when that work is still there later', async () => {
    const { engine, inbox, publisher, advance } = harness();
    publisher.failing = true;
    await engine.handle(startSaga());
    advance(10_000);
    expect(await engine.sweep({ graceMs: 5_000 })).toBe(1);
    expect(await engine.sweep({ graceMs: 5_000 })).toBe(0);
    await inbox.drain((m) => engine.handle(m));
    advance(10_000);
    expect(await engine.sweep({ graceMs: 5_000, rewakeAfterMs: 10_000 })).toBe(1);
    publisher.failing = false;
    await inbox.drain((m) => engine.handle(m));
    expect(publisher.sent.map((c) => c.envelope.type)).toEqual(['ReserveStock']);
  });

  it('forwards a valid StartSaga to its partition and rejects an invalid one with its reason', async () => {
    const { engine, inbox } = harness();
    expect(await engine.route(startSaga({ idempotencyKey: 'k' }) as never)).toMatchObject({ kind: 'forwarded' });
    expect(inbox.delivered[0]).toMatchObject({ type: 'StartSaga', correlationId: expect.any(String) });
    expect(await engine.route(startSaga({ sagaType: 'no-such-saga' }) as never)).toMatchObject({ kind: 'rejected', code: 'ERR_UNKNOWN_SAGA_TYPE' });
    expect(await engine.route(startSaga({ input: { orderId: 1 } }) as never)).toMatchObject({ kind: 'rejected', code: 'ERR_INVALID_SAGA_INPUT' });
    expect(inbox.delivered).toHaveLength(1);
  });

  it('counts a saga as finished once, on the message that ended it, and records a late reply', async () => {
    const { engine, publisher } = harness();
    await engine.handle(startSaga());
    const failed = await engine.handle(replyTo(publisher.sent[0]!, 'StockReservationFailed', { code: 'NO', reason: 'no', retryable: false }));
    expect(failed).toMatchObject({ kind: 'applied', status: 'compensated', finished: true });
    const late = await engine.handle(replyTo(publisher.sent[0]!, 'StockReserved', undefined, 'late-1'));
    expect(late).toMatchObject({ kind: 'recorded', reason: 'the saga is compensated' });
  });

  it('rejects a reply for a saga that does not exist', async () => {
    const { engine } = harness();
    const stray = replyTo({ to: 'stock', envelope: { messageId: 'c', correlationId: 'ghost', step: 'reserve-stock' } } as never, 'StockReserved');
    expect(await engine.handle(stray)).toMatchObject({ kind: 'rejected', code: 'ERR_SAGA_NOT_FOUND' });
  });

  it('applies concurrent replies of one saga one at a time', async () => {
    const { engine, store, publisher } = harness();
    const sagaId = idOf(await engine.handle(startSaga()));
    const reply = replyTo(publisher.sent[0]!, 'StockReserved');
    const copies = Array.from({ length: 5 }, (_, i) => ({ ...reply, messageId: `copy-${i}` }) as WireMessage);
    const results = await Promise.all(copies.map((m) => engine.handle(m)));
    expect(results.map((r) => r.kind).sort()).toEqual(['applied', 'recorded', 'recorded', 'recorded', 'recorded']);
    const saga = (await store.load(sagaId))!;
    expect(saga.steps['charge-card']!.status).toBe('running');
    expect(saga.history.filter((h) => h.event === 'reply-ignored')).toHaveLength(4);
    expect(publisher.sent.filter((c) => c.envelope.type === 'ChargeCard')).toHaveLength(1);
  });

  it('reloads and decides again when another writer moved the saga, instead of writing over it', async () => {
    const { engine, store, publisher } = harness();
    const sagaId = idOf(await engine.handle(startSaga()));
    const stored = (await store.load(sagaId))!;
    // Another writer (an instance that held the partition meanwhile) applied the reservation.
    await store.save({ ...stored, status: 'parked', parked: { reason: 'engine-error', detail: 'by another writer', at: stored.createdAt } }, stored);
    const result = await engine.handle(replyTo(publisher.sent[0]!, 'StockReserved'));
    expect(result).toMatchObject({ kind: 'recorded', reason: 'the saga is parked' });
    expect((await store.load(sagaId))!.status).toBe('parked');
  });
});
