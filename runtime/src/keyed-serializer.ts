/**
 * Runs tasks one at a time per key, in arrival order, and tasks of different keys concurrently.
 * This is what keeps "one writer per saga" inside a process: FerretDB's conditional updates are
 * read-then-write, so two writers on one document must never race (see README, "One writer").
 */
export class KeyedSerializer {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}
