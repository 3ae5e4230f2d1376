/**
 * The user-provisioning system's contracts: its messages (zod), its ids and the saga's input, and
 * `provisioningSystem`, the one description the rest is derived from.
 */
export * from './ids.ts';
export * from './provisioning-input.ts';
export * from './accounts-messages.ts';
export * from './storage-messages.ts';
export * from './permissions-messages.ts';
export * from './system.ts';
