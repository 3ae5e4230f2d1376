import type { Collection, Db, Filter, UpdateFilter } from 'mongodb';
import { isDuplicateKeyError } from '@saga/runtime';
import type { ActiveDefinitionCount, SagaQuery, SagaStore, SagaSummary } from '../../application/ports.ts';
import { ACTIVE_STATUSES, type SagaState } from '../../domain/saga-state.ts';
import { summaryOf } from '../memory/memory-saga-store.ts';
import { sagaDelta } from './saga-delta.ts';

type SagaDocument = Omit<SagaState, 'sagaId'> & { _id: string };

const toDocument = ({ sagaId, ...rest }: SagaState): SagaDocument => ({ _id: sagaId, ...rest });
const fromDocument = ({ _id, ...rest }: SagaDocument): SagaState => ({ sagaId: _id, ...rest });

const SAGA_INDEXES = [
  { key: { status: 1, updatedAt: -1 }, name: 'status_updatedAt' },
  { key: { sagaType: 1, createdAt: -1 }, name: 'sagaType_createdAt' },
  { key: { createdAt: -1 }, name: 'createdAt' },
  { key: { outboxSince: 1 }, name: 'outboxSince' },
  { key: { wakeAt: 1 }, name: 'wakeAt' },
] as const;

/**
 * SagaStore over MongoDB: one document per saga, `_id` = sagaId. `save` is a version-guarded
 * replaceOne — a single-document write, so no transaction is needed. On FerretDB v1 that guard
 * is read-then-write and not atomic under concurrency; correctness rests on one writer per saga
 * (see README), the version check is the fence against a second, misbehaving writer.
 * Filters are built from validated scalars only (ids from the decoded envelope, enum statuses).
 */
export class MongoSagaStore implements SagaStore {
  readonly #sagas: Collection<SagaDocument>;

  constructor(db: Db) {
    this.#sagas = db.collection<SagaDocument>('sagas');
  }

  /**
   * Indexes for lookup by status, type and time, and for the sweeper's scans (waiting outboxes, due timers). One call per
   * index: FerretDB v1 drops the connection when one createIndexes names several indexes that all
   * exist already — which is every start after the first, so a restarted orchestrator could not
   * come up to recover its sagas.
   */
  async ensureIndexes(): Promise<void> {
    for (const index of SAGA_INDEXES) await this.#sagas.createIndex(index.key, { name: index.name });
  }

  async insert(state: SagaState): Promise<'inserted' | 'exists'> {
    try {
      await this.#sagas.insertOne(toDocument(state));
      return 'inserted';
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'exists';
      throw error;
    }
  }

  async load(sagaId: string): Promise<SagaState | undefined> {
    const document = await this.#sagas.findOne({ _id: sagaId });
    return document ? fromDocument(document) : undefined;
  }

  /**
   * One version-guarded update of the fields that changed (see sagaDelta). On MongoDB the filter is
   * an `_id` point lookup; the `version` condition makes it a compare-and-set.
   */
  async save(next: SagaState, previous: SagaState): Promise<'saved' | 'conflict'> {
    const update = sagaDelta(previous, next, previous.version + 1);
    const result = await this.#sagas.updateOne({ _id: next.sagaId, version: previous.version }, update as UpdateFilter<SagaDocument>);
    return result.matchedCount === 1 ? 'saved' : 'conflict';
  }

  async findPendingOutbox(olderThan: string, limit: number): Promise<{ sagaId: string; since: string }[]> {
    const documents = await this.#sagas
      .find({ outboxSince: { $ne: null, $lte: olderThan } }, { projection: { _id: 1, outboxSince: 1 } })
      .sort({ outboxSince: 1 })
      .limit(limit)
      .toArray();
    return documents.map((d) => ({ sagaId: d._id, since: d.outboxSince! }));
  }

  /** Times are ISO strings of one format (toISOString), so string order is time order. */
  async findDue(now: string, limit: number): Promise<{ sagaId: string; wakeAt: string }[]> {
    const documents = await this.#sagas
      .find({ wakeAt: { $type: 'string', $lte: now } }, { projection: { _id: 1, wakeAt: 1 } })
      .sort({ wakeAt: 1 })
      .limit(limit)
      .toArray();
    return documents.map((d) => ({ sagaId: d._id, wakeAt: d.wakeAt! }));
  }

  async list(query: SagaQuery): Promise<SagaSummary[]> {
    const filter: Filter<SagaDocument> = {};
    if (query.status) filter.status = query.status;
    if (query.sagaType) filter.sagaType = query.sagaType;
    const documents = await this.#sagas
      .find(filter, { projection: { _id: 1, sagaType: 1, definitionVersion: 1, status: 1, createdAt: 1, updatedAt: 1, parked: 1, failure: 1 } })
      .sort({ createdAt: -1 })
      .limit(query.limit ?? 50)
      .toArray();
    return documents.map((d) => summaryOf(fromDocument(d as SagaDocument)));
  }

  async countActive(): Promise<ActiveDefinitionCount[]> {
    const groups = await this.#sagas
      .aggregate<{ _id: { sagaType: string; definitionVersion: number }; count: number }>([
        { $match: { status: { $in: [...ACTIVE_STATUSES, 'parked'] } } },
        { $group: { _id: { sagaType: '$sagaType', definitionVersion: '$definitionVersion' }, count: { $sum: 1 } } },
      ])
      .toArray();
    return groups.map((g) => ({ sagaType: g._id.sagaType, definitionVersion: g._id.definitionVersion, count: g.count }));
  }
}
