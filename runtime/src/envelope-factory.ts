import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { Envelope } from '@saga/contracts';

/** Namespace for the name-based (v5) ids below; fixed forever, or derived ids change. */
export const ID_NAMESPACE = '6f1c7a9e-2b4d-4c1e-9a57-3d0f8e2b1c44';

/** A deterministic id for a name: the same name always gives the same id. */
export function deriveId(name: string): string {
  return uuidv5(name, ID_NAMESPACE);
}

export function newMessageId(): string {
  return randomUUID();
}

export interface EnvelopeFields<TType extends string, TPayload> {
  type: TType;
  schemaVersion: number;
  payload: TPayload;
  correlationId?: string;
  causationId?: string;
  step?: string;
  messageId?: string;
}

export function createEnvelope<TType extends string, TPayload>(
  fields: EnvelopeFields<TType, TPayload>,
  now: Date = new Date(),
): Envelope<TType, TPayload> {
  const { messageId, ...rest } = fields;
  return { ...rest, messageId: messageId ?? newMessageId(), occurredAt: now.toISOString() };
}
