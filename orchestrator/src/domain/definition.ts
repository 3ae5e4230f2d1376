import type { z } from 'zod';
import type { AnySystem, CommandsOf, ParticipantOf, PayloadInputOf } from '@saga/contracts';
import type { PhasePolicyOverride } from './retry-policy.ts';

/**
 * Where a step stands in the saga (Garcia-Molina's terms, as in the saga-pattern primer):
 * - `compensatable`: can be undone by a compensation command; every step before the pivot is one.
 * - `pivot`: the go/no-go step; it has no compensation. If it fails, the steps before it are
 *   compensated; once it succeeds the saga can only go forward.
 * - `retriable`: after the pivot; has no compensation and must eventually succeed.
 */
export type StepKind = 'compensatable' | 'pivot' | 'retriable';

export type CompensationStrategy = 'sequential' | 'parallel' | 'best-effort';
export const COMPENSATION_STRATEGIES: readonly CompensationStrategy[] = ['sequential', 'parallel', 'best-effort'];

/** What a command builder sees: the validated saga input and the results of completed steps. */
export interface StepContext<I> {
  input: I;
  /** Reply payloads of succeeded steps, by step name. */
  results: Readonly<Record<string, unknown>>;
}

/** One command of participant P, typed so that `build` must return that command's payload. */
export type CommandSpec<S extends AnySystem, I, P extends string> = {
  [C in CommandsOf<S, P>]: { command: C; build(context: StepContext<I>): PayloadInputOf<S, C> };
}[CommandsOf<S, P>];

interface StepFields {
  /** Kebab-case, unique in the saga; step state is keyed by it, and participants key their idempotency markers on (sagaId, step). */
  name: string;
  kind: StepKind;
  description?: string;
  /** Retry budget and per-attempt timeout of the action; unset fields come from the saga's defaults. */
  policy?: PhasePolicyOverride;
  /** Retry budget and per-attempt timeout of the compensation. */
  compensationPolicy?: PhasePolicyOverride;
}

/** A step of a saga over system S: its participant, and only that participant's commands. */
export type StepDefinition<S extends AnySystem, I> = {
  [P in ParticipantOf<S>]: StepFields & {
    participant: P;
    action: CommandSpec<S, I, P>;
    /** Required for `compensatable` steps, forbidden for the others. */
    compensation?: CommandSpec<S, I, P>;
  };
}[ParticipantOf<S>];

/** A step as the engine sees it, whatever its system: names and builders, loosely typed. */
export interface AnyStepDefinition extends StepFields {
  participant: string;
  action: { command: string; build(context: StepContext<unknown>): unknown };
  compensation?: { command: string; build(context: StepContext<unknown>): unknown };
}

export interface SagaDefinitionSpec<S extends AnySystem, I> {
  /** Kebab-case; StartSaga.sagaType names it. */
  name: string;
  /**
   * A saga runs the version it started with to its end, so versions are deployed side by side:
   * ship a changed saga (a step added, removed or reordered) as a new version and keep the old one
   * deployed until none of its sagas is left running. Fixing a builder bug in place is fine; the
   * steps' names, kinds and commands of a deployed version must not change.
   */
  version: number;
  description: string;
  input: z.ZodType<I>;
  /** A valid input, for the docs (the AsyncAPI document's StartSaga example) and for trying it out. */
  example?: I;
  steps: readonly StepDefinition<S, I>[];
  /**
   * Time from start by which the saga must have passed its pivot. When it passes first, the step in
   * flight is abandoned and the saga compensates (a pivot in flight parks it: its outcome is unknown).
   * Once the pivot has succeeded the saga can only go forward, and the deadline no longer applies.
   */
  deadlineMs?: number;
  /**
   * How the completed steps are undone when the saga compensates:
   * - `sequential` (the default): in reverse order, one at a time; a compensation that cannot be
   *   done parks the saga there, with the steps before it still applied.
   * - `parallel`: every compensation at once, each with its own budget; when they have all ended,
   *   the saga is compensated, or parks listing the ones that could not be done.
   * - `best-effort`: in reverse order, going on past a compensation that cannot be done; at the end
   *   the saga parks listing what failed.
   */
  compensationStrategy?: CompensationStrategy;
  /** Policies for every step of this saga, overridden per step. */
  defaults?: { policy?: PhasePolicyOverride; compensationPolicy?: PhasePolicyOverride };
}

/** A checked saga definition of system S (see defineSaga). */
export interface SagaDefinition<S extends AnySystem = AnySystem, I = unknown> extends SagaDefinitionSpec<S, I> {
  /** The system whose participants run the steps: its contracts check, build and route the commands. */
  system: S;
}

/** Any definition, whatever its system and input type: what the engine stores in its registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySagaDefinition = SagaDefinition<any, any>;

/** The steps of any definition, as the engine sees them. */
export function stepsOf(definition: AnySagaDefinition): readonly AnyStepDefinition[] {
  return definition.steps as readonly AnyStepDefinition[];
}
