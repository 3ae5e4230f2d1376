/**
 * Runs tasks one at a time per key, different keys concurrently. FerretDB v1 evaluates a guarded
 * update by reading and then writing, so two updates of one document at once could both pass the
 * guard: the floor, like the project, applies one command per document at a time.
 */
export function keyedQueue(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, task) => {
    const run = (tails.get(key) ?? Promise.resolve()).then(task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
