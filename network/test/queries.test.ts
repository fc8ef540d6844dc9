import { member, text, type Member, usePeer } from './helpers';

describe('range, composite-key and history queries', () => {
  const fixture = usePeer({ batch: { maxTransactions: 500, timeoutMs: 5 } });
  let org1: Member;

  beforeAll(async () => {
    org1 = await member(fixture.peer, 'Org1MSP');
    // 250 keys: more than two of the peer's 100-result batches.
    await Promise.all(
      Array.from({ length: 250 }, (_, i) =>
        org1.contract.submit('put', { arguments: [`key-${String(i).padStart(3, '0')}`, `v${i}`] }),
      ),
    );
    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        org1.contract.submit('putComposite', {
          arguments: ['licence', i % 2 === 0 ? 'even' : 'odd', String(i).padStart(3, '0'), `l${i}`],
        }),
      ),
    );
  });

  it('a range query crosses the peer result batches and stops at the exclusive end key', async () => {
    const found = JSON.parse(
      text(await org1.contract.evaluate('range', { arguments: ['key-', 'key-249'] })),
    ) as Array<{ key: string }>;
    expect(found).toHaveLength(249);
    expect(found[0]?.key).toBe('key-000');
    expect(found.at(-1)?.key).toBe('key-248');
  });

  it('an open-ended range excludes composite keys, as Fabric does', async () => {
    const found = JSON.parse(
      text(await org1.contract.evaluate('range', { arguments: ['', ''] })),
    ) as Array<{ key: string }>;
    expect(found).toHaveLength(250);
    expect(found.every(({ key }) => !key.startsWith('\u0000'))).toBe(true);
  });

  it('paginates with bookmarks until the last page', async () => {
    const seen: string[] = [];
    let bookmark = '';
    let pages = 0;
    do {
      const page = JSON.parse(
        text(
          await org1.contract.evaluate('rangePage', {
            arguments: ['key-', 'key-~', '120', bookmark],
          }),
        ),
      ) as {
        keys: string[];
        bookmark: string;
        fetched: number;
      };
      expect(page.fetched).toBe(page.keys.length);
      seen.push(...page.keys);
      bookmark = page.bookmark;
      pages++;
    } while (bookmark !== '');
    expect(pages).toBe(3);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
  });

  it('partial composite keys select by leading attributes across batches', async () => {
    const even = JSON.parse(
      text(await org1.contract.evaluate('byPartialKey', { arguments: ['licence', 'even'] })),
    ) as Array<{
      attributes: string[];
      value: string;
    }>;
    expect(even).toHaveLength(60);
    expect(even[0]).toEqual({ attributes: ['even', '000'], value: 'l0' });
    const all = JSON.parse(
      text(await org1.contract.evaluate('byPartialKey', { arguments: ['licence', ''] })),
    ) as unknown[];
    expect(all).toHaveLength(120);
  });

  it('history lists every change newest first, deletes included, with transaction ids and times', async () => {
    const first = await org1.contract.submit('put', {
      arguments: ['doc', 'one'],
      timestamp: new Date('2026-01-01T00:00:00Z'),
    });
    const second = await org1.contract.submit('put', {
      arguments: ['doc', 'two'],
      timestamp: new Date('2026-01-02T00:00:00Z'),
    });
    const removal = await org1.contract.submit('remove', {
      arguments: ['doc'],
      timestamp: new Date('2026-01-03T00:00:00Z'),
    });
    const history = JSON.parse(
      text(await org1.contract.evaluate('history', { arguments: ['doc'] })),
    ) as Array<{
      txId: string;
      value: string;
      isDelete: boolean;
      seconds: number;
    }>;
    expect(history.map((h) => h.txId)).toEqual([removal.txId, second.txId, first.txId]);
    expect(history.map((h) => [h.value, h.isDelete])).toEqual([
      ['', true],
      ['two', false],
      ['one', false],
    ]);
    expect(history[2]?.seconds).toBe(Date.parse('2026-01-01T00:00:00Z') / 1000);
    expect(text(await org1.contract.evaluate('get', { arguments: ['doc'] }))).toBe('');
  });
  it('keeps the history of a composite key apart from a longer key it is a prefix of', async () => {
    const short = '\u0000doc\u0000a\u0000';
    const long = '\u0000doc\u0000a\u0000b\u0000';
    await org1.contract.submit('putComposite', { arguments: ['doc', 'a', 'b', 'long-value'] });
    const shortTx = await org1.contract.submit('put', { arguments: [short, 'short-value'] });
    const history = JSON.parse(
      text(await org1.contract.evaluate('history', { arguments: [short] })),
    ) as Array<{ txId: string }>;
    expect(history.map((h) => h.txId)).toEqual([shortTx.txId]);
    const longHistory = JSON.parse(
      text(await org1.contract.evaluate('history', { arguments: [long] })),
    ) as Array<{ value: string }>;
    expect(longHistory.map((h) => h.value)).toEqual(['long-value']);
  });
});
