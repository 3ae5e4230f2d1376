import { stepsOf, type AnySagaDefinition, type AnyStepDefinition } from './definition.ts';
import { DEFAULT_ACTION_POLICY, DEFAULT_COMPENSATION_POLICY, mergePolicy, type PhasePolicy } from './retry-policy.ts';
import type { Phase, SagaState, StepState } from './saga-state.ts';

/** A step definition with its position; steps are always found by name, never by array index. */
export interface LocatedStep {
  index: number;
  definition: AnyStepDefinition;
}

const located = new WeakMap<AnySagaDefinition, Map<string, LocatedStep>>();

export function stepOf(definition: AnySagaDefinition, name: string): LocatedStep | undefined {
  let byName = located.get(definition);
  if (!byName) {
    byName = new Map(stepsOf(definition).map((s, index) => [s.name, { index, definition: s }]));
    located.set(definition, byName);
  }
  return byName.get(name);
}

/** Like stepOf, for a step the saga's own definition must have (its state was made from it). */
export function requireStep(definition: AnySagaDefinition, name: string): LocatedStep {
  const step = stepOf(definition, name);
  if (!step) throw new RangeError(`saga ${definition.name}@${definition.version} has no step ${name}`);
  return step;
}

export function policyOf(definition: AnySagaDefinition, step: string, phase: Phase): PhasePolicy {
  const stepDefinition = requireStep(definition, step).definition;
  return phase === 'action'
    ? mergePolicy(DEFAULT_ACTION_POLICY, definition.defaults?.policy, stepDefinition.policy)
    : mergePolicy(DEFAULT_COMPENSATION_POLICY, definition.defaults?.compensationPolicy, stepDefinition.compensationPolicy);
}

/** The step the saga stands at: the parked one, else the one running or compensating. */
export function activeStep(state: SagaState): { name: string; step: StepState; phase: Phase } | undefined {
  if (state.parked?.step && state.parked.phase) {
    const step = state.steps[state.parked.step];
    return step ? { name: state.parked.step, step, phase: state.parked.phase } : undefined;
  }
  for (const [name, step] of Object.entries(state.steps)) {
    if (step.status === 'running') return { name, step, phase: 'action' };
    if (step.status === 'compensating') return { name, step, phase: 'compensation' };
  }
  return undefined;
}

/** True once the pivot (or, without one, any forward-only step) has succeeded: nothing can be undone. */
export function pastPivot(state: SagaState, definition: AnySagaDefinition): boolean {
  return stepsOf(definition).some((s) => s.kind !== 'compensatable' && ['succeeded', 'skipped'].includes(state.steps[s.name]?.status ?? 'pending'));
}
