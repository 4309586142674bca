import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { SECRET_KEY_BYTES, SecretBox } from './secret-box';

/** Where the key that seals secrets at rest comes from: given (base64 of 32 bytes), or a file generated on first start. */
export interface SecretKeySource {
  /** SLUICE_SECRET_KEY */
  base64: string | null;
  /** Used when no key is given: SLUICE_SECRET_KEY_FILE, else `<SLUICE_DATA_DIR or ./.data>/secret.key`. */
  file: string;
}

/** Reads the settings only; nothing is loaded or created until openSecretBox. */
export function secretKeySourceFromEnv(env: Record<string, string | undefined>): SecretKeySource {
  return {
    base64: env['SLUICE_SECRET_KEY']?.trim() || null,
    // The dev and test stacks set SLUICE_SECRET_KEY_FILE to their profile's folder, so their API and worker share one key.
    file: env['SLUICE_SECRET_KEY_FILE'] ? resolve(env['SLUICE_SECRET_KEY_FILE']) : join(resolve(env['SLUICE_DATA_DIR'] ?? '.data'), 'secret.key'),
  };
}

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== SECRET_KEY_BYTES) throw new Error(`${where} must be the base64 of ${SECRET_KEY_BYTES} random bytes (e.g. openssl rand -base64 32)`);
  return key;
}

/** Reads the key file, or creates it (mode 0600) when missing; two processes starting together end with the same key. */
function keyFromFile(path: string): Buffer {
  try {
    return decodeKey(readFileSync(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(path), { recursive: true });
  // Written whole under a temporary name, then linked into place: the link fails if another process won, and nobody reads half a key.
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, `${randomBytes(SECRET_KEY_BYTES).toString('base64')}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  return decodeKey(readFileSync(path, 'utf8'), path);
}

export function loadSecretKey(source: SecretKeySource): Buffer {
  return source.base64 ? decodeKey(source.base64, 'SLUICE_SECRET_KEY') : keyFromFile(source.file);
}

/** The SecretBox of the configured key, generating the key file on first start. */
export function openSecretBox(source: SecretKeySource): SecretBox {
  return new SecretBox(loadSecretKey(source));
}
