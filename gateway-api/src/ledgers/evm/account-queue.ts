/**
 * One account's transactions one after another: each takes the account's next nonce, and a
 * call's reads after its write see that write. Different accounts do not wait for each other.
 */
export class AccountQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(account: string, task: () => Promise<T>): Promise<T> {
    const key = account.toLowerCase();
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
