import type { FailureReason } from '@saga/contracts';
import type { Logger } from '../logger.ts';
import type { ActOutcome } from './ledger.ts';

export interface ActionReplyTypes<S extends string, F extends string> {
  /** Reply type for an action that was (or had been) applied. */
  succeeded: S;
  /** Reply type for a refusal, including an action that arrives after its compensation. */
  failed: F;
  /** Reason given when the action arrives after its compensation; nothing was done. */
  lateReason: string;
}

/** Turns a ledger outcome into the reply every action handler sends: success, refusal, or too late. */
export function actionReply<S extends string, F extends string, R>(
  outcome: ActOutcome<R, FailureReason>,
  types: ActionReplyTypes<S, F>,
  log: Logger,
): { type: S; payload: R } | { type: F; payload: FailureReason } {
  if (outcome.kind === 'already-compensated') {
    log.info('action arrived after its compensation; refusing it');
    return { type: types.failed, payload: { code: 'ALREADY_COMPENSATED', reason: types.lateReason, retryable: false } };
  }
  if (outcome.duplicate) log.info({ outcome: outcome.kind }, 'repeated command; replying with the recorded outcome');
  if (outcome.kind === 'refused') return { type: types.failed, payload: outcome.failure };
  return { type: types.succeeded, payload: outcome.result };
}
