import type { Envelope, Participant } from '@saga/contracts';

/**
 * The saga document: everything the engine knows about one saga, persisted as plain JSON (one
 * MongoDB document per saga, `_id` = sagaId). Times are ISO strings so that the state is the same
 * value in memory, in MongoDB and in a test.
 */
export type SagaStatus = 'running' | 'compensating' | 'completed' | 'compensated' | 'failed';
export const TERMINAL_STATUSES: readonly SagaStatus[] = ['completed', 'compensated', 'failed'];

export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'compensating' | 'compensated';

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
  /** messageId of the action command; replies name it as their causationId. */
  commandId?: string;
  /** messageId of the compensation command. */
  compensationId?: string;
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
  | 'reply-ignored';

export interface HistoryEntry {
  at: string;
  event: HistoryEvent;
  step?: string;
  messageId?: string;
  detail?: string;
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
  /** When the oldest outbox entry was added; null when the outbox is empty. Indexed: the relay scans it. */
  outboxSince: string | null;
  /** ids of replies already applied: a redelivered reply is recognised and ignored. */
  appliedMessageIds: string[];
  /** Append-only: what happened, in order. Feeds the timeline view. */
  history: HistoryEntry[];
  failure?: StepFailure & { step: string };
  /** Optimistic concurrency: each write expects the version it read and stores version + 1. */
  version: number;
  createdAt: string;
  updatedAt: string;
}
