/**
 * Tasks with the same key one after another; tasks with different keys do not wait for each
 * other. The EVM connector queues an account's transactions (each takes the next nonce); the
 * access routes queue writes to one authorization's trail, which would otherwise lose to each
 * other at commit (MVCC) when a grantee sends them in parallel.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
