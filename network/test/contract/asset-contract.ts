import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';

async function collect(
  iterator: AsyncIterable<{ key: string; value: Uint8Array }>,
): Promise<Array<{ key: string; value: string }>> {
  const out: Array<{ key: string; value: string }> = [];
  for await (const { key, value } of iterator)
    out.push({ key, value: Buffer.from(value).toString('utf8') });
  return out;
}

/** A small contract that exercises every ledger capability the embedded peer offers. */
@Info({ title: 'AssetContract', description: 'test contract for the embedded peer' })
export class AssetContract extends Contract {
  constructor() {
    super('assets');
  }

  @Transaction()
  async put(ctx: Context, key: string, value: string): Promise<void> {
    await ctx.stub.putState(key, Buffer.from(value));
    ctx.stub.setEvent('Put', Buffer.from(JSON.stringify({ key })));
  }

  @Transaction(false)
  @Returns('string')
  async get(ctx: Context, key: string): Promise<string> {
    return Buffer.from(await ctx.stub.getState(key)).toString('utf8');
  }

  @Transaction()
  async increment(ctx: Context, key: string): Promise<number> {
    const current = Number(Buffer.from(await ctx.stub.getState(key)).toString('utf8') || '0');
    await ctx.stub.putState(key, Buffer.from(String(current + 1)));
    return current + 1;
  }

  @Transaction()
  async remove(ctx: Context, key: string): Promise<void> {
    await ctx.stub.deleteState(key);
  }

  @Transaction(false)
  async range(ctx: Context, start: string, end: string): Promise<string> {
    return JSON.stringify(await collect(ctx.stub.getStateByRange(start, end)));
  }

  /** Counts the keys of a range and records the count: a range read inside an update. */
  @Transaction()
  async tally(ctx: Context, start: string, end: string): Promise<number> {
    const found = await collect(ctx.stub.getStateByRange(start, end));
    await ctx.stub.putState('tally', Buffer.from(String(found.length)));
    return found.length;
  }

  @Transaction(false)
  async rangePage(
    ctx: Context,
    start: string,
    end: string,
    pageSize: number,
    bookmark: string,
  ): Promise<string> {
    const { iterator, metadata } = await ctx.stub.getStateByRangeWithPagination(
      start,
      end,
      pageSize,
      bookmark,
    );
    const keys: string[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      keys.push(next.value.key);
    await iterator.close();
    return JSON.stringify({
      keys,
      bookmark: metadata.bookmark,
      fetched: metadata.fetchedRecordsCount,
    });
  }

  /** Paginated query followed by a write: Fabric refuses this in an update transaction. */
  @Transaction()
  async pageThenWrite(ctx: Context): Promise<void> {
    const { iterator } = await ctx.stub.getStateByRangeWithPagination('', '', 1, '');
    await iterator.close();
    await ctx.stub.putState('after-page', Buffer.from('x'));
  }

  @Transaction()
  async putComposite(
    ctx: Context,
    type: string,
    first: string,
    second: string,
    value: string,
  ): Promise<void> {
    await ctx.stub.putState(ctx.stub.createCompositeKey(type, [first, second]), Buffer.from(value));
  }

  @Transaction(false)
  async byPartialKey(ctx: Context, type: string, first: string): Promise<string> {
    const found = await collect(
      ctx.stub.getStateByPartialCompositeKey(type, first === '' ? [] : [first]),
    );
    return JSON.stringify(
      found.map(({ key, value }) => ({
        attributes: ctx.stub.splitCompositeKey(key).attributes,
        value,
      })),
    );
  }

  /** Counts the composite keys of a type and records the count: a partial-key read in an update. */
  @Transaction()
  async tallyType(ctx: Context, type: string): Promise<number> {
    const found = await collect(ctx.stub.getStateByPartialCompositeKey(type, []));
    await ctx.stub.putState(`tally-${type}`, Buffer.from(String(found.length)));
    return found.length;
  }

  /** Never answers: for the peer's execute timeout. */
  @Transaction()
  async hang(): Promise<void> {
    await new Promise<void>(() => undefined);
  }

  @Transaction(false)
  async history(ctx: Context, key: string): Promise<string> {
    const out: Array<{ txId: string; value: string; isDelete: boolean; seconds: number }> = [];
    const iterator = await ctx.stub.getHistoryForKey(key);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      out.push({
        txId: next.value.txId,
        value: Buffer.from(next.value.value).toString('utf8'),
        isDelete: next.value.isDelete,
        seconds: Number(next.value.timestamp.seconds),
      });
    }
    await iterator.close();
    return JSON.stringify(out);
  }

  @Transaction()
  async putPrivate(ctx: Context, collection: string, key: string): Promise<void> {
    const value = ctx.stub.getTransient().get('value');
    if (!value) throw new Error('transient field "value" is required');
    await ctx.stub.putPrivateData(collection, key, value);
    ctx.stub.setEvent('PrivatePut', Buffer.from(JSON.stringify({ key })));
  }

  @Transaction(false)
  async getPrivate(ctx: Context, collection: string, key: string): Promise<string> {
    return Buffer.from(await ctx.stub.getPrivateData(collection, key)).toString('utf8');
  }

  @Transaction(false)
  async getPrivateHash(ctx: Context, collection: string, key: string): Promise<string> {
    return Buffer.from(await ctx.stub.getPrivateDataHash(collection, key)).toString('hex');
  }

  @Transaction()
  async purgePrivate(ctx: Context, collection: string, key: string): Promise<void> {
    await ctx.stub.purgePrivateData(collection, key);
  }

  @Transaction(false)
  async whoami(ctx: Context): Promise<string> {
    return JSON.stringify({
      mspId: ctx.clientIdentity.getMSPID(),
      id: ctx.clientIdentity.getID(),
      role: ctx.clientIdentity.getAttributeValue('role'),
      txId: ctx.stub.getTxID(),
      timestamp: ctx.stub.getDateTimestamp().toISOString(),
    });
  }

  @Transaction()
  async failAfterWrite(ctx: Context, key: string): Promise<void> {
    await ctx.stub.putState(key, Buffer.from('should never commit'));
    throw new Error(`refused: ${key} is protected`);
  }
}

export const contracts = [AssetContract];
