import { createHmac } from 'node:crypto';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from './retry-policy';
import {
  newWebhookSecret,
  signedHeaders,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifySignature,
} from './webhook-signature';

const body = JSON.stringify({
  id: '12:0',
  event: 'OrganizationRegistered',
  payload: { orgId: 'x' },
});

describe('webhook signatures', () => {
  const secret = newWebhookSecret();
  const now = new Date('2026-01-01T00:00:00Z');
  const headers = signedHeaders(secret, body, now);
  const given = { signature: headers[SIGNATURE_HEADER], timestamp: headers[TIMESTAMP_HEADER] };

  it('are HMAC-SHA256 of "<timestamp>.<body>" under the secret, as documented', () => {
    expect(given.timestamp).toBe(String(now.getTime() / 1000));
    const expected = createHmac('sha256', secret)
      .update(`${given.timestamp}.${body}`)
      .digest('hex');
    expect(given.signature).toBe(`sha256=${expected}`);
    expect(verifySignature(secret, body, given, { now })).toBe(true);
  });

  it('fail for another body, another secret, another timestamp, or an old one', () => {
    expect(verifySignature(secret, body.replace('x', 'y'), given, { now })).toBe(false);
    expect(verifySignature(newWebhookSecret(), body, given, { now })).toBe(false);
    expect(
      verifySignature(
        secret,
        body,
        { ...given, timestamp: String(Number(given.timestamp) + 1) },
        { now },
      ),
    ).toBe(false);
    const later = new Date(now.getTime() + 301_000);
    expect(verifySignature(secret, body, given, { now: later })).toBe(false);
    expect(
      verifySignature(secret, body, { signature: undefined, timestamp: given.timestamp }),
    ).toBe(false);
  });

  it('secrets are new each time and carry 32 random bytes', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(newWebhookSecret());
  });
});

describe('webhook retry policy', () => {
  it('doubles the wait per failed attempt, within ±20%, and gives up after 8 attempts', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7].map((attempts) =>
      retryDelayMs(DEFAULT_RETRY_POLICY, attempts, () => 0.5),
    );
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000]);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, () => 0)).toBe(800);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, () => 1)).toBe(1200);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 8)).toBeUndefined();
    const capped = { ...DEFAULT_RETRY_POLICY, maxAttempts: 40, maxDelayMs: 5000 };
    expect(retryDelayMs(capped, 30, () => 0.5)).toBe(5000);
  });
});
