import type { Phase, PhaseState, SagaState, StepState } from './saga-state.ts';

/** Copies `patch` over `target`; a key set to undefined is removed, so documents carry no nulls. */
function merge<T extends object>(target: T, patch: Partial<T>): T {
  const merged: Record<string, unknown> = { ...target, ...patch };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return merged as T;
}

export function updateStep(state: SagaState, step: string, patch: Partial<StepState>): SagaState {
  const current = state.steps[step];
  if (!current) throw new RangeError(`saga ${state.sagaId} has no step ${step}`);
  return { ...state, steps: { ...state.steps, [step]: merge(current, patch) } };
}

export function phaseOf(step: StepState, phase: Phase): PhaseState | undefined {
  return phase === 'action' ? step.action : step.compensation;
}

export function updatePhase(state: SagaState, step: string, phase: Phase, patch: Partial<PhaseState>): SagaState {
  const current = state.steps[step];
  if (!current) throw new RangeError(`saga ${state.sagaId} has no step ${step}`);
  const before = phaseOf(current, phase) ?? { attempt: 0, commandIds: [], budget: { used: 0, startedAt: state.updatedAt } };
  return updateStep(state, step, { [phase]: merge(before, patch) });
}

/** Stops the timers of one phase: nothing is waited for or retried any more. */
export function stopPhase(state: SagaState, step: string, phase: Phase): SagaState {
  const current = state.steps[step];
  if (!current || !phaseOf(current, phase)) return state;
  return updatePhase(state, step, phase, { timeoutAt: undefined, retryAt: undefined });
}
