import type { MessageContract } from '@saga/contracts';
import type { OutboxEntry, SagaState } from './saga-state.ts';

/** Finds a message's contract by type: the registry of the system the saga belongs to. */
export type MessageLookup = (type: string) => MessageContract | undefined;

/** Time, ids, randomness and the contracts come in as data: every transition is pure and replayable. */
export interface TransitionContext {
  now: string;
  newId(): string;
  /** [0, 1), for backoff jitter. */
  random(): number;
  messages: MessageLookup;
}

/** What a transition decides: the next state and the commands it added to the outbox. */
export interface Transition {
  state: SagaState;
  commands: OutboxEntry[];
}

export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

export function touch(state: SagaState, context: TransitionContext): SagaState {
  return { ...state, updatedAt: context.now };
}

/** A transition that changes the state but sends nothing. */
export function only(state: SagaState, context: TransitionContext): Transition {
  return { state: touch(state, context), commands: [] };
}
