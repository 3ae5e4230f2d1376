import { partitionOf, topology } from '@saga/contracts';
import { describe, expect, it } from 'vitest';
import { bookshop } from '../test/bookshop-system.ts';
import { EXAMPLE_SAGA_ID } from './examples.ts';
import { partitionParameter, partitionsSection } from './partitions.ts';

/** The partition function exactly as the document spells it out, over UTF-8 bytes and in BigInt: a second implementation. */
function documentedPartition(correlationId: string, count: number): number {
  let hash = 0x811c9dc5n;
  for (const b of new TextEncoder().encode(correlationId)) hash = ((hash ^ BigInt(b)) * 0x01000193n) % 2n ** 32n;
  return Number(hash % BigInt(count));
}

const shop = topology(bookshop, '{namespace}');

describe('the documented partition function', () => {
  it('gives the partition the runtime routes to, for saga ids of every allowed character', () => {
    for (const id of [EXAMPLE_SAGA_ID, 'order-1001', 'a', 'Z', '_-_', 'x'.repeat(100), 'AbC_123-xyz']) {
      for (const count of [1, 4, 7, 64]) expect(documentedPartition(id, count), `${id} mod ${count}`).toBe(partitionOf(id, count));
    }
  });

  it("states a test vector that the function reproduces: the examples' saga id", () => {
    const k = documentedPartition(EXAMPLE_SAGA_ID, shop.partitionCount);
    const hash = documentedPartition(EXAMPLE_SAGA_ID, 2 ** 32).toString(16).padStart(8, '0');
    const vector = `\`${EXAMPLE_SAGA_ID}\` hashes to \`0x${hash}\`, partition ${k}, routing key \`p${k}\``;
    expect(partitionsSection(shop)).toContain(vector);
    expect(String(partitionParameter(shop, '{namespace}.orchestrator.p{partition}', 'p{partition}').description)).toContain(vector);
  });

  it('offers as parameter values exactly the partitions of the topology', () => {
    expect(partitionParameter(topology(bookshop, 'x', { partitions: 3 }), 'q', 'k').enum).toEqual(['0', '1', '2']);
  });
});
