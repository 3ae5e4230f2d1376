// Needs running: FerretDB (or MongoDB) at MONGO_URL (default mongodb://127.0.0.1:27017).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderSystem, type OrderSystem } from '@order-fulfilment/contracts';
import { Ledger, type DocumentCollection, type LedgerDocument, type ParticipantDefinition } from '@saga/runtime';
import { handlerContext, openParticipantDatabase, type ParticipantDatabase } from '@saga/runtime/testing';
import { createNotificationParticipant } from './participant.ts';

const STEP = 'send-confirmation';
let spec: ParticipantDatabase;
let notifications: DocumentCollection<LedgerDocument>;
let notification: ParticipantDefinition<OrderSystem, 'notification'>;

beforeAll(async () => {
  spec = await openParticipantDatabase('notification');
  notifications = spec.db.collection<LedgerDocument>('notifications');
  notification = createNotificationParticipant(spec.db, { suppressedDomains: ['blocked.example'] });
});

afterAll(() => spec?.drop());

/** Every test uses its own saga, so notification documents never collide. */
const newSaga = () => `saga-${randomUUID()}`;

const send = (sagaId: string, email = 'ada@example.com') =>
  notification.handles.SendConfirmation(
    handlerContext(orderSystem, 'SendConfirmation', sagaId, STEP, { orderId: `order-${sagaId}`, email, trackingNumber: 'TRK-0001' }),
  );

const document = (sagaId: string) => notifications.findOne({ _id: Ledger.key(sagaId, STEP) });

describe('SendConfirmation', () => {
  it('records the confirmation as sent by email', async () => {
    const saga = newSaga();

    const reply = await send(saga);

    expect(reply).toEqual({ type: 'ConfirmationSent', payload: { notificationId: Ledger.key(saga, STEP) } });
    expect(await document(saga)).toMatchObject({
      orderId: `order-${saga}`,
      status: 'sent',
      channel: 'email',
      recipient: 'ada@example.com',
      trackingNumber: 'TRK-0001',
    });
  });

  it('refuses a suppressed recipient with RECIPIENT_SUPPRESSED and sends nothing', async () => {
    const saga = newSaga();

    const reply = await send(saga, 'ada@blocked.example');

    expect(reply).toEqual({
      type: 'ConfirmationFailed',
      payload: { code: 'RECIPIENT_SUPPRESSED', reason: 'the recipient is on the suppression list', retryable: false },
    });
    expect(await document(saga)).not.toHaveProperty('status');
  });

  it('answers a repeated command with the recorded confirmation and keeps one document', async () => {
    const saga = newSaga();
    const first = await send(saga);

    expect(await send(saga)).toEqual(first);
    // _id is unique: one document at most, and it must be there.
    expect(await notifications.findOne({ _id: Ledger.key(saga, STEP) })).not.toBeNull();
  });

  it('repeats a recorded refusal, whatever the repeat says', async () => {
    const saga = newSaga();
    const first = await send(saga, 'ada@blocked.example');

    expect(await send(saga, 'ada@example.com')).toEqual(first);
    expect(await document(saga)).not.toHaveProperty('recipient');
  });
});
