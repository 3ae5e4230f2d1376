import { orderSystem } from '@order-fulfilment/contracts';
import { loadConfig, participantMain } from '@saga/runtime';
import { NotificationConfig } from './config.ts';
import { createNotificationParticipant } from './participant.ts';

// Parsed before connecting, so a bad NOTIFICATION_SUPPRESSED_DOMAINS stops the process before it touches anything.
const config = loadConfig(NotificationConfig);

await participantMain({
  system: orderSystem,
  name: 'notification',
  collections: ['notifications'],
  create: async (db) => createNotificationParticipant(db, { suppressedDomains: config.NOTIFICATION_SUPPRESSED_DOMAINS }),
});
