import type { Envelope } from '@saga/contracts';
import type { OutboxEntry, SagaState, SagaStatus } from '../domain/saga-state.ts';

export interface SagaSummary {
  sagaId: string;
  sagaType: string;
  status: SagaStatus;
  createdAt: string;
  updatedAt: string;
}

export interface SagaQuery {
  status?: SagaStatus;
  sagaType?: string;
  /** @default 50 */
  limit?: number;
}

/**
 * Where saga documents live. Every write is one single-document operation; `save` is the
 * version-guarded compare-and-set that fences concurrent writers.
 */
export interface SagaStore {
  /** Stores a new saga; 'exists' when a saga with that id is already there (idempotent start). */
  insert(state: SagaState): Promise<'inserted' | 'exists'>;
  load(sagaId: string): Promise<SagaState | undefined>;
  /** Replaces the saga if its stored version is `expectedVersion`, storing `expectedVersion + 1`. */
  save(state: SagaState, expectedVersion: number): Promise<'saved' | 'conflict'>;
  /** Sagas whose outbox has waited since before `olderThan` (ISO time), oldest first. */
  findPendingOutbox(olderThan: string, limit: number): Promise<{ sagaId: string; since: string }[]>;
  /** Sagas with a timer due at or before `now` (wakeAt ≤ now), earliest first. */
  findDue(now: string, limit: number): Promise<{ sagaId: string; wakeAt: string }[]>;
  list(query: SagaQuery): Promise<SagaSummary[]>;
}

/**
 * Delivers a message to its saga's partition queue (by correlationId), where the one instance
 * consuming that partition applies it. Resolves once the broker has confirmed it.
 */
export interface SagaInbox {
  deliver(envelope: Envelope): Promise<void>;
}

/** Sends one outbox entry and resolves when the broker has confirmed it. */
export interface CommandPublisher {
  publish(entry: OutboxEntry): Promise<void>;
}

export interface Clock {
  now(): Date;
}
