import type { Collection, Db } from 'mongodb';
import type { HistoryStore } from '../../application/ports.ts';
import type { HistoryEntry } from '../../domain/saga-state.ts';

type HistoryDocument = HistoryEntry & { _id: string; sagaId: string };

/**
 * The older history of each saga, one document per entry, `_id` = `<sagaId>:<seq>`: appending is
 * a plain insert (a retried append hits duplicate keys and changes nothing), and reading a saga's
 * timeline is one query on the `sagaId_seq` index.
 */
export class MongoHistoryStore implements HistoryStore {
  readonly #entries: Collection<HistoryDocument>;

  constructor(db: Db) {
    this.#entries = db.collection<HistoryDocument>('saga_history');
  }

  async ensureIndexes(): Promise<void> {
    await this.#entries.createIndex({ sagaId: 1, seq: 1 }, { name: 'sagaId_seq' });
  }

  async append(sagaId: string, entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      await this.#entries.insertMany(entries.map((e) => ({ ...e, _id: `${sagaId}:${e.seq}`, sagaId })), { ordered: false });
    } catch (error) {
      if (!onlyDuplicates(error)) throw error;
    }
  }

  async read(sagaId: string): Promise<HistoryEntry[]> {
    const documents = await this.#entries.find({ sagaId }).sort({ seq: 1 }).toArray();
    return documents.map(({ _id: _id, sagaId: _saga, ...entry }) => entry);
  }
}

/** An unordered insertMany that failed only because some entries were already there. */
function onlyDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  const errors = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return errors.length > 0 && errors.every((e) => (e as { code?: number }).code === 11000);
}
