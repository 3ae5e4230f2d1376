import type { OperatorCommand } from '@saga/contracts';
import { beginCompensation, compensateFrom, strategyOf } from './compensation.ts';
import type { AnySagaDefinition } from './definition.ts';
import { forwardFrom } from './forward.ts';
import { record } from './history.ts';
import { finish } from './park-and-finish.ts';
import { RECENT_ACTIONS, isTerminal, type SagaState } from './saga-state.ts';
import { activeStep, pastPivot, policyOf, requireStep } from './saga-position.ts';
import { phaseOf, stopPhase, updateStep } from './state-updates.ts';
import { sendAttempt, startPhase } from './step-attempt.ts';
import { stepFailed } from './step-failure.ts';
import { addMs, only, type Transition, type TransitionContext } from './transition.ts';

type ActionRequest = Pick<OperatorCommand, 'action' | 'step'>;

/**
 * Why an operator action cannot be applied to the saga as it is now; undefined when it can. The
 * API asks first (to answer 409 at once); `applyOperatorAction` asks again when the action reaches
 * the saga's writer, because the saga may have moved meanwhile.
 */
export function operatorActionProblem(state: SagaState, command: ActionRequest, definition: AnySagaDefinition | undefined, now: string): string | undefined {
  const { status, parked } = state;
  if (isTerminal(status)) return `the saga is ${status}`;
  if (command.action === 'mark-resolved') return undefined;
  if (!definition) return `its definition ${state.sagaType}@${state.definitionVersion} is not deployed: deploy it, or mark the saga resolved`;
  switch (command.action) {
    case 'retry-step': {
      if (status === 'parked') return parked?.step ? undefined : 'the saga is parked outside any step; mark it resolved';
      const active = activeStep(state);
      return active && phaseOf(active.step, active.phase)?.retryAt ? undefined : 'nothing to retry: the saga is neither parked nor waiting to retry a step';
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
      const pivot = definition.steps.find((s) => s.kind === 'pivot');
      const live = pivot ? pivotLiveUntil(state, definition, pivot.name) : undefined;
      // Its last attempt could still start or run: compensating now could leave it applied with nothing to undo it.
      if (live && Date.parse(live) > Date.parse(now)) return `the pivot is in flight until ${live}: wait for its reply, or for the saga to park`;
      return undefined;
    }
    default:
      return 'unknown action';
  }
}

/** Until when the pivot's newest attempt may still take effect: it must start by expiresAt and run within timeoutMs. */
function pivotLiveUntil(state: SagaState, definition: AnySagaDefinition, pivot: string): string | undefined {
  const step = state.steps[pivot];
  if (!step || (step.status !== 'running' && !(state.status === 'parked' && state.parked?.step === pivot))) return undefined;
  const expiresAt = step.action?.expiresAt;
  return expiresAt ? addMs(expiresAt, policyOf(definition, pivot, 'action').timeoutMs) : undefined;
}

export type OperatorOutcome = { applied: true; transition: Transition } | { applied: false; transition: Transition; refusal: string };

/** Applies an operator's action; every one, applied or refused, is recorded in the history with who and why. */
export function applyOperatorAction(
  state: SagaState,
  command: OperatorCommand,
  messageId: string,
  definition: AnySagaDefinition | undefined,
  context: TransitionContext,
): OperatorOutcome {
  const who = { actor: command.operator, actionId: command.actionId, messageId };
  const remembered = { ...state, recentActionIds: [...state.recentActionIds, command.actionId].slice(-RECENT_ACTIONS) };
  const problem = operatorActionProblem(state, command, definition, context.now);
  if (problem) {
    const refused = record(remembered, context, 'operator-action-rejected', { ...who, detail: `${command.action}: ${problem}` });
    return { applied: false, transition: only(refused, context), refusal: problem };
  }
  const logged = record(remembered, context, 'operator-action', { ...who, step: command.step, detail: `${command.action}: ${command.reason}` });
  // An operator who takes over decides about time too: the deadline would only park the saga again.
  const { parked, deadlineAt: _deadline, ...unparked } = logged;
  if (command.action === 'mark-resolved') return { applied: true, transition: finish(unparked, 'resolved', 'saga-resolved', context) };
  const saga = definition!;
  switch (command.action) {
    case 'retry-step':
    case 'resume-compensation': {
      if (parked?.failedSteps?.length) {
        // Parallel or best-effort compensation parked at the end: try every failed compensation again.
        return { applied: true, transition: beginCompensation(unparked, saga, saga.steps.length - 1, messageId, context) };
      }
      if (parked?.step && parked.phase) {
        const resumed: SagaState = { ...unparked, status: parked.phase === 'action' ? 'running' : 'compensating' };
        return { applied: true, transition: startPhase(resumed, saga, parked.step, parked.phase, messageId, context) };
      }
      const active = activeStep(unparked)!;
      return { applied: true, transition: sendAttempt(unparked, saga, active.name, active.phase, messageId, context) };
    }
    case 'skip-step':
      return { applied: true, transition: skip(unparked, saga, parked!.step!, parked!.phase!, command.reason, messageId, context) };
    case 'force-compensation': {
      const active = activeStep(logged);
      if (!active) return { applied: true, transition: beginCompensation(unparked, saga, saga.steps.length - 1, messageId, context) };
      // The step in flight (or parked) may have run: compensate it too when it has a compensation.
      const mayHaveRun = active.step.action?.timeoutAt !== undefined || active.step.mayHaveRun === true || state.status === 'parked';
      const failure = { code: 'FORCED_COMPENSATION', reason: command.reason };
      return { applied: true, transition: stepFailed({ ...unparked, status: 'running' }, saga, active.name, failure, { mayHaveRun, messageId, forced: true }, context) };
    }
  }
}

/** Skips the parked step: an action is passed over (the saga goes on), a compensation is taken as done by hand. */
function skip(state: SagaState, definition: AnySagaDefinition, step: string, phase: 'action' | 'compensation', reason: string, causationId: string, context: TransitionContext): Transition {
  const { index } = requireStep(definition, step);
  const stopped = stopPhase(state, step, phase);
  if (phase === 'compensation') {
    const skipped = record(updateStep({ ...stopped, status: 'compensating' }, step, { status: 'compensation-skipped', compensationFailure: undefined }), context, 'step-skipped', { step, phase, detail: reason });
    // Parallel: the others are tried again together; sequential and best-effort: go on below it.
    return compensateFrom(skipped, definition, strategyOf(definition) === 'parallel' ? definition.steps.length - 1 : index - 1, causationId, context);
  }
  const skipped = record(updateStep({ ...stopped, status: 'running' }, step, { status: 'skipped', finishedAt: context.now }), context, 'step-skipped', { step, phase, detail: reason });
  return forwardFrom(skipped, definition, index + 1, causationId, context);
}
