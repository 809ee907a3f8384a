import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header every webhook delivery carries (API.md): `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. */
export const SIGNATURE_HEADER = 'policy-ledger-signature';

/** How old a signed delivery may be before it is refused as a possible replay (seconds). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

/** The header value for a body signed at `timestamp` (unix seconds): what the server sends. */
export function signWebhook(secret: string, rawBody: string | Buffer, timestamp: number): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, rawBody)}`;
}

/**
 * Checks a delivery's `Policy-Ledger-Signature` against the raw body as received (before any JSON
 * parsing): one of its `v1` signatures (several while a secret is rotated) must be the HMAC of
 * `<t>.<body>` with `secret`, and `t` within `toleranceSeconds` of `now`. Throws
 * WebhookSignatureError saying which check failed; returns the signed timestamp.
 */
export function verifyWebhookSignature(options: {
  secret: string;
  header: string | string[] | undefined;
  rawBody: string | Buffer;
  toleranceSeconds?: number;
  now?: () => number;
}): number {
  const header = Array.isArray(options.header) ? options.header[0] : options.header;
  if (!header) throw new WebhookSignatureError(`No ${SIGNATURE_HEADER} header`);
  const parts = header.split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]);
  const timestamps = parts.filter(([key]) => key === 't').map(([, value]) => Number(value));
  const signatures = parts.filter(([key, value]) => key === 'v1' && value !== undefined && /^[0-9a-f]{64}$/.test(value)).map(([, value]) => value!);
  if (timestamps.length !== 1 || !Number.isSafeInteger(timestamps[0])) throw new WebhookSignatureError('The signature header has no valid timestamp t=');
  if (signatures.length === 0) throw new WebhookSignatureError('The signature header has no v1= signature');
  const timestamp = timestamps[0]!;
  const expected = Buffer.from(hmac(options.secret, timestamp, options.rawBody), 'hex');
  if (!signatures.some((signature) => timingSafeEqual(Buffer.from(signature, 'hex'), expected))) {
    throw new WebhookSignatureError('No v1 signature matches the body and the secret');
  }
  const now = Math.floor((options.now ?? Date.now)() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    throw new WebhookSignatureError(`The signature is ${now - timestamp} s old, outside the tolerance`);
  }
  return timestamp;
}

function hmac(secret: string, timestamp: number, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}
