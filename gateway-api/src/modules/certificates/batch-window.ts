import { Problem } from '../../shared/problem';
import type { ValidityWindow } from './credentials';
import { currentSecond, validityWindow } from './validity-window';

/** The window a batch or one of its items states, if any. */
interface StatedWindow {
  readonly validFrom?: string;
  readonly validUntil?: string;
}

/**
 * The one window of a batch. Each item's window is what it states, else what the batch states,
 * else from now on. The ledger keeps one window per batch record (members have none of their
 * own until their first change), so items whose windows differ are refused rather than signed
 * with dates the ledger would not back.
 */
export function sharedWindow(batch: StatedWindow, items: readonly StatedWindow[]): ValidityWindow {
  const now = currentSecond();
  // Items mostly state the same window or none: each distinct pair of texts is checked once.
  const checked = new Map<string, ValidityWindow>();
  let shared: ValidityWindow | undefined;
  for (const [index, item] of items.entries()) {
    const validFrom = item.validFrom ?? batch.validFrom;
    const validUntil = item.validUntil ?? batch.validUntil;
    const texts = `${validFrom ?? ''} ${validUntil ?? ''}`;
    let window = checked.get(texts);
    if (!window) {
      window = validityWindow({ validFrom, validUntil }, now);
      checked.set(texts, window);
    }
    shared ??= window;
    if (window.validFrom !== shared.validFrom || window.validUntil !== shared.validUntil)
      throw new Problem(
        'validation',
        `items/${index}: every item of a batch shares one validity window ` +
          '(the ledger records one per batch); issue other windows in another batch',
      );
  }
  return shared ?? validityWindow(batch, now);
}
