import type { MessageOf } from './system.ts';
import type { EnvelopeHeader } from './envelope.ts';
import type { FrameworkMessages } from './framework-messages.ts';
import type { System } from './system.ts';

/**
 * A decoded message of any system, as the framework's runtime sees it: a valid envelope whose
 * payload fits its contract. Code that knows its system narrows it with that system's types;
 * the framework narrows its own messages with `isFrameworkMessage`.
 */
export interface WireMessage extends EnvelopeHeader {
  type: string;
  payload: unknown;
}

type Framework = System<never, Record<never, never>>;
/** One of the framework's own messages, fully typed. */
export type FrameworkMessage<T extends keyof FrameworkMessages = keyof FrameworkMessages> = { [K in T]: MessageOf<Framework, K> }[T];

export function isFrameworkMessage<T extends keyof FrameworkMessages>(message: WireMessage, type: T): message is FrameworkMessage<T> {
  return message.type === type;
}
