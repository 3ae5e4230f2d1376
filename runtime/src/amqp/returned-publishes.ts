/**
 * The publishes a confirm channel's broker returned as unroutable (basic.return), by messageId.
 * RabbitMQ sends basic.return before the publish's confirm, so by the time a publish's confirm
 * resolves, `end` can tell whether it was returned.
 */
export class ReturnedPublishes {
  readonly #returned = new Set<string>();

  /** A publish of `messageId` is about to be sent. */
  begin(_messageId: string): void {}

  /** The channel's 'return' event: the broker returned a publish of `messageId`. */
  mark(messageId: string): void {
    this.#returned.add(messageId);
  }

  /** The publish of `messageId` was confirmed: was it returned first? */
  end(messageId: string): boolean {
    return this.#returned.delete(messageId);
  }

  /** How many returns are held, for tests. */
  get size(): number {
    return this.#returned.size;
  }
}
