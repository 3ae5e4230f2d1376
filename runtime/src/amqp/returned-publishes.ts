/**
 * The mandatory publishes in flight on a confirm channel, and which of them the broker returned as
 * unroutable (basic.return), by messageId. RabbitMQ sends basic.return before the publish's
 * confirm, so by the time a publish's confirm resolves, `end` can tell whether it was returned.
 *
 * Only publishes in flight are tracked, and `end` runs however the publish settles (confirm, nack,
 * timeout, disconnect): a return followed by a nack, or a return arriving after its publish timed
 * out, must not stay behind and make a later, confirmed re-send of the same messageId look returned.
 */
export class ReturnedPublishes {
  /** messageId → [publishes in flight, returned]. Two publishes of one id may overlap (an outbox re-send). */
  readonly #inFlight = new Map<string, { count: number; returned: boolean }>();

  /** A publish of `messageId` is about to be sent. */
  begin(messageId: string): void {
    const entry = this.#inFlight.get(messageId);
    if (entry) entry.count += 1;
    else this.#inFlight.set(messageId, { count: 1, returned: false });
  }

  /** The channel's 'return' event. A return for nothing in flight (late, or not ours) is dropped. */
  mark(messageId: string): void {
    const entry = this.#inFlight.get(messageId);
    if (entry) entry.returned = true;
  }

  /** The publish of `messageId` settled, whichever way: was it returned? Call exactly once per `begin`. */
  end(messageId: string): boolean {
    const entry = this.#inFlight.get(messageId);
    if (!entry) return false;
    entry.count -= 1;
    if (entry.count === 0) this.#inFlight.delete(messageId);
    return entry.returned;
  }

  /** How many messageIds are tracked: 0 whenever nothing is in flight. */
  get size(): number {
    return this.#inFlight.size;
  }
}
