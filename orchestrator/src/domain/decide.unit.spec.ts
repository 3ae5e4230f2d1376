import { describe, expect, it } from 'vitest';
import type { WireMessage } from '@saga/contracts';
import { PURCHASE_STEPS, fixedContext, purchase, replyTo, startSaga } from '../../test/saga-fixtures.ts';
import { decide, type Decision } from './decide.ts';
import type { SagaState } from './saga-state.ts';
import type { AnySagaDefinition } from './definition.ts';

/** Given a history of messages, when one more arrives, then… — decide specified as sentences. */
function given(...history: Array<(state: SagaState | undefined) => WireMessage>) {
  const context = fixedContext();
  let state: SagaState | undefined;
  for (const next of history) {
    const decision = decide(state, next(state), context);
    if (decision.outcome !== 'applied') throw new Error(`setup message was ${decision.outcome}`);
    state = { ...decision.state, outbox: [], version: (state?.version ?? 0) + 1 };
  }
  return {
    state: () => state!,
    when: (message: (state: SagaState | undefined) => WireMessage): Decision => decide(deepFreeze(state), message(state), context),
  };
}

const start = () => startSaga();
/** The reply of `type` to the command the saga sent last. */
const reply = (type: Parameters<typeof replyTo>[1], payload?: unknown) => (state: SagaState | undefined) => {
  const last = lastCommand(state!);
  return replyTo(last, type, payload);
};

function lastCommand(state: SagaState) {
  const [name, step] = Object.entries(state.steps).reverse().find(([, s]) => s.status === 'running' || s.status === 'compensating')!;
  const phase = step.status === 'compensating' ? 'compensation' : 'action';
  const messageId = (phase === 'compensation' ? step.compensation : step.action)!.commandIds.at(-1)!;
  return { to: 'participant', step: name, phase, envelope: { messageId, correlationId: state.sagaId, step: name } } as never;
}

const statuses = (state: SagaState) => Object.values(state.steps).map((s) => s.status);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function applied(decision: Decision) {
  if (decision.outcome !== 'applied') throw new Error(`expected applied, got ${decision.outcome}`);
  return decision;
}

function recorded(decision: Decision) {
  if (decision.outcome !== 'recorded') throw new Error(`expected recorded, got ${decision.outcome}`);
  return decision;
}

describe('decide: starting a saga', () => {
  it('starts the first step and sends its command, correlated to the saga', () => {
    const decision = applied(given().when(start));
    expect(decision.state.status).toBe('running');
    expect(statuses(decision.state)).toEqual(['running', 'pending', 'pending', 'pending']);
    expect(Object.keys(decision.state.steps)).toEqual(['reserve-stock', 'charge-card', 'book-parcel', 'send-receipt']);
    expect(decision.commands).toHaveLength(1);
    const [command] = decision.commands;
    expect(command!.to).toBe('stock');
    expect(command!.envelope).toMatchObject({ type: 'ReserveStock', correlationId: 'saga-1', causationId: 'start-1', step: 'reserve-stock', expiresAt: '2026-11-21T10:00:30.000Z' });
    expect(decision.state.outbox).toEqual(decision.commands);
    expect(decision.state.outboxSince).toBe('2026-11-21T10:00:00.000Z');
  });

  it('rejects an unknown saga type', () => {
    const decision = given().when(() => startSaga({ sagaType: 'no-such-saga' }));
    expect(decision).toMatchObject({ outcome: 'rejected', code: 'ERR_UNKNOWN_SAGA_TYPE' });
  });

  it('rejects input that does not match the definition and names the field', () => {
    const decision = given().when(() => startSaga({ input: { orderId: 'o-1' } }));
    expect(decision.outcome).toBe('rejected');
    expect(decision.outcome === 'rejected' && decision.reason).toContain('customerId');
  });

  it('ignores a second start of the same saga', () => {
    expect(given(start).when(start).outcome).toBe('ignored');
  });
});

describe('decide: the happy path', () => {
  it('walks the four steps in order and completes', () => {
    const commands: string[] = [];
    let state: SagaState | undefined;
    const context = fixedContext();
    const run = (message: WireMessage) => {
      const decision = applied(decide(state, message, context));
      commands.push(...decision.commands.map((c) => c.envelope.type));
      state = decision.state;
    };
    run(startSaga());
    for (const { ok } of PURCHASE_STEPS) run(reply(ok)(state));
    expect(commands).toEqual(['ReserveStock', 'ChargeCard', 'BookParcel', 'SendReceipt']);
    expect(state!.status).toBe('completed');
    expect(statuses(state!).every((s) => s === 'succeeded')).toBe(true);
    expect(state!.history.at(-1)!.event).toBe('saga-completed');
  });

  it('builds later commands from earlier results', () => {
    const decision = applied(given(start, reply('StockReserved'), reply('CardCharged')).when(reply('ParcelBooked', { parcelId: 's', trackingNumber: 'TRK-42' })));
    expect(decision.commands[0]!.envelope.payload).toMatchObject({ trackingNumber: 'TRK-42', email: 'ada@example.com' });
  });
});

describe('decide: a failure compensates completed steps in reverse', () => {
  PURCHASE_STEPS.forEach(({ step, fail }, failedAt) => {
    it(`compensates everything before ${step} when ${step} fails`, () => {
      const context = fixedContext();
      let state: SagaState | undefined;
      const sent: string[] = [];
      const run = (message: WireMessage) => {
        const decision = applied(decide(state, message, context));
        sent.push(...decision.commands.map((c) => c.envelope.type));
        state = decision.state;
      };
      run(startSaga());
      for (let i = 0; i < failedAt; i += 1) run(reply(PURCHASE_STEPS[i]!.ok)(state));
      sent.length = 0;
      run(reply(fail, { code: 'NOPE', reason: 'said no', retryable: false })(state));
      for (let i = failedAt - 1; i >= 0; i -= 1) run(reply(PURCHASE_STEPS[i]!.undone!, { outcome: 'compensated' })(state));
      const expected = ['ReleaseStock', 'RefundCharge', 'CancelParcel'].slice(0, failedAt).reverse();
      expect(sent).toEqual(expected);
      expect(state!.status).toBe('compensated');
      expect(state!.failure).toEqual({ step, code: 'NOPE', reason: 'said no' });
      expect(statuses(state!)).toEqual(
        PURCHASE_STEPS.map((_, i) => (i < failedAt ? 'compensated' : i === failedAt ? 'failed' : 'pending')),
      );
    });
  });
});

describe('decide: duplicates, strays and purity', () => {
  it('ignores a reply it has already applied, changing nothing', () => {
    const g = given(start);
    const first = reply('StockReserved')(g.state());
    const after = applied(decide(g.state(), first, fixedContext())).state;
    expect(decide(deepFreeze(after), first, fixedContext())).toEqual({ outcome: 'ignored', reason: 'duplicate reply', duplicate: true });
  });

  it('records and ignores a reply to a command it never sent', () => {
    const decision = recorded(
      given(start).when((s) => ({ ...replyTo(lastCommand(s!), 'StockReserved'), causationId: 'someone-else', messageId: 'stray-1' }) as WireMessage),
    );
    expect(decision.state.steps['reserve-stock']!.status).toBe('running');
    expect(decision.state.history.at(-1)).toMatchObject({ event: 'reply-ignored', messageId: 'stray-1' });
  });

  it('ignores a success that arrives after its step already failed', () => {
    const g = given(start, reply('StockReservationFailed', { code: 'X', reason: 'no', retryable: false }));
    const state = g.state();
    const late = replyTo({ to: 'stock', envelope: { messageId: state.steps['reserve-stock']!.action!.commandIds[0]!, correlationId: 'saga-1', step: 'reserve-stock' } } as never, 'StockReserved');
    const decision = recorded(decide(state, late, fixedContext()));
    expect(decision.state.status).toBe(state.status);
    expect(decision.state.history.at(-1)!.detail).toContain('the saga is compensated');
  });

  it('ignores a reply of the wrong type for the step, even with the right causation', () => {
    const decision = recorded(given(start).when(reply('CardCharged')));
    expect(decision.state.steps['reserve-stock']!.status).toBe('running');
    expect(decision.reason).toBe('CardCharged does not answer ReserveStock');
  });

  it('compensates what came before, with the reason, when a definition builds an invalid command', () => {
    const broken = { ...purchase, steps: purchase.steps.map((s, i) => (i === 1 ? { ...s, action: { command: 'ChargeCard', build: () => ({ orderId: 'x' }) } } : s)) };
    const context = fixedContext('saga-1', [broken as AnySagaDefinition]);
    const started = applied(decide(undefined, startSaga(), context));
    const decision = applied(decide(started.state, replyTo(started.commands[0]!, 'StockReserved'), context));
    expect(decision.commands.map((c) => c.envelope.type)).toEqual(['ReleaseStock']);
    expect(decision.state).toMatchObject({ status: 'compensating', failure: { step: 'charge-card', code: 'ERR_INVALID_COMMAND_PAYLOAD' } });
    expect(statuses(decision.state)).toEqual(['compensating', 'failed', 'pending', 'pending']);
  });

  it('treats a build that throws like an invalid command, instead of failing the message', () => {
    const broken = {
      ...purchase,
      steps: purchase.steps.map((s, i) => (i === 1 ? { ...s, action: { command: 'ChargeCard', build: () => { throw new TypeError('no amount'); } } } : s)),
    };
    const context = fixedContext('saga-1', [broken as AnySagaDefinition]);
    const started = applied(decide(undefined, startSaga(), context));
    const decision = applied(decide(started.state, replyTo(started.commands[0]!, 'StockReserved'), context));
    expect(decision.state.failure).toMatchObject({ code: 'ERR_INVALID_COMMAND_PAYLOAD', reason: expect.stringContaining('no amount') });
  });

  it('never mutates the state it is given', () => {
    const g = given(start, reply('StockReserved'));
    expect(() => g.when(reply('ChargeDeclined', { code: 'LIMIT', reason: 'no', retryable: false }))).not.toThrow();
  });
});
