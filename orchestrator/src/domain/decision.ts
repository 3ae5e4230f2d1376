import type { WireMessage } from '@saga/contracts';
import { record } from './history.ts';
import type { OutboxEntry, SagaState } from './saga-state.ts';
import type { Transition, TransitionContext } from './transition.ts';
import { touch } from './transition.ts';

export type RejectCode = 'ERR_UNKNOWN_SAGA_TYPE' | 'ERR_INVALID_SAGA_INPUT';

/**
 * What `decide` says about one message:
 * - `applied`: the saga moved; persist the state, then send `commands`.
 * - `recorded`: the message changed nothing but is worth a history entry (a stray or late reply, a
 *   refused operator action) — persisted, nothing sent.
 * - `ignored`: nothing to persist (a duplicate, a wake-up with nothing due, an unknown saga).
 * - `rejected`: the message is invalid; dead-letter it.
 */
export type Decision =
  | { outcome: 'applied'; state: SagaState; commands: OutboxEntry[] }
  | { outcome: 'recorded'; state: SagaState; reason: string }
  | { outcome: 'ignored'; reason: string; duplicate: boolean }
  | { outcome: 'rejected'; code: RejectCode; reason: string };

export function forwardDecision(transition: Transition): Decision {
  return { outcome: 'applied', ...transition };
}

/** A reply recorded in the history and otherwise ignored. */
export function recorded(state: SagaState, message: WireMessage, context: TransitionContext, reason: string, step?: string): Decision {
  const logged = record(state, context, 'reply-ignored', { step, messageId: message.messageId, detail: `${message.type}: ${reason}` });
  return { outcome: 'recorded', state: touch(logged, context), reason };
}
