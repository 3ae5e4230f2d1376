import { defineSystem } from '@saga/contracts';
import { accountsMessages } from './accounts-messages.ts';
import { permissionsMessages } from './permissions-messages.ts';
import { storageMessages } from './storage-messages.ts';

/**
 * The user-provisioning system, described once. Everything else — queues, broker users, decoding,
 * the AsyncAPI document, the typing of the saga and the participants — is derived from it. Adding a
 * participant is its folder under participants/ plus its name here.
 */
export const provisioningSystem = defineSystem({
  name: 'user-provisioning',
  title: 'User provisioning',
  description: 'Create the user account, allocate its storage and grant its permissions — undone in reverse when a step says no.',
  participants: ['accounts', 'storage', 'permissions'],
  participantDescriptions: {
    accounts: 'Participant: creates and deactivates user accounts; usernames are unique among active accounts.',
    storage: 'Participant: allocates buckets from a shared pool within a per-user quota, and releases them.',
    permissions: 'Participant: grants roles on resources; refuses roles it does not know.',
  },
  messages: { ...accountsMessages, ...storageMessages, ...permissionsMessages },
});

export type ProvisioningSystem = typeof provisioningSystem;
