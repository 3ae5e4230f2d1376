import type { AnySystem, CommandsOf, MessageTypeOf, ParticipantOf, PayloadInputOf, PayloadOf, RepliesOf } from '@saga/contracts';
import type { Logger } from '../logger.ts';

/** A reply a handler returns: one of the replies of command C, and its payload; the runtime wraps it in an envelope. */
export type Reply<S extends AnySystem, C extends string> = {
  [T in RepliesOf<S, C>]: { type: T; payload: PayloadInputOf<S, T> };
}[RepliesOf<S, C>];

export interface HandlerContext<S extends AnySystem, C extends MessageTypeOf<S>> {
  sagaId: string;
  step: string;
  /** `<sagaId>:<step>`: the idempotency key of this action and its compensation. */
  key: string;
  messageId: string;
  payload: PayloadOf<S, C>;
  log: Logger;
}

/** Business logic only: decoding, idempotent replies, acks and dead letters are the runtime's. */
export type Handler<S extends AnySystem, C extends MessageTypeOf<S>> = (context: HandlerContext<S, C>) => Promise<Reply<S, C>>;

export interface ParticipantDefinition<S extends AnySystem, P extends ParticipantOf<S>> {
  /** The system the participant belongs to: its messages decode, route and type the handlers. */
  system: S;
  name: P;
  /** One handler per command this participant owns; the compiler insists on all of them. */
  handles: { [C in CommandsOf<S, P>]: Handler<S, C> };
  /**
   * Messages with the same key are handled one at a time. Handlers that touch one shared document
   * (a warehouse, a customer account) must be serialized on it, because FerretDB's conditional
   * updates are read-then-write. @default the saga id
   */
  serializeOn?(message: { sagaId: string; type: CommandsOf<S, P>; payload: PayloadOf<S, CommandsOf<S, P>> }): string;
  /** Upkeep run every `everyMs` while the participant consumes; stopped when it stops. */
  housekeeping?: Housekeeping[];
}

/** Any participant definition, whatever its system: what the runtime runs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyParticipantDefinition = ParticipantDefinition<any, any>;

/** Runs `task` while no command that serializes on `key` runs (the same lock the handlers take). */
export type Serialize = <T>(key: string, task: () => Promise<T>) => Promise<T>;

/** Periodic upkeep of a participant's data, e.g. moving old ledger markers out of hot documents. */
export interface Housekeeping {
  name: string;
  everyMs: number;
  run(serialize: Serialize): Promise<void>;
}

/**
 * A participant of a system: its handlers, one per command the system sends it — the compiler
 * insists on all of them, and each must return one of its command's replies.
 *
 * @example
 *   defineParticipant(shop, { name: 'stock', handles: { Reserve: async ({ payload }) => ({ type: 'Reserved', payload: { id: '…' } }) } });
 */
export function defineParticipant<S extends AnySystem, const P extends ParticipantOf<S>>(
  system: S,
  definition: Omit<ParticipantDefinition<S, P>, 'system'>,
): ParticipantDefinition<S, P> {
  if (!system.participants.includes(definition.name)) throw new Error(`${definition.name} is not a participant of ${system.name}`);
  return { ...definition, system };
}
