import type { AnySystem } from '@saga/contracts';
import { COMPENSATION_STRATEGIES, stepsOf, type AnySagaDefinition, type AnyStepDefinition, type SagaDefinition, type SagaDefinitionSpec } from './definition.ts';
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
  const steps = stepsOf(definition);
  if (steps.length === 0) problems.push('a saga needs at least one step');
  if (definition.example !== undefined && !definition.input.safeParse(definition.example).success) problems.push('example does not satisfy the input schema');
  const names = new Set<string>();
  steps.forEach((step, index) => {
    const at = `step ${index + 1} (${step.name})`;
    if (!KEBAB.test(step.name)) problems.push(`${at}: name must be kebab-case`);
    if (names.has(step.name)) problems.push(`${at}: duplicate step name`);
    names.add(step.name);
    if (!definition.system.participants.includes(step.participant)) problems.push(`${at}: ${step.participant} is not a participant of ${definition.system.name}`);
    problems.push(...commandProblems(definition.system, at, 'action', step, step.action.command, 'succeeded'));
    if (step.kind === 'compensatable') {
      if (!step.compensation) problems.push(`${at}: a compensatable step needs a compensation command`);
      else problems.push(...commandProblems(definition.system, at, 'compensation', step, step.compensation.command, 'compensated'));
    } else if (step.compensation) {
      problems.push(`${at}: a ${step.kind} step has no compensation; make it compensatable or drop the compensation`);
    }
  });
  problems.push(...orderProblems(steps));
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
  stepsOf(definition).forEach((step, index) => {
    const at = `step ${index + 1} (${step.name})`;
    problems.push(...policyProblems(`${at} policy`, mergePolicy(DEFAULT_ACTION_POLICY, definition.defaults?.policy, step.policy)));
    if (step.compensation) {
      problems.push(...policyProblems(`${at} compensationPolicy`, mergePolicy(DEFAULT_COMPENSATION_POLICY, definition.defaults?.compensationPolicy, step.compensationPolicy)));
    }
  });
  return problems;
}

function commandProblems(
  system: AnySystem,
  at: string,
  role: 'action' | 'compensation',
  step: AnyStepDefinition,
  command: string,
  outcome: 'succeeded' | 'compensated',
): string[] {
  const contract = system.message(command);
  if (!contract) return [`${at}: ${role} ${command} is not a message of ${system.name}`];
  const problems: string[] = [];
  if (contract.kind !== 'command') problems.push(`${at}: ${role} ${command} is not a command`);
  if (contract.to !== step.participant) problems.push(`${at}: ${command} is handled by ${contract.to}, not ${step.participant}`);
  if (!system.repliesTo(command).some((r) => r.outcome === outcome)) problems.push(`${at}: ${command} has no "${outcome}" reply`);
  return problems;
}

/** compensatable*, then at most one pivot, then retriable*. */
function orderProblems(steps: readonly AnyStepDefinition[]): string[] {
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
/**
 * A saga over a team's system, checked now: a bad definition stops the orchestrator from starting,
 * listing every problem (ERR_INVALID_DEFINITION). Typed by the system: a step names one of its
 * participants and only that participant's commands, and each builder must return its command's
 * payload.
 *
 * @example
 *   export const checkout = defineSaga(shop, { name: 'checkout', version: 1, description: '…', input: CheckoutInput,
 *     steps: [{ name: 'reserve', participant: 'stock', kind: 'compensatable',
 *       action: { command: 'Reserve', build: ({ input }) => ({ sku: input.sku, quantity: 1 }) },
 *       compensation: { command: 'Release', build: ({ input }) => ({ sku: input.sku }) } }] });
 */
export function defineSaga<S extends AnySystem, I>(system: S, spec: SagaDefinitionSpec<S, I>): SagaDefinition<S, I> {
  return checked({ ...spec, system });
}

function checked<D extends AnySagaDefinition>(definition: D): D {
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
    return checked({
      ...definition,
      defaults: { ...(policy ? { policy } : {}), ...(compensationPolicy ? { compensationPolicy } : {}) },
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    });
  });
}
