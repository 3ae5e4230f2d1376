import { describe, expect, it } from 'vitest';
import { partitionOf, type WireMessage } from '@saga/contracts';
import { wrongPartition } from './saga-consumers.ts';

const reply = (sagaId: string) => ({ type: 'StockReserved', correlationId: sagaId, messageId: 'm', payload: {} }) as unknown as WireMessage;
const start = (sagaId?: string, correlationId?: string) =>
  ({ type: 'StartSaga', messageId: 'm', ...(correlationId ? { correlationId } : {}), payload: { sagaType: 'x', input: {}, ...(sagaId ? { sagaId } : {}) } }) as unknown as WireMessage;

describe('which partition a message belongs to', () => {
  it("accepts a message on its saga's partition and refuses it on any other", () => {
    const k = partitionOf('saga-42', 4);
    expect(wrongPartition(reply('saga-42'), k, 4)).toBeUndefined();
    expect(wrongPartition(reply('saga-42'), (k + 1) % 4, 4)).toContain(`belongs to partition ${k} of 4`);
  });

  it('places a forwarded StartSaga by its saga id, and refuses one without any', () => {
    const k = partitionOf('saga-7', 4);
    expect(wrongPartition(start(undefined, 'saga-7'), k, 4)).toBeUndefined();
    expect(wrongPartition(start('saga-7', 'saga-7'), k, 4)).toBeUndefined();
    expect(wrongPartition(start(), k, 4)).toContain('needs its saga id');
  });
});
