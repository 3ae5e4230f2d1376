import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { defineMessage, messages, ReleaseInventory } from '@saga/contracts';
import { describe, expect, it } from 'vitest';
import { currentSnapshot, gateViolations, SNAPSHOT_PATH, type SchemaSnapshot } from './snapshot.ts';

const published = JSON.parse(readFileSync(SNAPSHOT_PATH, 'utf8')) as SchemaSnapshot;

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

describe('the breaking-change gate', () => {
  it('finds no breaking change since the published schemas that a version raise does not cover (see asyncapi/published/schemas.json)', () => {
    const violations = gateViolations(published, currentSnapshot());
    expect(violations.map((v) => `${v.what} (v${v.publishedVersion}): ${v.breaks.map((b) => `${b.kind} ${b.path}`).join(', ')}`)).toEqual([]);
  });

  it('refuses a new required field in a message whose version stayed the same', () => {
    const violations = gateViolations(currentSnapshot([messages.ReleaseInventory], []), currentSnapshot([releaseInventoryWithReason(1)], []));
    expect(violations).toHaveLength(1);
    expect(violations[0]!.breaks.map((b) => `${b.kind} ${b.path}`)).toEqual(['newly-required payload.reason']);
  });

  it('lets the same change through once the message version is raised', () => {
    expect(gateViolations(currentSnapshot([messages.ReleaseInventory], []), currentSnapshot([releaseInventoryWithReason(2)], []))).toEqual([]);
  });

  it('refuses a message that disappeared, and a version that went backwards', () => {
    const before = currentSnapshot([messages.ReleaseInventory], []);
    expect(gateViolations(before, currentSnapshot([], []))[0]?.breaks[0]?.detail).toBe('message removed');
    const raised = currentSnapshot([releaseInventoryWithReason(2)], []);
    expect(gateViolations(raised, before)[0]?.breaks[0]?.detail).toBe('version went backwards');
  });

  it('guards saga inputs too: StartSaga.input is validated against them', () => {
    expect(Object.keys(published.sagaInputs)).toContain('order-fulfilment');
    expect(published.messages.StartSaga?.version).toBe(messages.StartSaga.version);
  });
});
