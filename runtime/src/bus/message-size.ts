import { SagaError } from '../errors.ts';
import type { OutgoingMessage } from './message-bus.ts';

/**
 * Refuses a body over the limit before it reaches the broker: the receiving end applies the same
 * limit, and a message refused here, with a reason, beats one dead-lettered there.
 */
export function checkMessageSize(message: OutgoingMessage, maxBytes: number | undefined): void {
  if (maxBytes === undefined || message.body.length <= maxBytes) return;
  const what = message.properties?.type ?? 'a message';
  throw new SagaError('ERR_MESSAGE_TOO_LARGE', `${what} is ${message.body.length} bytes, over the ${maxBytes}-byte limit; not published`);
}
