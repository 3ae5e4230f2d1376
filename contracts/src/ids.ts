import { z } from 'zod';

/**
 * Identifiers travel into MongoDB filters and field paths (`markers.<sagaId>:<step>`), so they are
 * restricted to characters that can never be an operator (`$`) or a path separator (`.`).
 */
const IDENTIFIER = /^[A-Za-z0-9_-]{1,100}$/;

export const Identifier = z
  .string()
  .regex(IDENTIFIER, 'must be 1-100 characters of A-Z, a-z, 0-9, "_" or "-"');

export const SagaId = Identifier.meta({ id: 'SagaId', description: 'Saga id; also the correlation id of every message of the saga.' });
export type SagaId = z.infer<typeof SagaId>;

export const MessageId = Identifier.meta({ id: 'MessageId', description: 'Unique id of one message; re-sends keep it, so receivers de-duplicate by it.' });
export type MessageId = z.infer<typeof MessageId>;

/** Saga step names: lower-case kebab, as in `reserve-inventory`. */
export const StepName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be lower-case kebab-case')
  .meta({ id: 'StepName', description: 'Name of the saga step a command or reply belongs to.' });
export type StepName = z.infer<typeof StepName>;
