import { createHmac, randomBytes } from 'node:crypto';

/**
 * Signing per the Standard Webhooks spec (standardwebhooks.com): the secret is "whsec_" + base64 key,
 * and `webhook-signature` is "v1," + base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`)).
 */
export const SECRET_PREFIX = 'whsec_';

export function generateSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

export type WebhookHeaders = Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>;

/** Signs messages for one endpoint; the key is decoded once, since every record of a job is signed with it. */
export function createSigner(secret: string): (messageId: string, body: string, now?: Date) => WebhookHeaders {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error(`A signing secret starts with "${SECRET_PREFIX}"`);
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  return (messageId, body, now = new Date()) => {
    const timestamp = Math.floor(now.getTime() / 1000);
    const signature = createHmac('sha256', key).update(`${messageId}.${timestamp}.${body}`).digest('base64');
    return { 'webhook-id': messageId, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` };
  };
}
