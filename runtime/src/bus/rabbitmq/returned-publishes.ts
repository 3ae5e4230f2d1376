/**
 * The mandatory publishes in flight on a confirm channel, and which of them the broker returned as
 * unroutable (basic.return), by publish token (the `x-publish-id` header rabbitPublish stamps, so a
 * return names its publish even when two publishes share a messageId, or have none). RabbitMQ sends
 * basic.return before the publish's confirm, so by the time a confirm resolves, `end` can tell
 * whether that publish was returned.
 *
 * Only publishes in flight are tracked, and `end` runs however the publish settles (confirm, nack,
 * timeout, disconnect): a return followed by a nack, or a return arriving after its publish timed
 * out, must not stay behind and make a later, confirmed publish look returned.
 */
export class ReturnedPublishes {
  /** token → [publishes in flight, returned]. */
  readonly #inFlight = new Map<string, { count: number; returned: boolean }>();

  /** A publish with this token is about to be sent. */
  begin(token: string): void {
    const entry = this.#inFlight.get(token);
    if (entry) entry.count += 1;
    else this.#inFlight.set(token, { count: 1, returned: false });
  }

  /** The channel's 'return' event. A return for nothing in flight (late, or not ours) is dropped. */
  mark(token: string): void {
    const entry = this.#inFlight.get(token);
    if (entry) entry.returned = true;
  }

  /** The publish settled, whichever way: was it returned? Call exactly once per `begin`. */
  end(token: string): boolean {
    const entry = this.#inFlight.get(token);
    if (!entry) return false;
    entry.count -= 1;
    if (entry.count === 0) this.#inFlight.delete(token);
    return entry.returned;
  }

  /** How many tokens are tracked: 0 whenever nothing is in flight. */
  get size(): number {
    return this.#inFlight.size;
  }
}
