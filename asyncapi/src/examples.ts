import { createHash } from 'node:crypto';
import type { MessageContract } from '@saga/contracts';
import type { JsonObject, JsonValue } from './json.ts';
import type { Placement } from './saga-placement.ts';

/** Examples carry fixed ids and times, so regenerating the document changes nothing. */
export const EXAMPLE_TIME = '2026-01-15T09:30:00.000Z';

/** A UUID-shaped id derived from a name: the same name gives the same id on every run. */
export function exampleId(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const EXAMPLE_SAGA_ID = exampleId('example saga');

/**
 * The whole wire body of one message as its sender would publish it: the contract's payload example
 * inside an envelope. StartSaga carries no correlation id (the orchestrator derives the saga id from
 * the idempotency key); every other message carries the saga id, and those placed in a saga carry
 * their step and the id of the message that caused them.
 */
export function exampleEnvelope(contract: MessageContract, placement: Placement | undefined): JsonObject {
  return {
    messageId: exampleId(contract.type),
    type: contract.type,
    schemaVersion: contract.version,
    ...(contract.correlationRequired ? { correlationId: EXAMPLE_SAGA_ID } : {}),
    ...(placement ? { causationId: exampleId(placement.causedBy), step: placement.step } : {}),
    occurredAt: EXAMPLE_TIME,
    payload: contract.example as JsonValue,
  };
}
