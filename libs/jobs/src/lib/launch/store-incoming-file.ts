import { PassThrough, type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

import type { ObjectStore } from '@sluice/storage';
import { hasNetworkErrorCode, isStorageUnavailable } from '@sluice/storage';

import { invalidRequest, JobRequestError } from '../job-request-error';
import { CsvSniffer, XlsxSniffer } from './csv-sniffer';

/** A file as it arrives (a multipart part, a file a CLI reads): its name as given and its bytes. */
export interface IncomingFile {
  name: string;
  stream: Readable;
}

export function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** Passes bytes through until there are more than `maxBytes` of them. */
export class ByteLimit extends Transform {
  bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly tooLarge: () => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    callback(this.bytes > this.maxBytes ? this.tooLarge() : null, chunk);
  }
}

/**
 * Reads a stream to its end and drops its bytes. A file that is refused or fails is consumed, never
 * destroyed: its producer (busboy) stalls the rest of its body when a part's stream is destroyed.
 */
export function drain(stream: Readable): void {
  stream.on('error', () => undefined);
  stream.resume();
}

/** What a stored file's bytes are; by default CSV text, stored as it comes. */
export interface StoreFormat {
  /** What the (decompressed) content must be: CSV text, or an .xlsx workbook (a ZIP). */
  content?: 'text' | 'xlsx';
  /** Gzipped: decompressed as it streams; the limit and the sniff apply to what comes out. */
  gzip?: boolean;
  /** The bytes are decompressed ones (a .gz, an entry of a .zip): the size refusal says so. */
  decompressed?: boolean;
  /** How refusals name the file (an entry of a .zip: "archive.zip/data.csv"); its own name by default. */
  label?: string;
}

/**
 * Streams one file into S3 at `key` through the content sniff and the size limit (after decompressing
 * a gzipped one), never holding it whole; resolves with its (decompressed) size once stored. When the
 * file is too large, not what it should be, not valid gzip, or its stream fails, the S3 upload is aborted
 * before this rejects: with a JobRequestError, or with the stream's own error when the stream failed
 * (its producer knows what that means).
 */
export async function storeIncomingFile(
  store: Pick<ObjectStore, 'startUpload'>,
  key: string,
  file: IncomingFile,
  maxBytes: number,
  format: StoreFormat = {},
  /** The refusal when `maxBytes` is not the file limit but what is left of another (the workspace's storage). */
  tooLarge?: () => JobRequestError,
): Promise<number> {
  const { stream } = file;
  const name = format.label ?? file.name;
  const decompressed = format.decompressed || format.gzip ? ' once decompressed' : '';
  const limit = new ByteLimit(maxBytes, tooLarge ?? (() => new JobRequestError('too_large', `"${name}" is larger than the ${megabytes(maxBytes)} limit${decompressed}`)));
  const gunzip = format.gzip ? createGunzip() : null;
  const first = gunzip ?? limit;
  const sniffer = format.content === 'xlsx' ? new XlsxSniffer(name) : new CsvSniffer(name);
  const body = new PassThrough();
  let streamError: unknown = null;
  stream.on('error', (error) => {
    // Only a stream failing the file that is still being stored: one failing after it was refused or stored changes nothing.
    if (first.destroyed) return;
    streamError = error;
    first.destroy(error);
  });
  stream.pipe(first);
  const stages = gunzip ? pipeline(gunzip, limit, sniffer, body) : pipeline(limit, sniffer, body);
  const piped = stages.catch((error: unknown) => {
    stream.unpipe(first);
    drain(stream);
    throw error;
  });
  // A failed body fails the upload, which then aborts its S3 multipart upload before `done` rejects.
  const stored = store.startUpload(key, body);
  const [pipe, upload] = await Promise.allSettled([piped, stored.done]);
  if (streamError) throw streamError;
  if (pipe.status === 'rejected') {
    if (pipe.reason instanceof JobRequestError) throw pipe.reason;
    if (gunzip && isZlibError(pipe.reason)) throw invalidRequest(`"${name}" is not a valid gzip file: it is damaged or cut short`);
    throw storeFailure(pipe.reason, name);
  }
  if (upload.status === 'rejected') throw storeFailure(upload.reason, name);
  return limit.bytes;
}

/** zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR for a cut-off stream): the data, not the server, is at fault. */
function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/** Storage refused or failed to take the file: the caller hears a 503-kind sentence, the log gets the cause. */
function storeFailure(error: unknown, name: string): JobRequestError {
  if (error instanceof JobRequestError) return error;
  const unreachable = isStorageUnavailable(error) || hasNetworkErrorCode(error);
  return new JobRequestError(
    'unavailable',
    `Could not store "${name}": the object store did not accept it${unreachable ? ' (it is not reachable right now)' : ''}; try again shortly`,
    { cause: error, needsRef: true },
  );
}
