import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { SECRET_KEY_BYTES, SecretBox } from './secret-box';

/**
 * Where the key file lives without SLUICE_SECRET_KEY: SLUICE_SECRET_KEY_FILE (the dev and test stacks set it
 * to their profile's folder, so API and worker share one), else `<SLUICE_DATA_DIR or ./.data>/secret.key`.
 */
export function secretKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env['SLUICE_SECRET_KEY_FILE']) return resolve(env['SLUICE_SECRET_KEY_FILE']);
  return join(resolve(env['SLUICE_DATA_DIR'] ?? '.data'), 'secret.key');
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
  // Written whole to a temporary name, then linked into place: link fails if another process won, and nobody reads half a key.
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

/** The key secrets are sealed with: SLUICE_SECRET_KEY (base64 of 32 bytes), or the key file, generated on first start. */
export function loadSecretKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env['SLUICE_SECRET_KEY']) return decodeKey(env['SLUICE_SECRET_KEY'], 'SLUICE_SECRET_KEY');
  return keyFromFile(secretKeyPath(env));
}

export function secretBoxFromEnv(env: NodeJS.ProcessEnv = process.env): SecretBox {
  return new SecretBox(loadSecretKey(env));
}
