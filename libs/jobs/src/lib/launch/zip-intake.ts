import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import yauzl from 'yauzl';

import { invalidRequest, JobRequestError } from '../job-request-error';
import { zipEntryVerdict } from './intake-format';
import { ByteLimit, drain, type IncomingFile, megabytes } from './store-incoming-file';

export interface ZipLimits {
  /** Bytes of the archive itself, and of each entry once decompressed. */
  maxBytes: number;
  /** CSV entries one archive may hold. */
  maxEntries: number;
}

/** One CSV entry of an archive, as a file to store: `name` is its base name, `label` how refusals name it. */
export interface ZipEntryFile extends IncomingFile {
  label: string;
}

/**
 * Reads the CSV entries of a .zip upload, handing each to `take` in archive order (one at a time:
 * its stream must be read to its end or fail before the next is opened). The archive is spooled to
 * a temp file first (yauzl reads a ZIP's central directory, at its end), bounded by the upload limit
 * and always removed. Every entry is checked before any is read: folders, macOS metadata and
 * dot-files are passed over; encrypted entries, nested archives, workbooks, other files, and entries
 * declaring more than the limit refuse the archive with a sentence naming the entry.
 */
export async function readZipEntries(file: IncomingFile, limits: ZipLimits, take: (entry: ZipEntryFile) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'sluice-zip-'));
  try {
    const path = join(dir, 'upload.zip');
    await spool(file, path, limits.maxBytes);
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
    } catch {
      throw invalidRequest(`"${file.name}" is not a valid .zip archive: it is damaged, cut short, or another kind of file`);
    }
    try {
      const entries = await csvEntries(zip, file.name, limits);
      for (const { entry, baseName } of entries) {
        const label = `${file.name}/${entry.fileName}`;
        const stream = await zip.openReadStreamPromise(entry).catch(() => {
          throw invalidRequest(`"${label}" cannot be read: it is damaged or stored with a compression method other than deflate`);
        });
        await take({ name: baseName, stream, label }).catch((error: unknown) => {
          // The entry's own stream failing is the archive's data being bad (a corrupt deflate stream, a size that does not match).
          if (error instanceof JobRequestError) throw error;
          throw invalidRequest(`"${label}" cannot be read: the archive's data for it is damaged`, { cause: error });
        });
      }
    } finally {
      zip.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The archive's bytes into `path`, refused past `maxBytes`; a refused stream is drained, never destroyed. */
async function spool(file: IncomingFile, path: string, maxBytes: number): Promise<void> {
  const limit = new ByteLimit(maxBytes, () => new JobRequestError('too_large', `"${file.name}" is larger than the ${megabytes(maxBytes)} limit`));
  let streamError: unknown = null;
  file.stream.on('error', (error) => {
    if (limit.destroyed) return;
    streamError = error;
    limit.destroy(error);
  });
  file.stream.pipe(limit);
  try {
    await pipeline(limit, createWriteStream(path));
  } catch (error) {
    file.stream.unpipe(limit);
    drain(file.stream);
    throw streamError ?? error;
  }
}

/** The entries to read, after checking every entry of the central directory. */
async function csvEntries(zip: yauzl.ZipFile, zipName: string, limits: ZipLimits): Promise<{ entry: yauzl.Entry; baseName: string }[]> {
  const taken: { entry: yauzl.Entry; baseName: string }[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      const verdict = zipEntryVerdict(entry.fileName);
      if (!verdict.take && verdict.skip) continue;
      const named = `"${zipName}" holds "${entry.fileName}"`;
      if (!verdict.take) throw invalidRequest(`${named}, which Sluice does not read: ${verdict.reason}`);
      if (entry.isEncrypted()) throw invalidRequest(`${named}, which is encrypted: upload an archive without a password`);
      if (entry.uncompressedSize > limits.maxBytes) {
        throw new JobRequestError('too_large', `"${zipName}/${entry.fileName}" is larger than the ${megabytes(limits.maxBytes)} limit once decompressed`);
      }
      taken.push({ entry, baseName: verdict.baseName });
      if (taken.length > limits.maxEntries) throw invalidRequest(`"${zipName}" holds more than ${limits.maxEntries} CSV files, the most one upload may have`);
    }
  } catch (error) {
    if (error instanceof JobRequestError) throw error;
    throw invalidRequest(`"${zipName}" is not a valid .zip archive: its list of files is damaged`, { cause: error });
  }
  if (taken.length === 0) throw invalidRequest(`"${zipName}" holds no CSV file: a .zip may hold .csv, .tsv and .txt files`);
  return taken;
}
