import { describe, expect, it } from 'vitest';
import type { AnyMessage } from '@saga/contracts';
import { ORDER_STEPS, fixedContext, replyTo, startSaga } from '../../test/saga-fixtures.ts';
import { decide, type Decision } from './decide.ts';
import type { SagaState } from './saga-state.ts';
import type { AnySagaDefinition } from './definition.ts';
import { orderFulfilment } from './sagas/order-fulfilment.ts';

/** Given a history of messages, when one more arrives, then… — decide specified as sentences. */
function given(...history: Array<(state: SagaState | undefined) => AnyMessage>) {
  const context = fixedContext();
  let state: SagaState | undefined;
  for (const next of history) {
    const decision = decide(state, next(state), context);
    if (decision.outcome !== 'applied') throw new Error(`setup message was ${decision.outcome}`);
    state = { ...decision.state, outbox: [], version: (state?.version ?? 0) + 1 };
  }
  return {
    state: () => state!,
    when: (message: (state: SagaState | undefined) => AnyMessage): Decision => decide(deepFreeze(state), message(state), context),
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
    expect(Object.keys(decision.state.steps)).toEqual(['reserve-inventory', 'process-payment', 'create-shipment', 'send-confirmation']);
    expect(decision.commands).toHaveLength(1);
    const [command] = decision.commands;
    expect(command!.to).toBe('inventory');
    expect(command!.envelope).toMatchObject({ type: 'ReserveInventory', correlationId: 'saga-1', causationId: 'start-1', step: 'reserve-inventory', expiresAt: '2026-11-21T10:00:30.000Z' });
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
    const run = (message: AnyMessage) => {
      const decision = applied(decide(state, message, context));
      commands.push(...decision.commands.map((c) => c.envelope.type));
      state = decision.state;
    };
    run(startSaga());
    for (const { ok } of ORDER_STEPS) run(reply(ok)(state));
    expect(commands).toEqual(['ReserveInventory', 'ProcessPayment', 'CreateShipment', 'SendConfirmation']);
    expect(state!.status).toBe('completed');
    expect(statuses(state!).every((s) => s === 'succeeded')).toBe(true);
    expect(state!.history.at(-1)!.event).toBe('saga-completed');
  });

  it('builds later commands from earlier results', () => {
    const decision = applied(given(start, reply('InventoryReserved'), reply('PaymentProcessed')).when(reply('ShipmentCreated', { shipmentId: 's', trackingNumber: 'TRK-42' })));
    expect(decision.commands[0]!.envelope.payload).toMatchObject({ trackingNumber: 'TRK-42', email: 'ada@example.com' });
  });
});

describe('decide: a failure compensates completed steps in reverse', () => {
  ORDER_STEPS.forEach(({ step, fail }, failedAt) => {
    it(`compensates everything before ${step} when ${step} fails`, () => {
      const context = fixedContext();
      let state: SagaState | undefined;
      const sent: string[] = [];
      const run = (message: AnyMessage) => {
        const decision = applied(decide(state, message, context));
        sent.push(...decision.commands.map((c) => c.envelope.type));
        state = decision.state;
      };
      run(startSaga());
      for (let i = 0; i < failedAt; i += 1) run(reply(ORDER_STEPS[i]!.ok)(state));
      sent.length = 0;
      run(reply(fail, { code: 'NOPE', reason: 'said no', retryable: false })(state));
      for (let i = failedAt - 1; i >= 0; i -= 1) run(reply(ORDER_STEPS[i]!.undone!, { outcome: 'compensated' })(state));
      const expected = ['ReleaseInventory', 'RefundPayment', 'CancelShipment'].slice(0, failedAt).reverse();
      expect(sent).toEqual(expected);
      expect(state!.status).toBe('compensated');
      expect(state!.failure).toEqual({ step, code: 'NOPE', reason: 'said no' });
      expect(statuses(state!)).toEqual(
        ORDER_STEPS.map((_, i) => (i < failedAt ? 'compensated' : i === failedAt ? 'failed' : 'pending')),
      );
    });
  });
});

describe('decide: duplicates, strays and purity', () => {
  it('ignores a reply it has already applied, changing nothing', () => {
    const g = given(start);
    const first = reply('InventoryReserved')(g.state());
    const after = applied(decide(g.state(), first, fixedContext())).state;
    expect(decide(deepFreeze(after), first, fixedContext())).toEqual({ outcome: 'ignored', reason: 'duplicate reply', duplicate: true });
  });

  it('records and ignores a reply to a command it never sent', () => {
    const decision = recorded(
      given(start).when((s) => ({ ...replyTo(lastCommand(s!), 'InventoryReserved'), causationId: 'someone-else', messageId: 'stray-1' }) as AnyMessage),
    );
    expect(decision.state.steps['reserve-inventory']!.status).toBe('running');
    expect(decision.state.history.at(-1)).toMatchObject({ event: 'reply-ignored', messageId: 'stray-1' });
  });

  it('ignores a success that arrives after its step already failed', () => {
    const g = given(start, reply('InventoryReservationFailed', { code: 'X', reason: 'no', retryable: false }));
    const state = g.state();
    const late = replyTo({ to: 'inventory', envelope: { messageId: state.steps['reserve-inventory']!.action!.commandIds[0]!, correlationId: 'saga-1', step: 'reserve-inventory' } } as never, 'InventoryReserved');
    const decision = recorded(decide(state, late, fixedContext()));
    expect(decision.state.status).toBe(state.status);
    expect(decision.state.history.at(-1)!.detail).toContain('the saga is compensated');
  });

  it('ignores a reply of the wrong type for the step, even with the right causation', () => {
    const decision = recorded(given(start).when(reply('PaymentProcessed')));
    expect(decision.state.steps['reserve-inventory']!.status).toBe('running');
    expect(decision.reason).toBe('PaymentProcessed does not answer ReserveInventory');
  });

  it('compensates what came before, with the reason, when a definition builds an invalid command', () => {
    const broken = { ...orderFulfilment, steps: orderFulfilment.steps.map((s, i) => (i === 1 ? { ...s, action: { command: 'ProcessPayment', build: () => ({ orderId: 'x' }) } } : s)) };
    const context = fixedContext('saga-1', [broken as AnySagaDefinition]);
    const started = applied(decide(undefined, startSaga(), context));
    const decision = applied(decide(started.state, replyTo(started.commands[0]!, 'InventoryReserved'), context));
    expect(decision.commands.map((c) => c.envelope.type)).toEqual(['ReleaseInventory']);
    expect(decision.state).toMatchObject({ status: 'compensating', failure: { step: 'process-payment', code: 'ERR_INVALID_COMMAND_PAYLOAD' } });
    expect(statuses(decision.state)).toEqual(['compensating', 'failed', 'pending', 'pending']);
  });

  it('treats a build that throws like an invalid command, instead of failing the message', () => {
    const broken = {
      ...orderFulfilment,
      steps: orderFulfilment.steps.map((s, i) => (i === 1 ? { ...s, action: { command: 'ProcessPayment', build: () => { throw new TypeError('no amount'); } } } : s)),
    };
    const context = fixedContext('saga-1', [broken as AnySagaDefinition]);
    const started = applied(decide(undefined, startSaga(), context));
    const decision = applied(decide(started.state, replyTo(started.commands[0]!, 'InventoryReserved'), context));
    expect(decision.state.failure).toMatchObject({ code: 'ERR_INVALID_COMMAND_PAYLOAD', reason: expect.stringContaining('no amount') });
  });

  it('never mutates the state it is given', () => {
    const g = given(start, reply('InventoryReserved'));
    expect(() => g.when(reply('PaymentDeclined', { code: 'LIMIT', reason: 'no', retryable: false }))).not.toThrow();
  });
});
