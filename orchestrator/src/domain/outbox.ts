import type { OutboxEntry, SagaState } from './saga-state.ts';
import { phaseOf } from './state-updates.ts';
import type { Transition, TransitionContext } from './transition.ts';
import { touch } from './transition.ts';

/**
 * Whether an outbox entry still has to be sent: it is the newest attempt of its step's phase and
 * that phase still waits for it. An entry of a superseded attempt, of a phase the saga has moved
 * past, or of a saga that parked or ended is dropped — sending it late could only do harm.
 */
export function isLive(state: SagaState, entry: OutboxEntry): boolean {
  if (state.status !== 'running' && state.status !== 'compensating') return false;
  const step = state.steps[entry.step];
  if (!step) return false;
  const waiting = entry.phase === 'action' ? step.status === 'running' : step.status === 'compensating';
  const phase = phaseOf(step, entry.phase);
  return waiting && phase?.commandIds.at(-1) === entry.envelope.messageId && phase.retryAt === undefined;
}

/** The outbox without entries the last transition superseded; outboxSince follows. */
export function pruneOutbox(state: SagaState): SagaState {
  const outbox = state.outbox.filter((entry) => isLive(state, entry));
  if (outbox.length === state.outbox.length) return state;
  return { ...state, outbox, outboxSince: outbox.length === 0 ? null : state.outboxSince };
}

export function enqueue(state: SagaState, entry: OutboxEntry, context: TransitionContext): Transition {
  const next = { ...state, outbox: [...state.outbox, entry], outboxSince: state.outboxSince ?? context.now };
  return { state: touch(next, context), commands: [entry] };
}
