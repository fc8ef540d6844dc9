/**
 * When a failed webhook delivery is tried again: exponential backoff from `baseMs`, doubling
 * per attempt up to `maxDelayMs`, with ±20% jitter so receivers that come back are not hit by
 * every queued delivery at once; after `maxAttempts` attempts in all the delivery is given up.
 * Defaults: 8 attempts, waits of about 1 s, 2 s, 4 s, 8 s, 16 s, 32 s, 64 s (some 2 minutes).
 */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseMs: number;
  readonly maxDelayMs: number;
  /** One attempt's limit: no answer by then counts as a failure. */
  readonly timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseMs: 1_000,
  maxDelayMs: 60 * 60 * 1000,
  timeoutMs: 10_000,
};

const JITTER = 0.2;

/** The wait after `attempts` failed attempts, or undefined when there is no attempt left. */
export function retryDelayMs(
  policy: RetryPolicy,
  attempts: number,
  random: () => number = Math.random,
): number | undefined {
  if (attempts >= policy.maxAttempts) return undefined;
  const exponential = Math.min(policy.baseMs * 2 ** (attempts - 1), policy.maxDelayMs);
  return Math.round(exponential * (1 - JITTER + 2 * JITTER * random()));
}
