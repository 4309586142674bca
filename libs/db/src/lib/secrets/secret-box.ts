import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;

/** A sealed value that does not open: tampered with, truncated, or sealed under another key. */
export class SecretUnsealError extends Error {
  constructor(reason: string) {
    super(
      `A stored secret cannot be opened (${reason}): the secret key (SLUICE_SECRET_KEY or the data folder's secret.key) is not the one it was sealed with, or the value was changed`,
    );
    this.name = 'SecretUnsealError';
  }
}

/**
 * Seals secrets kept at rest with AES-256-GCM: `v1:<iv>:<tag>:<ciphertext>`, each part base64url, a fresh
 * random 12-byte IV per value. The version prefix leaves room for another algorithm or key later.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== SECRET_KEY_BYTES) throw new Error(`A secret key is ${SECRET_KEY_BYTES} bytes, not ${key.length}`);
    this.key = Buffer.from(key);
  }

  /** Whether a stored value is in the sealed format (anything else is a secret stored before sealing). */
  static isSealed(stored: string): boolean {
    return stored.startsWith(`${VERSION}:`);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
  }

  open(sealed: string): string {
    const parts = sealed.split(':');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretUnsealError('not a sealed value');
    const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretUnsealError('malformed');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretUnsealError('authentication failed');
    }
  }

  /** Opens a sealed value; a value stored before sealing existed is returned as it is. */
  openOrPlain(stored: string): string {
    return SecretBox.isSealed(stored) ? this.open(stored) : stored;
  }

  /** A key for another purpose (e.g. signing CSRF tokens), derived so that it reveals nothing of this one. */
  derive(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), `sluice:${purpose}`, SECRET_KEY_BYTES));
  }
}
