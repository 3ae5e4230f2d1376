import { z } from 'zod';
import { ReleaseInventory, orderSystem } from '@order-fulfilment/contracts';
import { currentSnapshot, gateViolations, readPublishedSnapshots } from '@saga/asyncapi';
import { defineMessage } from '@saga/contracts';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_DIR, sagas } from './order-document.ts';

const published = readPublishedSnapshots(PUBLISHED_DIR);
const { messages } = orderSystem;

/** ReleaseInventory as someone might change it: a new required field, at the version given. */
const releaseInventoryWithReason = (version: number) =>
  defineMessage({
    type: 'ReleaseInventory',
    version,
    description: 'Compensation of ReserveInventory, now with a reason.',
    payload: ReleaseInventory.extend({ reason: z.string() }),
    from: 'orchestrator',
    to: 'inventory',
    kind: 'command',
    example: { orderId: 'order-1001', reason: 'payment declined' },
  });

// The gate itself runs in asyncapi-checks.unit.spec.ts, against every file in published/.
describe("the breaking-change gate, on the order system's messages", () => {
  it('refuses a new required field in ReleaseInventory while its version stays 1, and lets it through at version 2', () => {
    const before = currentSnapshot([messages.ReleaseInventory], []);
    expect(gateViolations(before, currentSnapshot([releaseInventoryWithReason(1)], [])).flatMap((v) => v.breaks.map((b) => `${b.kind} ${b.path}`))).toEqual(['newly-required payload.reason']);
    expect(gateViolations(before, currentSnapshot([releaseInventoryWithReason(2)], []))).toEqual([]);
  });

  it('compares against 0.1.0, the first release, and 0.2.0, which guards the dispatch notice and both deployed saga versions', () => {
    expect(published.map((p) => p.file.replace(/^.*\//, ''))).toEqual(['0.1.0.json', '0.2.0.json']);
    expect(published[0]?.snapshot.messages['SendDispatchNotice']).toBeUndefined();
    expect(published[1]?.snapshot.messages['SendDispatchNotice']?.version).toBe(messages.SendDispatchNotice.version);
    expect(Object.keys(published[1]!.snapshot.sagaInputs)).toEqual(['order-fulfilment@1', 'order-fulfilment@2']);
  });

  it('reads the oldest snapshot, whose saga input is keyed by name alone, as the input of version 1', () => {
    expect(Object.keys(published[0]!.snapshot.sagaInputs)).toEqual(['order-fulfilment']);
    const v1Only = currentSnapshot(orderSystem.messageList, sagas.filter((s) => s.version === 1));
    expect(gateViolations(published[0]!.snapshot, v1Only)).toEqual([]);
  });
});
