import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentCollection, DocumentDatabase } from '../src/documents/document-collection.ts';
import { Ledger, type ActSpec, type ArchivedMarker, type LedgerDocument, type Marker } from '../src/participant/ledger.ts';

/** A database for one run of the suite, and how to get rid of it. */
export interface LedgerContractDatabase {
  db: DocumentDatabase;
  drop(): Promise<void>;
}

interface Refusal {
  code: string;
  available: number;
}

const FIXED_NOW = new Date('2030-01-02T03:04:05.000Z');

/**
 * What the participants' idempotency ledger does, run over every document store it may sit on:
 * FerretDB/MongoDB (integration) and the in-memory twin (unit), so the twin cannot drift from the
 * real thing on the operations the ledger relies on (guarded updates, upserts, duplicate keys,
 * dotted paths, unordered inserts).
 */
export function ledgerContract(name: string, open: () => Promise<LedgerContractDatabase>): void {
  describe(`Ledger contract: ${name}`, () => {
    let database: LedgerContractDatabase;
    let documents: DocumentCollection<LedgerDocument>;
    let ledger: Ledger;
    let sequence = 0;
    let key: string;

    beforeAll(async () => {
      database = await open();
      documents = database.db.collection<LedgerDocument>('documents');
      ledger = new Ledger(documents, () => FIXED_NOW);
    });

    afterAll(async () => {
      await database?.drop();
    });

    beforeEach(async () => {
      // A fresh saga step per test, against one shared account document.
      sequence += 1;
      key = Ledger.key(`saga-${sequence}`, 'take-money');
      await documents.deleteOne({ _id: 'account' });
      await documents.insertOne({ _id: 'account', balance: 10, markers: {} });
    });

    /** Take `amount` from the account's balance, refused when the balance is too low. */
    function withdraw(amount: number): ActSpec<{ withdrawn: number }, Refusal> {
      return {
        guard: { balance: { $gte: amount } },
        effect: { $inc: { balance: -amount } },
        result: { withdrawn: amount },
        refusal: (current) => ({ code: 'TOO_LITTLE', available: Number(current?.['balance']) }),
      };
    }

    const giveBack = (result: { withdrawn: number }) => ({ $inc: { balance: result.withdrawn } });

    async function balance(): Promise<number> {
      const account = await documents.findOne({ _id: 'account' });
      return Number(account?.['balance']);
    }

    async function marker(documentId: string): Promise<unknown> {
      const document = await documents.findOne({ _id: documentId });
      return (document?.['markers'] as Record<string, unknown> | undefined)?.[key];
    }

    describe('Ledger.act', () => {
      it('applies the effect and records the result in the same document', async () => {
        const outcome = await ledger.act('account', key, withdraw(3));

        expect(outcome).toEqual({ kind: 'done', result: { withdrawn: 3 }, duplicate: false });
        expect(await balance()).toBe(7);
        expect(await marker('account')).toEqual({ state: 'done', result: { withdrawn: 3 }, at: FIXED_NOW.toISOString() });
      });

      it('returns the recorded result, marked duplicate, when the same key acts again, and applies nothing', async () => {
        await ledger.act('account', key, withdraw(3));

        const again = await ledger.act('account', key, withdraw(3));

        expect(again).toEqual({ kind: 'done', result: { withdrawn: 3 }, duplicate: true });
        expect(await balance()).toBe(7);
      });

      it('records a refusal, explained from the current document, when the guard does not match', async () => {
        const outcome = await ledger.act('account', key, withdraw(50));

        expect(outcome).toEqual({ kind: 'refused', failure: { code: 'TOO_LITTLE', available: 10 }, duplicate: false });
        expect(await balance()).toBe(10);
        expect(await marker('account')).toMatchObject({ state: 'refused' });
      });

      it('repeats a recorded refusal even after the guard would now pass', async () => {
        await ledger.act('account', key, withdraw(50));
        await documents.updateOne({ _id: 'account' }, { $set: { balance: 100 } });

        const again = await ledger.act('account', key, withdraw(50));

        expect(again).toEqual({ kind: 'refused', failure: { code: 'TOO_LITTLE', available: 10 }, duplicate: true });
        expect(await balance()).toBe(100);
      });

      it('keeps the actions of different keys apart on one document', async () => {
        await ledger.act('account', key, withdraw(3));
        await ledger.act('account', `${key}-other`, withdraw(4));

        expect(await balance()).toBe(3);
      });
    });

    describe('Ledger.compensate', () => {
      it('undoes a recorded action exactly once', async () => {
        await ledger.act('account', key, withdraw(3));

        const first = await ledger.compensate('account', key, giveBack);
        const second = await ledger.compensate('account', key, giveBack);

        expect(first).toEqual({ kind: 'compensated', duplicate: false });
        expect(second).toEqual({ kind: 'compensated', duplicate: true });
        expect(await balance()).toBe(10);
        expect(await marker('account')).toMatchObject({ state: 'compensated', result: { withdrawn: 3 } });
      });

      it('refuses an action repeated after its compensation', async () => {
        await ledger.act('account', key, withdraw(3));
        await ledger.compensate('account', key, giveBack);

        expect(await ledger.act('account', key, withdraw(3))).toEqual({ kind: 'already-compensated' });
        expect(await balance()).toBe(10);
      });

      it('has nothing to compensate after a refusal', async () => {
        await ledger.act('account', key, withdraw(50));

        expect(await ledger.compensate('account', key, giveBack)).toEqual({ kind: 'nothing-to-compensate', duplicate: false });
        expect(await balance()).toBe(10);
      });

      it('records a no-op when the compensation arrives before the action, and refuses the late action', async () => {
        const early = await ledger.compensate('account', key, giveBack);
        const repeated = await ledger.compensate('account', key, giveBack);
        const late = await ledger.act('account', key, withdraw(3));

        expect(early).toEqual({ kind: 'nothing-to-compensate', duplicate: false });
        expect(repeated).toEqual({ kind: 'nothing-to-compensate', duplicate: true });
        expect(late).toEqual({ kind: 'already-compensated' });
        expect(await balance()).toBe(10);
        expect(await marker('account')).toEqual({ state: 'compensated-early', at: FIXED_NOW.toISOString() });
      });
    });

    describe('Ledger in upsert mode (a document that is its own marker)', () => {
      const book = (id: string): ActSpec<{ id: string }, Refusal> => ({
        effect: { $set: { status: 'booked' } },
        result: { id },
        refusal: () => ({ code: 'UNEXPECTED', available: 0 }),
        upsert: true,
      });
      const cancel = () => ({ $set: { status: 'cancelled' } });

      it('creates the document with its effect and marker, and a repeat returns the recorded result', async () => {
        const first = await ledger.act(key, key, book(key));
        const again = await ledger.act(key, key, book(key));

        expect(first).toEqual({ kind: 'done', result: { id: key }, duplicate: false });
        expect(again).toEqual({ kind: 'done', result: { id: key }, duplicate: true });
        expect(await documents.findOne({ _id: key })).toMatchObject({ _id: key, status: 'booked', markers: { [key]: { state: 'done' } } });
      });

      it('records a refusal decided up front in a new document, and repeats it', async () => {
        const first = await ledger.refuse(key, key, { code: 'NOT_SERVED', available: 0 });
        const again = await ledger.refuse(key, key, { code: 'SOMETHING_ELSE', available: 0 });
        const action = await ledger.act(key, key, book(key));

        expect(first).toEqual({ kind: 'refused', failure: { code: 'NOT_SERVED', available: 0 }, duplicate: false });
        expect(again).toEqual({ kind: 'refused', failure: { code: 'NOT_SERVED', available: 0 }, duplicate: true });
        expect(action).toEqual({ kind: 'refused', failure: { code: 'NOT_SERVED', available: 0 }, duplicate: true });
        expect(await documents.findOne({ _id: key })).not.toHaveProperty('status');
      });

      it('cancels a booked document once', async () => {
        await ledger.act(key, key, book(key));

        expect(await ledger.compensate(key, key, cancel, true)).toEqual({ kind: 'compensated', duplicate: false });
        expect(await ledger.compensate(key, key, cancel, true)).toEqual({ kind: 'compensated', duplicate: true });
        expect(await documents.findOne({ _id: key })).toMatchObject({ status: 'cancelled' });
      });

      it('records an early compensation in a new document, so the late action is refused', async () => {
        expect(await ledger.compensate(key, key, cancel, true)).toEqual({ kind: 'nothing-to-compensate', duplicate: false });

        expect(await ledger.act(key, key, book(key))).toEqual({ kind: 'already-compensated' });
        expect(await documents.findOne({ _id: key })).not.toHaveProperty('status');
      });
    });

    describe('Ledger pruning: old markers move to an archive and still count', () => {
      let archived: Ledger;
      let archive: DocumentCollection<ArchivedMarker>;
      let clock = 0;

      beforeAll(() => {
        archive = database.db.collection<ArchivedMarker>('archive');
        // A clock that ticks, so markers have an order to prune by.
        archived = new Ledger(documents, () => new Date(Date.UTC(2030, 0, 1) + ++clock * 1000), archive);
      });

      const markerKeys = async () => Object.keys(((await documents.findOne({ _id: 'account' }))?.['markers'] ?? {}) as object);

      it('keeps the newest markers in the document and archives the rest', async () => {
        const keys = ['p-1', 'p-2', 'p-3'].map((s) => Ledger.key(`${s}-${sequence}`, 'take-money'));
        for (const k of keys) await archived.act('account', k, withdraw(1));
        expect(await archived.prune('account', 1)).toBe(2);
        expect(await markerKeys()).toEqual([keys[2]]);
        const copies = await Promise.all(keys.map((k) => archive.findOne({ _id: `account|${k}` })));
        expect(copies.map((c) => c?.key)).toEqual([keys[0], keys[1], undefined]);
        expect(await archived.prune('account', 1)).toBe(0);
      });

      it('finishes a prune that was interrupted after archiving', async () => {
        await archived.act('account', key, withdraw(2));
        const marker = ((await documents.findOne({ _id: 'account' }))?.['markers'] as Record<string, Marker<unknown, unknown>>)[key]!;
        await archive.insertOne({ _id: `account|${key}`, documentId: 'account', key, marker });
        expect(await archived.prune('account', 0)).toBeGreaterThanOrEqual(1);
        expect(await markerKeys()).toEqual([]);
        expect(await archived.act('account', key, withdraw(2))).toEqual({ kind: 'done', result: { withdrawn: 2 }, duplicate: true });
      });

      it('never lets a stale archived copy undo an effect twice', async () => {
        await archived.act('account', key, withdraw(5));
        // A prune that archived the marker but died before unsetting it: the copy says `done`.
        const marker = ((await documents.findOne({ _id: 'account' }))?.['markers'] as Record<string, Marker<unknown, unknown>>)[key]!;
        await archive.insertOne({ _id: `account|${key}`, documentId: 'account', key, marker });
        expect(await archived.compensate('account', key, giveBack)).toEqual({ kind: 'compensated', duplicate: false });
        await archived.prune('account', 0);
        expect(await archived.compensate('account', key, giveBack)).toEqual({ kind: 'compensated', duplicate: true });
        expect(await balance()).toBe(10);
        expect(await archived.act('account', key, withdraw(5))).toEqual({ kind: 'already-compensated' });
      });

      it('answers a repeated action from the archive without applying it again', async () => {
        await archived.act('account', key, withdraw(3));
        await archived.prune('account', 0);
        expect(await archived.act('account', key, withdraw(3))).toEqual({ kind: 'done', result: { withdrawn: 3 }, duplicate: true });
        expect(await balance()).toBe(7);
      });

      it('compensates an archived action exactly once', async () => {
        await archived.act('account', key, withdraw(4));
        await archived.prune('account', 0);
        expect(await archived.compensate('account', key, giveBack)).toEqual({ kind: 'compensated', duplicate: false });
        expect(await archived.compensate('account', key, giveBack)).toEqual({ kind: 'compensated', duplicate: true });
        expect(await balance()).toBe(10);
        expect(await archived.act('account', key, withdraw(4))).toEqual({ kind: 'already-compensated' });
      });

      it('refuses an action whose early compensation was archived', async () => {
        await archived.compensate('account', key, giveBack);
        await archived.prune('account', 0);
        expect(await archived.act('account', key, withdraw(1))).toEqual({ kind: 'already-compensated' });
        expect(await balance()).toBe(10);
      });
    });
  });
}
