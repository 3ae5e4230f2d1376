import type { Envelope, Participant } from '@saga/contracts';

/**
 * The saga document: everything the engine knows about one saga, persisted as plain JSON (one
 * MongoDB document per saga, `_id` = sagaId). Times are ISO strings so that the state is the same
 * value in memory, in MongoDB and in a test.
 */
/**
 * - `parked`: waiting for an operator (a compensation out of retries, a pivot whose outcome is
 *   unknown, a forward-only step that keeps failing); `parked` says why. Not terminal.
 * - `resolved`: an operator marked the saga done by hand. Terminal.
 */
export type SagaStatus = 'running' | 'compensating' | 'parked' | 'completed' | 'compensated' | 'failed' | 'resolved';
export const SAGA_STATUSES: readonly SagaStatus[] = ['running', 'compensating', 'parked', 'completed', 'compensated', 'failed', 'resolved'];
export const TERMINAL_STATUSES: readonly SagaStatus[] = ['completed', 'compensated', 'failed', 'resolved'];

/**
 * - `skipped`: an operator skipped the action; the saga went on without it.
 * - `compensation-skipped`: an operator skipped the compensation (e.g. undone by hand).
 */
export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'compensating' | 'compensated' | 'compensation-skipped';

/** The retry budget of the phase a step is in; a new phase or an operator retry starts a new one. */
export interface RetryBudget {
  used: number;
  startedAt: string;
}

export interface StepFailure {
  code: string;
  reason: string;
}

export interface StepState {
  name: string;
  participant: Participant;
  status: StepStatus;
  /** How many times the action command was sent (re-sends of the same message do not count). */
  attempt: number;
  /** messageId of the latest action command; replies name it as their causationId. */
  commandId?: string;
  /** messageIds of every action attempt, so that a reply to an earlier attempt is still recognised. */
  commandIds?: string[];
  /** messageId of the latest compensation command. */
  compensationId?: string;
  compensationIds?: string[];
  compensationAttempt?: number;
  /** The budget of the current phase (action while running, compensation while compensating). */
  budget?: RetryBudget;
  /** When the attempt in flight times out. Set while a command waits for its reply. */
  timeoutAt?: string;
  /** When the next attempt is sent. Set while the step waits to be retried. */
  retryAt?: string;
  /** The last transient failure or timeout. */
  lastError?: StepFailure;
  /**
   * True once an attempt ended without a definitive answer (a timeout): the action may have run,
   * so a failed compensatable step is compensated too (compensations cope with "never ran").
   */
  mayHaveRun?: boolean;
  result?: unknown;
  failure?: StepFailure;
  startedAt?: string;
  finishedAt?: string;
  compensatedAt?: string;
}

/** A command decided but not yet confirmed by the broker. Re-sent with the same messageId until it is. */
export interface OutboxEntry {
  to: Participant;
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
  | 'compensation-failed'
  | 'deadline-passed'
  | 'saga-parked'
  | 'step-skipped'
  | 'operator-action'
  | 'operator-action-rejected'
  | 'saga-resolved';

export interface HistoryEntry {
  at: string;
  event: HistoryEvent;
  step?: string;
  messageId?: string;
  detail?: string;
  /** Operator actions: who asked, and the action's id. */
  actor?: string;
  actionId?: string;
}

/** Why a saga waits for an operator, and what it was doing. */
export interface ParkedInfo {
  reason: string;
  step: string;
  phase: 'action' | 'compensation';
  lastError?: StepFailure;
  at: string;
}

export interface SagaState {
  sagaId: string;
  sagaType: string;
  definitionVersion: number;
  status: SagaStatus;
  input: unknown;
  idempotencyKey?: string;
  /** messageId of the StartSaga that created it. */
  startedBy: string;
  steps: StepState[];
  outbox: OutboxEntry[];
  /** When the oldest outbox entry was added; null when the outbox is empty. Indexed: the sweeper scans it. */
  outboxSince: string | null;
  /** ids of replies already applied: a redelivered reply is recognised and ignored. */
  appliedMessageIds: string[];
  /** Append-only: what happened, in order. Feeds the timeline view. */
  history: HistoryEntry[];
  failure?: StepFailure & { step: string };
  /** Set while `parked`. */
  parked?: ParkedInfo;
  /** When the saga must have passed its pivot (definition.deadlineMs after start). */
  deadlineAt?: string;
  /**
   * The earliest due timer (a retry, an attempt's timeout, the deadline); null when none. Indexed:
   * the sweeper finds due sagas by it, so timers survive restarts.
   */
  wakeAt?: string | null;
  /** Optimistic concurrency: each write expects the version it read and stores version + 1. */
  version: number;
  createdAt: string;
  updatedAt: string;
}
