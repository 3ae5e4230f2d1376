import type { z } from 'zod';
import type { Messages, MessageType, Participant, PayloadOf } from '@saga/contracts';
import type { Logger } from '../logger.ts';

/** Message types that are commands handled by participant P. */
export type CommandsOf<P extends Participant> = {
  [T in MessageType]: Messages[T]['to'] extends P ? (Messages[T]['kind'] extends 'command' ? T : never) : never;
}[MessageType];

/** Reply types that answer command C. */
export type RepliesOf<C extends MessageType> = {
  [T in MessageType]: Messages[T]['answers'] extends C ? T : never;
}[MessageType];

/** A reply a handler returns: its type and payload; the runtime wraps it in an envelope. */
export type Reply<C extends MessageType> = {
  [T in RepliesOf<C>]: { type: T; payload: z.input<Messages[T]['payload']> };
}[RepliesOf<C>];

export interface HandlerContext<C extends MessageType> {
  sagaId: string;
  step: string;
  /** `<sagaId>:<step>`: the idempotency key of this action and its compensation. */
  key: string;
  messageId: string;
  payload: PayloadOf<C>;
  log: Logger;
}

export type Handler<C extends MessageType> = (context: HandlerContext<C>) => Promise<Reply<C>>;

export interface ParticipantDefinition<P extends Participant> {
  name: P;
  /** One handler per command this participant owns; the compiler insists on all of them. */
  handles: { [C in CommandsOf<P>]: Handler<C> };
  /**
   * Messages with the same key are handled one at a time. Handlers that touch one shared document
   * (a warehouse, a customer account) must be serialized on it, because FerretDB's conditional
   * updates are read-then-write. @default the saga id
   */
  serializeOn?(message: { sagaId: string; type: CommandsOf<P>; payload: PayloadOf<CommandsOf<P>> }): string;
  /** Upkeep run every `everyMs` while the participant consumes; stopped when it stops. */
  housekeeping?: Housekeeping[];
}

/** Runs `task` while no command that serializes on `key` runs (the same lock the handlers take). */
export type Serialize = <T>(key: string, task: () => Promise<T>) => Promise<T>;

/** Periodic upkeep of a participant's data, e.g. moving old ledger markers out of hot documents. */
export interface Housekeeping {
  name: string;
  everyMs: number;
  run(serialize: Serialize): Promise<void>;
}

export function defineParticipant<P extends Participant>(definition: ParticipantDefinition<P>): ParticipantDefinition<P> {
  return definition;
}
