import type { Db } from 'mongodb';
import { ensureFloorCollection } from './floor-mongo.ts';
import { refused, type FloorHandlers, type FloorReply } from './floor-handlers.ts';

interface Account {
  _id: string;
  available: number;
  charged: number;
  /** Idempotency markers, saga id → 'charged' | 'refunded'. */
  m: Record<string, string>;
}

/**
 * Payment: one account per customer, opened with the default limit by its first charge. A charge
 * is one guarded update — enough left of the limit, no marker yet — that moves the money and
 * writes the marker; only a refusal, a repeat or a new customer reads the account.
 */
export async function floorPayment(db: Db, limitCents: number): Promise<FloorHandlers> {
  await ensureFloorCollection(db, 'accounts');
  const accounts = db.collection<Account>('accounts');
  const charge = async (sagaId: string, customerId: string, cents: number, opened = false): Promise<FloorReply> => {
    const marker = `m.${sagaId}`;
    const charged = await accounts.updateOne(
      { _id: customerId, available: { $gte: cents }, [marker]: { $exists: false } },
      { $inc: { available: -cents, charged: cents }, $set: { [marker]: 'charged' } },
    );
    if (charged.modifiedCount === 1) return { type: 'PaymentProcessed', payload: {} };
    const account = await accounts.findOne({ _id: customerId });
    if (!account && !opened) {
      await accounts.insertOne({ _id: customerId, available: limitCents, charged: 0, m: {} }).catch((error: { code?: number }) => {
        if (error.code !== 11000) throw error;
      });
      return charge(sagaId, customerId, cents, true);
    }
    if (account?.m[sagaId] === 'charged') return { type: 'PaymentProcessed', payload: {} };
    return refused('PaymentDeclined', account?.m[sagaId] === 'refunded' ? 'ALREADY_COMPENSATED' : 'LIMIT_EXCEEDED');
  };
  return {
    keyOf: (_sagaId, payload) => `customer:${String(payload['customerId'])}`,
    handles: {
      ProcessPayment: (sagaId, { customerId, cents }) => charge(sagaId, String(customerId), Number(cents)),
      async RefundPayment(sagaId, { customerId, cents }) {
        const marker = `m.${sagaId}`;
        const refunded = await accounts.updateOne({ _id: String(customerId), [marker]: 'charged' }, { $inc: { available: Number(cents), charged: -Number(cents) }, $set: { [marker]: 'refunded' } });
        // Nothing was charged (yet): leave a marker so a late charge is refused.
        if (refunded.modifiedCount === 0) await accounts.updateOne({ _id: String(customerId), [marker]: { $exists: false } }, { $set: { [marker]: 'refunded' } });
        return { type: 'PaymentRefunded', payload: {} };
      },
    },
  };
}
