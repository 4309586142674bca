import { createHmac } from 'node:crypto';

import { Webhook } from 'standardwebhooks';

import { createSigner, generateSigningSecret } from './standard-webhooks';

describe('Standard Webhooks signing', () => {
  const body = JSON.stringify({ jobId: 'j', dataset: 'people', recordIndex: 0, data: { email: 'a@b.co' } });

  it('is accepted by the reference implementation of the spec', () => {
    const secret = generateSigningSecret();
    const headers = createSigner(secret)('msg_1', body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('is refused by the reference implementation with another secret or a changed body', () => {
    const headers = createSigner(generateSigningSecret())('msg_1', body);
    expect(() => new Webhook(generateSigningSecret()).verify(body, headers)).toThrow();
    const secret = generateSigningSecret();
    const signed = createSigner(secret)('msg_1', body);
    expect(() => new Webhook(secret).verify(body.replace('a@b.co', 'x@b.co'), signed)).toThrow();
  });

  it('matches the steps the README gives receivers', () => {
    const secret = generateSigningSecret();
    const now = new Date('2026-11-22T10:00:00Z');
    const headers = createSigner(secret)('msg_7', body, now);
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key)
      .update(`msg_7.${Math.floor(now.getTime() / 1000)}.${body}`)
      .digest('base64');
    expect(headers).toEqual({ 'webhook-id': 'msg_7', 'webhook-timestamp': '1795341600', 'webhook-signature': `v1,${expected}` });
  });

  it('generates a fresh 32-byte secret each time', () => {
    const [a, b] = [generateSigningSecret(), generateSigningSecret()];
    expect(a).not.toBe(b);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(() => createSigner('plain-secret')).toThrow(/whsec_/);
  });
});
