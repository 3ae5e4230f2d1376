import type { Db } from 'mongodb';
import { ensureFloorCollection } from './floor-mongo.ts';
import { refused, type FloorHandlers } from './floor-handlers.ts';

/**
 * Notification (the pivot): refuses a suppressed recipient domain (or a subdomain of one) without
 * a write; records the confirmation as sent with one upsert keyed by saga, its own marker.
 */
export async function floorNotification(db: Db, suppressed: readonly string[]): Promise<FloorHandlers> {
  await ensureFloorCollection(db, 'notifications');
  const notifications = db.collection<{ _id: string }>('notifications');
  return {
    keyOf: (sagaId) => sagaId,
    handles: {
      async SendConfirmation(sagaId, { orderId, email, trackingNumber }) {
        const domain = String(email).slice(String(email).lastIndexOf('@') + 1).toLowerCase();
        if (suppressed.some((blocked) => domain === blocked || domain.endsWith(`.${blocked}`))) return refused('ConfirmationFailed', 'RECIPIENT_SUPPRESSED');
        await notifications.updateOne(
          { _id: sagaId },
          { $setOnInsert: { orderId, status: 'sent', channel: 'email', recipient: email, trackingNumber } },
          { upsert: true },
        );
        return { type: 'ConfirmationSent', payload: {} };
      },
    },
  };
}
