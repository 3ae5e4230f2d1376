import type { Envelope } from '@saga/contracts';

/**
 * The saga document: everything the engine knows about one saga, persisted as plain JSON (one
 * MongoDB document per saga, `_id` = sagaId). Times are ISO strings so that the state is the same
 * value in memory, in MongoDB and in a test.
 *
 * Every list in it has a bound (STYLE: "data that only grows is a bug with a date"): the history
 * keeps its newest entries here and the rest in the history collection, a phase remembers only its
 * newest attempts, operator actions only the newest ids, and the outbox only live commands.
 */
export const SAGA_SCHEMA = 2;

/**
 * - `parked`: waiting for an operator; `parked` says why and in which phase. Not terminal.
 * - `resolved`: an operator marked the saga done by hand. Terminal.
 */
export type SagaStatus = 'running' | 'compensating' | 'parked' | 'completed' | 'compensated' | 'failed' | 'resolved';
export const SAGA_STATUSES: readonly SagaStatus[] = ['running', 'compensating', 'parked', 'completed', 'compensated', 'failed', 'resolved'];
export const TERMINAL_STATUSES: readonly SagaStatus[] = ['completed', 'compensated', 'failed', 'resolved'];
export const ACTIVE_STATUSES: readonly SagaStatus[] = ['running', 'compensating'];

export function isTerminal(status: SagaStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/**
 * - `skipped`: an operator skipped the action; the saga went on without it.
 * - `compensation-skipped`: an operator skipped the compensation (e.g. undone by hand).
 * - `compensation-failed`: its compensation could not be done and the saga went on compensating the
 *   others (parallel and best-effort strategies); it parks listing these once nothing else is left.
 */
export type StepStatus =
  | 'pending'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'skipped'
  | 'compensating'
  | 'compensated'
  | 'compensation-skipped'
  | 'compensation-failed';

/** A step does its action forward and, when undone, its compensation backward. */
export type Phase = 'action' | 'compensation';

/** The retry budget of one phase of one step; an operator retry after parking starts a new one. */
export interface RetryBudget {
  used: number;
  startedAt: string;
}

/** Why something failed: a code (the participant's own, or one of ours) and a reason without personal data. */
export interface StepFailure {
  code: string;
  reason: string;
}

/** How many of a phase's newest attempt ids are kept: replies to older attempts are recorded and ignored. */
export const RECENT_ATTEMPTS = 8;

/** The attempts of one phase (action or compensation) of one step. */
export interface PhaseState {
  /** Attempts sent in all, ever (re-sends of the same message do not count). */
  attempt: number;
  /** Message ids of the newest attempts, oldest first, at most RECENT_ATTEMPTS: replies name one as causationId. */
  commandIds: string[];
  budget: RetryBudget;
  /** The newest attempt: when it was sent, when it must have started at its participant, when we give up on it. */
  sentAt?: string;
  expiresAt?: string;
  timeoutAt?: string;
  /** When the next attempt is sent, while the phase waits to retry. */
  retryAt?: string;
  lastError?: StepFailure;
  /** Id of the last reply applied to this phase: a redelivery of it is a duplicate (reply ids derive from command ids). */
  lastReplyId?: string;
}

export interface StepState {
  status: StepStatus;
  /** Present once the action has been attempted. */
  action?: PhaseState;
  /** Present once the compensation has been attempted. */
  compensation?: PhaseState;
  /**
   * True once an attempt ended without a definitive answer (a timeout, a transient or defective
   * failure): the action may have run, so a failed compensatable step is compensated too
   * (compensations cope with "never ran").
   */
  mayHaveRun?: boolean;
  result?: unknown;
  failure?: StepFailure;
  /** Why its compensation could not be done, when it is `compensation-failed`. */
  compensationFailure?: StepFailure & { why: ParkReason };
  startedAt?: string;
  finishedAt?: string;
  compensatedAt?: string;
}

/** A command decided but not yet known to be confirmed by the broker; re-sent with the same messageId until it is. */
export interface OutboxEntry {
  to: string;
  step: string;
  phase: Phase;
  envelope: Envelope;
}

export type HistoryEvent =
  | 'saga-started'
  | 'step-started'
  | 'step-succeeded'
  | 'step-failed'
  | 'compensation-started'
  | 'step-compensated'
  | 'saga-completed'
  | 'saga-compensated'
  | 'saga-failed'
  | 'reply-ignored'
  | 'step-retry-scheduled'
  | 'step-timed-out'
  | 'command-expired'
  | 'compensation-failed'
  | 'deadline-passed'
  | 'saga-parked'
  | 'step-skipped'
  | 'operator-action'
  | 'operator-action-rejected'
  | 'saga-resolved';

export interface HistoryEntry {
  /** Position in the saga's whole history, from 0; entries moved to the history collection keep theirs. */
  seq: number;
  at: string;
  event: HistoryEvent;
  step?: string;
  phase?: Phase;
  attempt?: number;
  messageId?: string;
  /** A failure's code, the participant's own when it sent one. */
  code?: string;
  detail?: string;
  /** Operator actions: who asked, and the action's id. */
  actor?: string;
  actionId?: string;
}

/**
 * Why a saga waits for an operator. Every way of parking has a reason code, and operator actions
 * resume the phase recorded here — never one guessed from a step's status.
 */
export type ParkReason =
  | 'compensation-exhausted'
  | 'compensation-failed'
  | 'compensation-unbuildable'
  | 'pivot-outcome-unknown'
  | 'forward-step-failed'
  | 'command-unpublishable'
  | 'definition-missing'
  | 'too-large'
  | 'engine-error';

export const PARK_REASONS: readonly ParkReason[] = [
  'compensation-exhausted',
  'compensation-failed',
  'compensation-unbuildable',
  'pivot-outcome-unknown',
  'forward-step-failed',
  'command-unpublishable',
  'definition-missing',
  'too-large',
  'engine-error',
];

export interface ParkedInfo {
  reason: ParkReason;
  /** One line for a person: what happened, with the participant's code when there is one. */
  detail: string;
  /** The step and phase the saga stands at; undefined when it parked outside any step (definition missing). */
  step?: string;
  phase?: Phase;
  lastError?: StepFailure;
  /** Parallel and best-effort compensation: every step whose compensation could not be done. */
  failedSteps?: string[];
  at: string;
}

/** How many operator action ids a saga remembers, so that a redelivered action is applied once. */
export const RECENT_ACTIONS = 20;

export interface SagaState {
  schema: typeof SAGA_SCHEMA;
  sagaId: string;
  sagaType: string;
  /** The definition version the saga started with; it runs that version to its end. */
  definitionVersion: number;
  status: SagaStatus;
  input: unknown;
  idempotencyKey?: string;
  /** messageId of the StartSaga that created it. */
  startedBy: string;
  /** Step state by step name, in the definition's order. */
  steps: Record<string, StepState>;
  outbox: OutboxEntry[];
  /** When the oldest outbox entry was added; null when the outbox is empty. Indexed: the sweeper scans it. */
  outboxSince: string | null;
  /** The newest history entries; older ones are in the history collection (see historyCount). */
  history: HistoryEntry[];
  /** Entries ever written: the next entry's seq. */
  historyCount: number;
  recentActionIds: string[];
  failure?: StepFailure & { step: string };
  parked?: ParkedInfo;
  /** When the saga must have passed its pivot (definition.deadlineMs after start). */
  deadlineAt?: string;
  /** The earliest due timer; null when none. Indexed: the sweeper finds due sagas by it. */
  wakeAt: string | null;
  /** Optimistic concurrency: each write expects the version it read and stores version + 1. */
  version: number;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
}

/** The steps in the saga's order, with their names. */
export function stepEntries(state: SagaState): [string, StepState][] {
  return Object.entries(state.steps);
}
