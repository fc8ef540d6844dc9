import { Context, Contract, Transaction } from 'fabric-contract-api';

/** The benchmark's transaction: one key written, nothing read. */
export class PutContract extends Contract {
  constructor() {
    super('bench');
  }

  @Transaction()
  async put(ctx: Context, key: string, value: string): Promise<void> {
    await ctx.stub.putState(key, Buffer.from(value));
  }
}
