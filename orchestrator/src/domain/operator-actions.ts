import type { OperatorCommand } from '@saga/contracts';
import type { AnySagaDefinition } from './definition.ts';
import { TERMINAL_STATUSES, type SagaState } from './saga-state.ts';
import {
  activeStepIndex,
  beginCompensation,
  compensateFrom,
  entry,
  finish,
  forwardFrom,
  pastPivot,
  sendAction,
  sendCompensation,
  touch,
  updateStep,
  withHistory,
  type Transition,
  type TransitionContext,
} from './transitions.ts';

/**
 * Why an operator action cannot be applied to the saga as it is now; undefined when it can.
 * The API asks first (to answer 409 at once); `applyOperatorAction` asks again when the action
 * reaches the saga, because the saga may have moved meanwhile.
 */
export function operatorActionProblem(state: SagaState, command: Pick<OperatorCommand, 'action' | 'step'>, definition: AnySagaDefinition): string | undefined {
  const { status, parked } = state;
  if (TERMINAL_STATUSES.includes(status)) return `the saga is ${status}`;
  switch (command.action) {
    case 'retry-step': {
      if (status === 'parked') return undefined;
      const step = state.steps[activeStepIndex(state)];
      return step?.retryAt ? undefined : 'nothing to retry: the saga is neither parked nor waiting to retry a step';
    }
    case 'resume-compensation':
      return status === 'parked' && parked?.phase === 'compensation' ? undefined : 'the saga is not parked in compensation';
    case 'skip-step':
      if (status !== 'parked') return 'only a parked saga can skip a step';
      if (!command.step) return 'skip-step needs the step to skip';
      return command.step === parked?.step ? undefined : `the saga is parked at ${parked?.step ?? 'no step'}, not ${command.step}`;
    case 'force-compensation': {
      if (status === 'compensating' || (status === 'parked' && parked?.phase === 'compensation')) return 'the saga is already compensating';
      if (pastPivot(state, definition)) return 'the pivot has succeeded: the saga can only go forward';
      // Its outcome is not known yet; compensating now could leave it applied with nothing to undo it.
      const pivot = definition.steps.findIndex((s) => s.kind === 'pivot');
      if (status === 'running' && pivot >= 0 && state.steps[pivot]!.status === 'running') return 'the pivot is in flight: wait for its reply, or for the saga to park';
      return undefined;
    }
    case 'mark-resolved':
      return undefined;
    default:
      return 'unknown action';
  }
}

/** Applies an operator's action; every one is recorded in the history with who and why. */
export function applyOperatorAction(state: SagaState, command: OperatorCommand, messageId: string, definition: AnySagaDefinition, context: TransitionContext): Transition {
  const problem = operatorActionProblem(state, command, definition);
  const who = { actor: command.operator, actionId: command.actionId, messageId };
  if (problem) {
    const rejected = withHistory(state, entry(context, 'operator-action-rejected', { ...who, detail: `${command.action}: ${problem}` }));
    return { state: touch(rejected, context), commands: [] };
  }
  const logged = withHistory(state, entry(context, 'operator-action', { ...who, step: command.step, detail: `${command.action}: ${command.reason}` }));
  const index = activeStepIndex(logged);
  // An operator who takes over decides about time too: the deadline would park the saga again.
  const { parked: _parked, deadlineAt: _deadline, ...unparked } = logged;
  switch (command.action) {
    case 'retry-step':
    case 'resume-compensation':
      return retryNow(unparked, index, state.status === 'parked', definition, messageId, context);
    case 'skip-step':
      return skip(unparked, index, state.parked!.phase, command.reason, definition, messageId, context);
    case 'force-compensation': {
      const step = logged.steps[index];
      if (!step) return beginCompensation(unparked, logged.steps.length - 1, definition, messageId, context);
      // The step in flight (or parked) may have run: compensate it too when it has a compensation.
      const inFlight = step.timeoutAt !== undefined || step.mayHaveRun === true || state.status === 'parked';
      const failure = { code: 'FORCED_COMPENSATION', reason: command.reason };
      const failed = updateStep(unparked, index, { status: 'failed', failure, mayHaveRun: inFlight, timeoutAt: undefined, retryAt: undefined, finishedAt: context.now });
      return beginCompensation({ ...failed, failure: { ...failure, step: step.name } }, index, definition, messageId, context);
    }
    case 'mark-resolved': {
      const stopped = index >= 0 ? updateStep(unparked, index, { timeoutAt: undefined, retryAt: undefined }) : unparked;
      return finish(stopped, 'resolved', 'saga-resolved', context);
    }
  }
}

/** Sends the step's action or compensation now; a parked saga gets a fresh budget for it. */
function retryNow(state: SagaState, index: number, wasParked: boolean, definition: AnySagaDefinition, causationId: string, context: TransitionContext): Transition {
  const step = state.steps[index]!;
  const compensating = step.status === 'compensating';
  const budget = wasParked ? { used: 0, startedAt: context.now } : step.budget;
  const ready = updateStep({ ...state, status: compensating ? 'compensating' : 'running' }, index, { budget, retryAt: undefined });
  return compensating ? sendCompensation(ready, index, definition, causationId, context) : sendAction(ready, index, definition, causationId, context);
}

/** Skips the parked step: an action is passed over (the saga goes on), a compensation is taken as done by hand. */
function skip(state: SagaState, index: number, phase: 'action' | 'compensation', reason: string, definition: AnySagaDefinition, causationId: string, context: TransitionContext): Transition {
  const step = state.steps[index]!;
  const stop = { timeoutAt: undefined, retryAt: undefined } as const;
  if (phase === 'compensation') {
    const skipped = withHistory(updateStep({ ...state, status: 'compensating' }, index, { ...stop, status: 'compensation-skipped' }), entry(context, 'step-skipped', { step: step.name, detail: `compensation: ${reason}` }));
    return compensateFrom(skipped, index - 1, definition, causationId, context);
  }
  const skipped = withHistory(updateStep({ ...state, status: 'running' }, index, { ...stop, status: 'skipped', finishedAt: context.now }), entry(context, 'step-skipped', { step: step.name, detail: reason }));
  return forwardFrom(skipped, index + 1, definition, causationId, context);
}
