import type { DocumentCollection, DocumentFilter, DocumentUpdate, StoredDocument } from '../documents/document-collection.ts';
import { isDuplicateKeyError } from '../mongo.ts';

/**
 * Idempotency markers kept in the same document as the effect they guard, so that one
 * single-document update applies the effect and records it — no transaction needed, and a
 * crash can never leave an effect without its marker or a marker without its effect.
 *
 * A marker lives at `markers.<sagaId>:<step>` and moves through these states:
 *   (none) → done | refused        (the action ran, or a business rule said no)
 *   done → compensated             (the compensation undid it)
 *   (none) → compensated-early     (a compensation arrived first: a recorded no-op; a later action is refused)
 *
 * Keys are built from validated identifiers only (no "." or "$"), so they are safe in field paths.
 *
 * Markers accumulate, and a hot document (one warehouse, one account) that holds thousands of them
 * gets slow to update and would end at MongoDB's 16 MiB limit. So `prune` moves all but the newest
 * markers of a document into an archive collection (one small document per marker), and every
 * lookup consults the archive when the marker is no longer in the document. Moving is safe because
 * the caller serializes it with the actions on that document (see ParticipantDefinition.housekeeping).
 */
export type Marker<R, F> =
  | { state: 'done'; result: R; at: string }
  | { state: 'refused'; failure: F; at: string }
  | { state: 'compensated'; result: R; at: string }
  | { state: 'compensated-early'; at: string };

/** Any document that holds markers: ids are strings we choose (a SKU warehouse, a customer, a saga step). */
export type LedgerDocument = StoredDocument;

/** How many of its newest markers a hot document keeps when it is pruned. */
export const MARKERS_KEPT = 50;

/** One pruned marker: `_id` is `<documentId>|<key>`. */
export interface ArchivedMarker extends StoredDocument {
  documentId: string;
  key: string;
  marker: Marker<unknown, unknown>;
}

export type ActOutcome<R, F> =
  | { kind: 'done'; result: R; duplicate: boolean }
  | { kind: 'refused'; failure: F; duplicate: boolean }
  | { kind: 'already-compensated' };

export type CompensateOutcome = { kind: 'compensated' | 'nothing-to-compensate'; duplicate: boolean };

export interface ActSpec<R, F> {
  /** Extra conditions the document must meet for the effect to apply (e.g. enough stock). */
  guard?: DocumentFilter;
  /** The effect itself, without the marker. */
  effect: DocumentUpdate;
  result: R;
  /** Called when the guard did not match: says why, from the current document. */
  refusal(current: LedgerDocument | null): F;
  /** Create the document when it does not exist (documents that are their own marker). */
  upsert?: boolean;
}

export class Ledger {
  readonly #collection: DocumentCollection<LedgerDocument>;
  readonly #now: () => Date;
  readonly #archive: DocumentCollection<ArchivedMarker> | undefined;

  /** @param archive where `prune` moves old markers; without one, markers stay in their document. */
  constructor(collection: DocumentCollection<LedgerDocument>, now: () => Date = () => new Date(), archive?: DocumentCollection<ArchivedMarker>) {
    this.#collection = collection;
    this.#now = now;
    this.#archive = archive;
  }

  static key(sagaId: string, step: string): string {
    return `${sagaId}:${step}`;
  }

  /** Runs an action once per key; a repeat returns the recorded outcome. */
  async act<R, F>(documentId: string, key: string, spec: ActSpec<R, F>): Promise<ActOutcome<R, F>> {
    const archived = await this.#archivedUnlessInDocument<R, F>(documentId, key);
    if (archived) return fromMarker(archived);
    const path = `markers.${key}`;
    const marker: Marker<R, F> = { state: 'done', result: spec.result, at: this.#now().toISOString() };
    const setPart = spec.effect.$set ?? {};
    try {
      const res = await this.#collection.updateOne(
        { _id: documentId, [path]: { $exists: false }, ...spec.guard },
        { ...spec.effect, $set: { ...setPart, [path]: marker } },
        { upsert: spec.upsert ?? false },
      );
      if (res.matchedCount > 0 || res.upsertedCount > 0) return { kind: 'done', result: spec.result, duplicate: false };
    } catch (error) {
      // An upsert that found the document already there (with a marker): read what was recorded.
      if (!isDuplicateKeyError(error)) throw error;
    }
    const current = await this.#collection.findOne({ _id: documentId });
    const recorded = readMarker<R, F>(current, key);
    if (recorded) return fromMarker(recorded);
    return this.#refuse(documentId, key, spec.refusal(current), spec.upsert ?? false);
  }

  /** Records a business refusal decided before touching the document (e.g. an unserved destination). */
  async refuse<R, F>(documentId: string, key: string, failure: F, upsert = true): Promise<ActOutcome<R, F>> {
    const current = await this.#collection.findOne({ _id: documentId });
    const recorded = readMarker<R, F>(current, key) ?? (await this.#archived<R, F>(documentId, key));
    if (recorded) return fromMarker(recorded);
    return this.#refuse(documentId, key, failure, upsert);
  }

  async #refuse<R, F>(documentId: string, key: string, failure: F, upsert: boolean): Promise<ActOutcome<R, F>> {
    const path = `markers.${key}`;
    const marker: Marker<R, F> = { state: 'refused', failure, at: this.#now().toISOString() };
    await this.#setIfAbsent(documentId, path, marker, upsert);
    const again = readMarker<R, F>(await this.#collection.findOne({ _id: documentId }), key);
    if (!again) throw new Error(`marker ${key} missing after recording a refusal`);
    return again.state === 'refused' ? { kind: 'refused', failure: again.failure, duplicate: false } : fromMarker(again);
  }

  /**
   * Undoes the action recorded under `key`, once. `reverse` builds the undo from the recorded
   * result (e.g. how much stock to put back). No action recorded → a recorded no-op, and any
   * action arriving later is refused.
   */
  async compensate<R>(documentId: string, key: string, reverse: (result: R) => DocumentUpdate, upsert = false): Promise<CompensateOutcome> {
    const path = `markers.${key}`;
    const current = await this.#collection.findOne({ _id: documentId });
    const recorded = readMarker<R, unknown>(current, key);
    if (!recorded && (await this.#restore(documentId, key, upsert))) return this.compensate(documentId, key, reverse, upsert);
    if (recorded?.state === 'done') {
      const undo = reverse(recorded.result);
      const undoSet = undo.$set ?? {};
      const res = await this.#collection.updateOne({ _id: documentId, [`${path}.state`]: 'done' }, {
        ...undo,
        $set: { ...undoSet, [`${path}.state`]: 'compensated', [`${path}.at`]: this.#now().toISOString() },
      });
      if (res.matchedCount > 0) return { kind: 'compensated', duplicate: false };
      return this.compensate(documentId, key, reverse, upsert);
    }
    if (recorded?.state === 'compensated') return { kind: 'compensated', duplicate: true };
    if (recorded?.state === 'refused') return { kind: 'nothing-to-compensate', duplicate: false };
    if (recorded?.state === 'compensated-early') return { kind: 'nothing-to-compensate', duplicate: true };
    await this.#setIfAbsent(documentId, path, { state: 'compensated-early', at: this.#now().toISOString() }, upsert);
    return { kind: 'nothing-to-compensate', duplicate: false };
  }

  /**
   * Moves all but the `keep` newest markers of a document to the archive; returns how many moved.
   * The archive is written first, so at every moment a marker is in the document, the archive or both.
   */
  async prune(documentId: string, keep: number): Promise<number> {
    if (!this.#archive) return 0;
    const current = await this.#collection.findOne({ _id: documentId });
    const markers = Object.entries((current?.['markers'] ?? {}) as Record<string, Marker<unknown, unknown>>);
    const stale = markers.sort(([, a], [, b]) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(keep);
    if (stale.length === 0) return 0;
    // Plain inserts: an upsert-by-filter is a collection scan on FerretDB and would slow every
    // prune as the archive grows. A duplicate key means an earlier prune or a restore left a copy
    // that may be stale (e.g. still `done` while the document says `compensated`): overwrite it
    // with the document's current marker before unsetting, or a later compensation would restore
    // the stale copy and undo the effect twice.
    const byId = new Map(stale.map(([key, marker]) => [`${documentId}|${key}`, { _id: `${documentId}|${key}`, documentId, key, marker }]));
    try {
      await this.#archive.insertMany([...byId.values()], { ordered: false });
    } catch (error) {
      const duplicates = duplicateKeyIndexes(error);
      if (!duplicates) throw error;
      const documents = [...byId.values()];
      for (const index of duplicates) {
        const archived = documents[index]!;
        await this.#archive.replaceOne({ _id: archived._id }, archived);
      }
    }
    await this.#collection.updateOne({ _id: documentId }, {
      $unset: Object.fromEntries(stale.map(([key]) => [`markers.${key}`, ''])),
    });
    return stale.length;
  }

  /** The archived marker, unless the document holds one too (a restore in progress): the document wins. */
  async #archivedUnlessInDocument<R, F>(documentId: string, key: string): Promise<Marker<R, F> | undefined> {
    const archived = await this.#archived<R, F>(documentId, key);
    if (!archived) return undefined;
    const current = await this.#collection.findOne({ _id: documentId });
    return readMarker<R, F>(current, key) ?? archived;
  }

  async #archived<R, F>(documentId: string, key: string): Promise<Marker<R, F> | undefined> {
    const archived = await this.#archive?.findOne({ _id: `${documentId}|${key}` });
    return archived?.marker as Marker<R, F> | undefined;
  }

  /** Brings an archived marker back into its document, so the compensation can update both at once. */
  async #restore(documentId: string, key: string, upsert: boolean): Promise<boolean> {
    const archived = await this.#archived(documentId, key);
    if (!archived) return false;
    await this.#setIfAbsent(documentId, `markers.${key}`, archived, upsert);
    await this.#archive!.deleteOne({ _id: `${documentId}|${key}` });
    return true;
  }

  async #setIfAbsent(documentId: string, path: string, marker: unknown, upsert: boolean): Promise<void> {
    try {
      await this.#collection.updateOne(
        { _id: documentId, [path]: { $exists: false } },
        { $set: { [path]: marker } },
        { upsert },
      );
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

/** Indexes of the documents an unordered insertMany refused as duplicates; undefined for any other error. */
function duplicateKeyIndexes(error: unknown): number[] | undefined {
  const writeErrors = (error as { writeErrors?: Array<{ code?: number; index?: number }> | { code?: number; index?: number } }).writeErrors;
  const errors = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (errors.length === 0 || !errors.every((e) => e.code === 11000 && typeof e.index === 'number')) return undefined;
  return errors.map((e) => e.index!);
}

function readMarker<R, F>(document: StoredDocument | null, key: string): Marker<R, F> | undefined {
  const markers = document?.['markers'] as Record<string, Marker<R, F>> | undefined;
  return markers?.[key];
}

function fromMarker<R, F>(marker: Marker<R, F>): ActOutcome<R, F> {
  switch (marker.state) {
    case 'done':
      return { kind: 'done', result: marker.result, duplicate: true };
    case 'refused':
      return { kind: 'refused', failure: marker.failure, duplicate: true };
    case 'compensated':
    case 'compensated-early':
      return { kind: 'already-compensated' };
    default: {
      const never: never = marker;
      throw new Error(`unknown marker ${JSON.stringify(never)}`);
    }
  }
}
