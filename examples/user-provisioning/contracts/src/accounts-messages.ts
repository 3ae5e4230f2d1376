import { z } from 'zod';
import { CompensationFailure, CompensationOutcome, FailureReason, defineMessage } from '@saga/contracts';
import { Username } from './ids.ts';

export const CreateUser = z.object({ username: Username, email: z.email().max(254) }).meta({ id: 'CreateUser' });
export const UserCreated = z.object({ userId: z.string(), username: Username }).meta({ id: 'UserCreated' });
export type UserCreated = z.infer<typeof UserCreated>;
export const DeactivateUser = z.object({ username: Username }).meta({ id: 'DeactivateUser' });

const common = { version: 1, from: 'orchestrator', to: 'accounts' } as const;
const reply = { version: 1, from: 'accounts', to: 'orchestrator' } as const;

export const accountsMessages = {
  CreateUser: defineMessage({
    ...common, type: 'CreateUser', kind: 'command', payload: CreateUser,
    description: 'Create an active user account under a username no active account holds.',
    example: { username: 'ada', email: 'ada@example.com' },
  }),
  UserCreated: defineMessage({
    ...reply, type: 'UserCreated', kind: 'reply', payload: UserCreated, answers: 'CreateUser', outcome: 'succeeded',
    description: 'The account exists and is active.',
    example: { userId: 'usr-3f2a9c1e', username: 'ada' },
  }),
  UserCreationRefused: defineMessage({
    ...reply, type: 'UserCreationRefused', kind: 'reply', payload: FailureReason.meta({ id: 'UserCreationRefused' }), answers: 'CreateUser', outcome: 'failed',
    description: 'No account was created: `USERNAME_TAKEN` (an active account holds the name) or `USERNAME_RESERVED`.',
    example: { code: 'USERNAME_TAKEN', reason: 'an active account already holds this username', retryable: false },
  }),
  DeactivateUser: defineMessage({
    ...common, type: 'DeactivateUser', kind: 'command', payload: DeactivateUser,
    description: 'Compensation of CreateUser: deactivate the account this saga created; the username becomes free again.',
    example: { username: 'ada' },
  }),
  UserDeactivated: defineMessage({
    ...reply, type: 'UserDeactivated', kind: 'reply', payload: CompensationOutcome.meta({ id: 'UserDeactivated' }), answers: 'DeactivateUser', outcome: 'compensated',
    description: 'The account this saga created is deactivated (or it never created one).',
    example: { outcome: 'compensated' },
  }),
  UserDeactivationFailed: defineMessage({
    ...reply, type: 'UserDeactivationFailed', kind: 'reply', payload: CompensationFailure, answers: 'DeactivateUser', outcome: 'failed',
    description: 'The deactivation could not be done now; the orchestrator retries it within its compensation budget.',
    example: { code: 'TRANSIENT_FAILURE', reason: 'the accounts database did not answer', retryable: true },
  }),
};
