import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SecretBox, SecretUnsealError } from './secret-box';
import { loadSecretKey, secretKeySourceFromEnv } from './secret-key';

const key = (fill: number) => Buffer.alloc(32, fill);

describe('SecretBox', () => {
  const box = new SecretBox(key(1));
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

  it('opens what it sealed, in the v1 text format, with a fresh IV each time', () => {
    const sealed = box.seal(secret);
    expect(sealed).toMatch(/^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(sealed).not.toContain(secret.slice(6));
    expect(box.seal(secret)).not.toBe(sealed);
    expect(box.open(sealed)).toBe(secret);
  });

  it('refuses a value changed after sealing', () => {
    const [version, iv, tag, ciphertext] = box.seal(secret).split(':');
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([version, iv, tag, flipped.toString('base64url')].join(':'))).toThrow(SecretUnsealError);
    expect(() => box.open([version, iv, Buffer.alloc(16).toString('base64url'), ciphertext].join(':'))).toThrow(SecretUnsealError);
    expect(() => box.open('v1:short')).toThrow(SecretUnsealError);
  });

  it('refuses a value sealed under another key', () => {
    expect(() => new SecretBox(key(2)).open(box.seal(secret))).toThrow(/cannot be opened.*secret key/);
  });

  it('passes through a secret stored before sealing', () => {
    expect(box.openOrPlain(secret)).toBe(secret);
    expect(box.openOrPlain(box.seal(secret))).toBe(secret);
  });

  it('derives distinct keys per purpose', () => {
    expect(box.derive('csrf')).toHaveLength(32);
    expect(box.derive('csrf').equals(box.derive('other'))).toBe(false);
    expect(box.derive('csrf').equals(key(1))).toBe(false);
  });

  it('takes only a 32-byte key', () => {
    expect(() => new SecretBox(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});

describe('loadSecretKey', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sluice-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes SLUICE_SECRET_KEY as base64 of 32 bytes', () => {
    expect(loadSecretKey(secretKeySourceFromEnv({ SLUICE_SECRET_KEY: key(7).toString('base64') })).equals(key(7))).toBe(true);
    expect(() => loadSecretKey(secretKeySourceFromEnv({ SLUICE_SECRET_KEY: 'c2hvcnQ=' }))).toThrow(/SLUICE_SECRET_KEY must be the base64 of 32/);
  });

  it('generates the key file once, mode 0600, and reads it back after', () => {
    const source = secretKeySourceFromEnv({ SLUICE_DATA_DIR: join(dir, 'data') });
    const first = loadSecretKey(source);
    const path = source.file;
    expect(path).toBe(join(dir, 'data', 'secret.key'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64').equals(first)).toBe(true);
    expect(loadSecretKey(source).equals(first)).toBe(true);
    expect(loadSecretKey(secretKeySourceFromEnv({ SLUICE_SECRET_KEY_FILE: path })).equals(first)).toBe(true);
  });
});
