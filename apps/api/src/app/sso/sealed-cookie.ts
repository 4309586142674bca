import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A value kept by the browser that it can neither read nor change: AES-256-GCM under a server key, with the
 * cookie's name as associated data (a value sealed for one cookie does not open as another) and an expiry inside.
 */
export class SealedCookie<Value> {
  constructor(
    private readonly name: string,
    private readonly key: Buffer,
    private readonly ttlMs: number,
  ) {
    if (key.length !== 32) throw new Error('A sealed cookie needs a 32-byte key');
  }

  seal(value: Value, now = Date.now()): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(this.name));
    const plain = Buffer.from(JSON.stringify({ value, expiresAt: now + this.ttlMs }));
    const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** The value, or null when the text was not sealed by this key for this cookie, was changed, or has expired. */
  open(text: string | undefined, now = Date.now()): Value | null {
    if (!text) return null;
    const bytes = Buffer.from(text, 'base64url');
    if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES)).setAAD(Buffer.from(this.name));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
      const { value, expiresAt } = JSON.parse(plain.toString('utf8')) as { value: Value; expiresAt: number };
      return typeof expiresAt === 'number' && now < expiresAt ? value : null;
    } catch {
      return null;
    }
  }
}
