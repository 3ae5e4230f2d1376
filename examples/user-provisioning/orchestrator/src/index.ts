/** The user-provisioning saga definitions; main.ts runs them. */
export * from './provision-user.ts';
