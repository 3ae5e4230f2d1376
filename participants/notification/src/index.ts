/**
 * @order-fulfilment/notification — the notification participant: records the order confirmation as sent,
 * unless the recipient's domain is suppressed. It is the saga's pivot, so it has no compensation.
 * Each notification is its own document, keyed by the saga step and holding its own idempotency
 * marker. Run it with `node src/main.ts`; import it only to build the participant in a test or
 * another composition root — never from another participant or the orchestrator.
 *
 * @example
 *   const notification = createNotificationParticipant(db, { suppressedDomains: ['blocked.example'] });
 *   await runParticipant(notification, { broker, logger, prefetch: 32, maxBytes: 262144 });
 */
export { createNotificationParticipant, type NotificationOptions } from './participant.ts';
export { NotificationConfig } from './config.ts';
export { suppressionOf } from './suppression.ts';
