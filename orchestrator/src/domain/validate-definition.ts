import { messages, isMessageType, repliesTo } from '@saga/contracts';
import { COMPENSATION_STRATEGIES, type AnySagaDefinition, type SagaDefinition, type StepDefinition } from './definition.ts';
import { DomainError } from './domain-error.ts';
import { DEFAULT_ACTION_POLICY, DEFAULT_COMPENSATION_POLICY, mergePolicy, policyProblems, type PhasePolicyOverride, type PolicyDefaults } from './retry-policy.ts';

const KEBAB = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * Checks the rules a definition must keep before the engine will run it, and returns every
 * problem at once. Run at load time: a bad definition stops the orchestrator from starting.
 */
export function definitionProblems(definition: AnySagaDefinition): string[] {
  const problems: string[] = [];
  if (!KEBAB.test(definition.name)) problems.push(`saga name "${definition.name}" must be kebab-case`);
  if (!Number.isInteger(definition.version) || definition.version < 1) problems.push('version must be an integer ≥ 1');
  if (definition.steps.length === 0) problems.push('a saga needs at least one step');
  const names = new Set<string>();
  definition.steps.forEach((step, index) => {
    const at = `step ${index + 1} (${step.name})`;
    if (!KEBAB.test(step.name)) problems.push(`${at}: name must be kebab-case`);
    if (names.has(step.name)) problems.push(`${at}: duplicate step name`);
    names.add(step.name);
    problems.push(...commandProblems(at, 'action', step, step.action.command, 'succeeded'));
    if (step.kind === 'compensatable') {
      if (!step.compensation) problems.push(`${at}: a compensatable step needs a compensation command`);
      else problems.push(...commandProblems(at, 'compensation', step, step.compensation.command, 'compensated'));
    } else if (step.compensation) {
      problems.push(`${at}: a ${step.kind} step has no compensation; make it compensatable or drop the compensation`);
    }
  });
  problems.push(...orderProblems(definition.steps));
  if (definition.compensationStrategy !== undefined && !COMPENSATION_STRATEGIES.includes(definition.compensationStrategy)) {
    problems.push(`compensationStrategy must be one of ${COMPENSATION_STRATEGIES.join(', ')}`);
  }
  problems.push(...timingProblems(definition));
  return problems;
}

/** Every step's effective policies must be usable, and a deadline must be a positive duration. */
function timingProblems(definition: AnySagaDefinition): string[] {
  const problems: string[] = [];
  if (definition.deadlineMs !== undefined && !(Number.isInteger(definition.deadlineMs) && definition.deadlineMs > 0)) {
    problems.push('deadlineMs must be a positive integer');
  }
  definition.steps.forEach((step, index) => {
    const at = `step ${index + 1} (${step.name})`;
    problems.push(...policyProblems(`${at} policy`, mergePolicy(DEFAULT_ACTION_POLICY, definition.defaults?.policy, step.policy)));
    if (step.compensation) {
      problems.push(...policyProblems(`${at} compensationPolicy`, mergePolicy(DEFAULT_COMPENSATION_POLICY, definition.defaults?.compensationPolicy, step.compensationPolicy)));
    }
  });
  return problems;
}

function commandProblems(
  at: string,
  role: 'action' | 'compensation',
  step: StepDefinition<unknown>,
  command: string,
  outcome: 'succeeded' | 'compensated',
): string[] {
  if (!isMessageType(command)) return [`${at}: ${role} ${command} is not a registered message`];
  const contract = messages[command];
  const problems: string[] = [];
  if (contract.kind !== 'command') problems.push(`${at}: ${role} ${command} is not a command`);
  if (contract.to !== step.participant) problems.push(`${at}: ${command} is handled by ${contract.to}, not ${step.participant}`);
  if (!repliesTo(command).some((r) => r.outcome === outcome)) problems.push(`${at}: ${command} has no "${outcome}" reply`);
  return problems;
}

/** compensatable*, then at most one pivot, then retriable*. */
function orderProblems(steps: readonly StepDefinition<unknown>[]): string[] {
  const rank = { compensatable: 0, pivot: 1, retriable: 2 } as const;
  const problems: string[] = [];
  if (steps.filter((s) => s.kind === 'pivot').length > 1) problems.push('a saga has at most one pivot step');
  for (let i = 1; i < steps.length; i += 1) {
    const before = steps[i - 1]!;
    const step = steps[i]!;
    if (rank[step.kind] < rank[before.kind]) {
      problems.push(`step ${i + 1} (${step.name}): a ${step.kind} step cannot follow a ${before.kind} step; every step before the pivot must be compensatable`);
    }
  }
  return problems;
}

/** Validates and returns the definition; throws ERR_INVALID_DEFINITION listing every problem. */
export function defineSaga<I>(definition: SagaDefinition<I>): SagaDefinition<I> {
  const problems = definitionProblems(definition);
  if (problems.length > 0) {
    throw new DomainError('ERR_INVALID_DEFINITION', `saga ${definition.name}: ${problems.join('; ')}`);
  }
  return definition;
}

/**
 * The definitions with deployment-wide policy defaults laid over each saga's own defaults (a step's
 * own policy still wins), checked again. Used for SAGA_POLICY.
 */
export function withPolicyDefaults(definitions: readonly AnySagaDefinition[], defaults: PolicyDefaults): AnySagaDefinition[] {
  const over = (base: PhasePolicyOverride | undefined, top: PhasePolicyOverride | undefined): PhasePolicyOverride | undefined =>
    top ? { ...base, ...top, retry: { ...base?.retry, ...top.retry } } : base;
  return definitions.map((definition) => {
    const policy = over(definition.defaults?.policy, defaults.policy);
    const compensationPolicy = over(definition.defaults?.compensationPolicy, defaults.compensationPolicy);
    const deadlineMs = defaults.deadlineMs ?? definition.deadlineMs;
    return defineSaga({
      ...definition,
      defaults: { ...(policy ? { policy } : {}), ...(compensationPolicy ? { compensationPolicy } : {}) },
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    });
  });
}
