import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * How a webhook delivery is signed, so its receiver can tell it came from the hub, unchanged,
 * and recently:
 *
 *   X-CityTrust-Timestamp: <unix seconds when this attempt was sent>
 *   X-CityTrust-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 *
 * The receiver recomputes the HMAC over the timestamp header, a dot and the body bytes exactly
 * as received, compares in constant time, and refuses a timestamp older than its tolerance
 * (5 minutes suggested) so a captured delivery cannot be replayed later. Retries are signed
 * again with a fresh timestamp; the body, and so its `id`, stay the same, for deduplication.
 */
export const SIGNATURE_HEADER = 'x-citytrust-signature';
export const TIMESTAMP_HEADER = 'x-citytrust-timestamp';
export const EVENT_HEADER = 'x-citytrust-event';
export const DELIVERY_HEADER = 'x-citytrust-delivery';
export const DEFAULT_TOLERANCE_SECONDS = 300;

const SCHEME = 'sha256=';

/** A new webhook secret: 32 random bytes, shown to its owner once. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

export function signatureOf(secret: string, timestamp: number, rawBody: string): string {
  return `${SCHEME}${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** The headers one delivery attempt carries, signed at `now`. */
export function signedHeaders(
  secret: string,
  rawBody: string,
  now: Date = new Date(),
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signatureOf(secret, timestamp, rawBody),
  };
}

/** What a receiver does: true when the signature is right and the timestamp recent. */
export function verifySignature(
  secret: string,
  rawBody: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  options: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  const { signature, timestamp } = headers;
  if (signature === undefined || timestamp === undefined || !/^\d{1,12}$/.test(timestamp))
    return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - Number(timestamp)) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS))
    return false;
  const expected = Buffer.from(signatureOf(secret, Number(timestamp), rawBody));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
