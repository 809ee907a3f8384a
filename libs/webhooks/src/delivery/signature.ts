import { createHmac } from 'node:crypto';

/** The header of every delivery (API.md): verify it with `verifyWebhookSignature` of packages/client. */
export const SIGNATURE_HEADER = 'Policy-Ledger-Signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`: Stripe's scheme, so receivers can reuse what they know. */
export function signatureHeader(secret: string, rawBody: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`).digest('hex')}`;
}
