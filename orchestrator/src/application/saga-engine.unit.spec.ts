import { describe, expect, it } from 'vitest';
import type { AnyMessage } from '@saga/contracts';
import { createLogger, deriveId } from '@saga/runtime';
import { fixedContext, replyTo, startSaga } from '../../test/saga-fixtures.ts';
import { MemorySagaInbox } from '../adapters/memory/memory-saga-inbox.ts';
import { MemorySagaStore } from '../adapters/memory/memory-saga-store.ts';
import { RecordingPublisher } from '../testing/recording-publisher.ts';
import { SagaEngine } from './saga-engine.ts';

function harness() {
  const store = new MemorySagaStore();
  const publisher = new RecordingPublisher();
  const inbox = new MemorySagaInbox();
  let clock = Date.parse('2026-11-21T10:00:00.000Z');
  const engine = new SagaEngine({
    store,
    publisher,
    inbox,
    random: () => 0.5,
    clock: { now: () => new Date(clock) },
    newId: fixedContext().newId,
    deriveId,
    definitions: fixedContext().definitions,
    logger: createLogger({ name: 'test', level: 'silent' }),
  });
  /** One sweep, then every wake-up it sent handled: what the sweeper and a partition consumer do. */
  const sweep = async (graceMs: number) => {
    const woken = await engine.sweep({ graceMs });
    await inbox.drain((m) => engine.handle(m));
    return woken;
  };
  return { store, publisher, inbox, engine, sweep, advance: (ms: number) => (clock += ms) };
}

describe('SagaEngine', () => {
  it('persists the saga, publishes its first command and empties the outbox', async () => {
    const { engine, store, publisher } = harness();
    const result = await engine.handle(startSaga({ idempotencyKey: 'k-1' }));
    expect(result).toMatchObject({ kind: 'applied', status: 'running' });
    const sagaId = result.kind === 'applied' ? result.sagaId : '';
    expect(publisher.sent.map((c) => c.envelope.type)).toEqual(['ReserveInventory']);
    expect(await store.load(sagaId)).toMatchObject({ outbox: [], outboxSince: null, version: 2 });
  });

  it('starts one saga for the same idempotency key twice', async () => {
    const { engine, publisher } = harness();
    const first = await engine.handle(startSaga({ messageId: 'a', idempotencyKey: 'same' }));
    const second = await engine.handle(startSaga({ messageId: 'b', idempotencyKey: 'same' }));
    expect(second).toMatchObject({ kind: 'ignored', sagaId: first.kind === 'applied' ? first.sagaId : 'x' });
    expect(publisher.sent).toHaveLength(1);
  });

  it('keeps a command it could not publish and re-sends it with the same message id', async () => {
    const { engine, store, publisher, advance, sweep } = harness();
    publisher.failing = true;
    const result = await engine.handle(startSaga());
    const sagaId = result.kind === 'applied' ? result.sagaId : '';
    const pending = (await store.load(sagaId))!;
    expect(pending.outbox).toHaveLength(1);
    publisher.failing = false;
    expect(await sweep(5_000)).toBe(0);
    advance(6_000);
    expect(await sweep(5_000)).toBe(1);
    expect(publisher.sent.map((c) => c.envelope.messageId)).toEqual([pending.outbox[0]!.envelope.messageId]);
    expect((await store.load(sagaId))!.outbox).toEqual([]);
  });

  it('re-sends the outbox at once when the message that filled it is redelivered', async () => {
    const { engine, publisher } = harness();
    publisher.failing = true;
    await engine.handle(startSaga({ messageId: 'm-1' }));
    publisher.failing = false;
    expect(await engine.handle(startSaga({ messageId: 'm-1' }))).toMatchObject({ kind: 'ignored' });
    expect(publisher.sent).toHaveLength(1);
  });

  it('applies a duplicated reply once', async () => {
    const { engine, store, publisher } = harness();
    const started = await engine.handle(startSaga());
    const sagaId = started.kind === 'applied' ? started.sagaId : '';
    const reply: AnyMessage = replyTo(publisher.sent[0]!, 'InventoryReserved');
    expect(await engine.handle(reply)).toMatchObject({ kind: 'applied' });
    const after = await store.load(sagaId);
    expect(await engine.handle(reply)).toMatchObject({ kind: 'ignored', reason: 'duplicate message' });
    expect(await store.load(sagaId)).toEqual(after);
    expect(publisher.sent.map((c) => c.envelope.type)).toEqual(['ReserveInventory', 'ProcessPayment']);
  });

  it('writes once for a transition that sends nothing, and never after the saga has ended', async () => {
    const { engine, store, publisher } = harness();
    const started = await engine.handle(startSaga());
    const sagaId = started.kind === 'applied' ? started.sagaId : '';
    for (const type of ['InventoryReserved', 'PaymentProcessed', 'ShipmentCreated'] as const) {
      await engine.handle(replyTo(publisher.sent.at(-1)!, type));
    }
    const before = (await store.load(sagaId))!.version;
    expect(await engine.handle(replyTo(publisher.sent.at(-1)!, 'ConfirmationSent'))).toMatchObject({ kind: 'applied', status: 'completed' });
    expect((await store.load(sagaId))!.version).toBe(before + 1);
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
    expect(publisher.sent.map((c) => c.envelope.type)).toEqual(['ReserveInventory']);
  });

  it('forwards a valid StartSaga to its partition and rejects an invalid one with its reason', async () => {
    const { engine, inbox } = harness();
    expect(await engine.route(startSaga({ idempotencyKey: 'k' }) as never)).toMatchObject({ kind: 'forwarded' });
    expect(inbox.delivered[0]).toMatchObject({ type: 'StartSaga', correlationId: expect.any(String) });
    expect(await engine.route(startSaga({ sagaType: 'no-such-saga' }) as never)).toMatchObject({ kind: 'rejected', code: 'ERR_UNKNOWN_SAGA_TYPE' });
    expect(await engine.route(startSaga({ input: { orderId: 1 } }) as never)).toMatchObject({ kind: 'rejected', code: 'ERR_INVALID_SAGA_INPUT' });
    expect(inbox.delivered).toHaveLength(1);
  });

  it('counts a saga as finished once, on the message that ended it', async () => {
    const { engine, publisher } = harness();
    await engine.handle(startSaga());
    const failed = await engine.handle(replyTo(publisher.sent[0]!, 'InventoryReservationFailed', { code: 'NO', reason: 'no', retryable: false }));
    expect(failed).toMatchObject({ kind: 'applied', status: 'compensated', finished: true });
    const late = await engine.handle(replyTo(publisher.sent[0]!, 'InventoryReserved', undefined, 'late-1'));
    expect(late).toMatchObject({ kind: 'ignored', duplicate: false });
  });

  it('rejects a reply for a saga that does not exist', async () => {
    const { engine } = harness();
    const stray = replyTo({ to: 'inventory', envelope: { messageId: 'c', correlationId: 'ghost', step: 'reserve-inventory' } } as never, 'InventoryReserved');
    expect(await engine.handle(stray)).toMatchObject({ kind: 'rejected', code: 'ERR_SAGA_NOT_FOUND' });
  });

  it('applies concurrent replies of one saga one at a time', async () => {
    const { engine, store, publisher } = harness();
    const started = await engine.handle(startSaga());
    const sagaId = started.kind === 'applied' ? started.sagaId : '';
    const reply = replyTo(publisher.sent[0]!, 'InventoryReserved');
    const copies = Array.from({ length: 5 }, (_, i) => ({ ...reply, messageId: `copy-${i}` }) as AnyMessage);
    const results = await Promise.all(copies.map((m) => engine.handle(m)));
    expect(results.map((r) => r.kind).sort()).toEqual(['applied', 'ignored', 'ignored', 'ignored', 'ignored']);
    const saga = (await store.load(sagaId))!;
    expect(saga.steps[1]!.status).toBe('running');
    expect(saga.history.filter((h) => h.event === 'reply-ignored')).toHaveLength(4);
    expect(publisher.sent.filter((c) => c.envelope.type === 'ProcessPayment')).toHaveLength(1);
  });
});
