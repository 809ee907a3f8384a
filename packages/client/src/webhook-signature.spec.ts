import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature, WebhookSignatureError } from './webhook-signature.js';

const secret = 'whsec_test_0123456789';
const body = '{"type":"DeterminationIssued","position":42}';
const t = 1_780_000_000;
const at = (seconds: number) => () => seconds * 1000;

describe('webhook signatures (Policy-Ledger-Signature, the Stripe scheme)', () => {
  it('signs as HMAC-SHA256(secret, "<t>.<raw body>") in hex', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhook(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it('accepts a delivery signed with the secret, within the tolerance, and returns its timestamp', () => {
    expect(verifyWebhookSignature({ secret, header: signWebhook(secret, body, t), rawBody: body, now: at(t + 60) })).toBe(t);
    expect(verifyWebhookSignature({ secret, header: signWebhook(secret, Buffer.from(body), t), rawBody: Buffer.from(body), now: at(t) })).toBe(t);
  });

  it('accepts any of several v1 signatures (a secret being rotated)', () => {
    const old = signWebhook('whsec_old', body, t).split(',')[1];
    const header = `${signWebhook(secret, body, t)},${old}`;
    expect(verifyWebhookSignature({ secret: 'whsec_old', header, rawBody: body, now: at(t) })).toBe(t);
  });

  it.each([
    ['another secret', { secret: 'whsec_other' }, /No v1 signature matches/],
    ['a changed body', { rawBody: body.replace('42', '43') }, /No v1 signature matches/],
    ['a replay after the tolerance', { now: at(t + 301) }, /outside the tolerance/],
    ['no header', { header: undefined }, /No policy-ledger-signature header/],
    ['no timestamp', { header: signWebhook(secret, body, t).replace(/^t=\d+,/, '') }, /no valid timestamp/],
    ['no v1', { header: `t=${t}` }, /no v1= signature/],
  ])('refuses %s', (_, change, message) => {
    const options = { secret, header: signWebhook(secret, body, t) as string | undefined, rawBody: body, now: at(t), ...change };
    expect(() => verifyWebhookSignature(options)).toThrow(WebhookSignatureError);
    expect(() => verifyWebhookSignature(options)).toThrow(message);
  });
});
