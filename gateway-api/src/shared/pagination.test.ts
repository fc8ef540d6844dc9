import { Problem } from './problem';
import { paginate } from './pagination';

const items = Array.from({ length: 7 }, (_, i) => ({ id: `org-${i}` })).reverse();
const keyOf = (item: { id: string }) => item.id;

describe('paginate', () => {
  it('walks every item once, in key order, with opaque cursors', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = paginate(items, keyOf, { limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map(keyOf));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(items.map(keyOf).sort());
  });

  it('has no next cursor on the last page and defaults to 50', () => {
    expect(paginate(items, keyOf, {}).nextCursor).toBeNull();
    expect(paginate(items, keyOf, {}).items).toHaveLength(7);
    const many = Array.from({ length: 60 }, (_, i) => ({
      id: `org-${String(i).padStart(2, '0')}`,
    }));
    const first = paginate(many, keyOf, {});
    expect(first.items).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();
    expect(paginate(many, keyOf, { cursor: first.nextCursor as string }).items).toHaveLength(10);
  });

  it('keeps its place when items are added before it', () => {
    const first = paginate(items, keyOf, { limit: 2 });
    const next = paginate([{ id: 'aaa' }, ...items], keyOf, {
      limit: 2,
      cursor: first.nextCursor as string,
    });
    expect(next.items.map(keyOf)).toEqual(['org-2', 'org-3']);
  });

  it('refuses a cursor it did not give', () => {
    expect(() => paginate(items, keyOf, { cursor: 'not-a-cursor' })).toThrow(Problem);
    expect(() =>
      paginate(items, keyOf, { cursor: Buffer.from('{"after":1}').toString('base64url') }),
    ).toThrow('cursor');
  });
});
