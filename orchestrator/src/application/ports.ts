import type { Envelope } from '@saga/contracts';
import type { HistoryEntry, OutboxEntry, ParkedInfo, SagaState, SagaStatus, StepFailure } from '../domain/saga-state.ts';

export interface SagaSummary {
  sagaId: string;
  sagaType: string;
  definitionVersion: number;
  status: SagaStatus;
  createdAt: string;
  updatedAt: string;
  /** Why and where a parked saga waits. */
  parked?: ParkedInfo;
  failure?: StepFailure & { step: string };
}

export interface SagaQuery {
  status?: SagaStatus;
  sagaType?: string;
  /** @default 50 */
  limit?: number;
}

/** How many non-terminal sagas run each deployed or once-deployed definition version. */
export interface ActiveDefinitionCount {
  sagaType: string;
  definitionVersion: number;
  count: number;
}

/**
 * Where saga documents live. Every write is one single-document operation; `save` is the
 * version-guarded compare-and-set that fences concurrent writers.
 */
export interface SagaStore {
  /** Stores a new saga; 'exists' when a saga with that id is already there (idempotent start). */
  insert(state: SagaState): Promise<'inserted' | 'exists'>;
  load(sagaId: string): Promise<SagaState | undefined>;
  /**
   * Stores `next` if the stored saga is still at `previous.version`, as version `previous.version + 1`.
   * `previous` is what the caller read: an adapter may write only the fields that differ.
   */
  save(next: SagaState, previous: SagaState): Promise<'saved' | 'conflict'>;
  /** Sagas whose outbox has waited since before `olderThan` (ISO time), oldest first. */
  findPendingOutbox(olderThan: string, limit: number): Promise<{ sagaId: string; since: string }[]>;
  /** Sagas with a timer due at or before `now` (wakeAt ≤ now), earliest first. */
  findDue(now: string, limit: number): Promise<{ sagaId: string; wakeAt: string }[]>;
  list(query: SagaQuery): Promise<SagaSummary[]>;
  /** Non-terminal sagas by (type, definition version): the start-up check of deployed versions. */
  countActive(): Promise<ActiveDefinitionCount[]>;
}

/**
 * The older part of each saga's history: the saga document keeps its newest entries, the engine
 * moves the rest here before it writes, so a saga that lives long stays small.
 */
export interface HistoryStore {
  /** Adds entries; an entry already there (same saga and seq) is left as it is, so a retried append is harmless. */
  append(sagaId: string, entries: readonly HistoryEntry[]): Promise<void>;
  /** The saga's moved entries, oldest first. */
  read(sagaId: string): Promise<HistoryEntry[]>;
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
