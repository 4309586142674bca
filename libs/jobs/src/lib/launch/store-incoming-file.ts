import { PassThrough, type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import type { ObjectStore } from '@sluice/storage';
import { hasNetworkErrorCode, isStorageUnavailable } from '@sluice/storage';

import { JobRequestError } from '../job-request-error';
import { CsvSniffer } from './csv-sniffer';

/** A file as it arrives (a multipart part, a file a CLI reads): its name as given and its bytes. */
export interface IncomingFile {
  name: string;
  stream: Readable;
}

export function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** Passes bytes through until there are more than `maxBytes` of them. */
class ByteLimit extends Transform {
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

/**
 * Streams one file into S3 at `key` through the CSV sniffer and the size limit, never holding it
 * whole; resolves with its size once stored. When the file is too large, not CSV, or its stream
 * fails, the S3 upload is aborted before this rejects: with a JobRequestError, or with the stream's
 * own error when the stream failed (its producer knows what that means).
 */
export async function storeIncomingFile(store: Pick<ObjectStore, 'startUpload'>, key: string, file: IncomingFile, maxBytes: number): Promise<number> {
  const { name, stream } = file;
  const limit = new ByteLimit(maxBytes, () => new JobRequestError('too_large', `"${name}" is larger than the ${megabytes(maxBytes)} limit`));
  const sniffer = new CsvSniffer(name);
  const body = new PassThrough();
  let streamError: unknown = null;
  stream.on('error', (error) => {
    // Only a stream failing the file that is still being stored: one failing after it was refused or stored changes nothing.
    if (limit.destroyed) return;
    streamError = error;
    limit.destroy(error);
  });
  stream.pipe(limit);
  const piped = pipeline(limit, sniffer, body).catch((error: unknown) => {
    stream.unpipe(limit);
    drain(stream);
    throw error;
  });
  // A failed body fails the upload, which then aborts its S3 multipart upload before `done` rejects.
  const stored = store.startUpload(key, body);
  const [pipe, upload] = await Promise.allSettled([piped, stored.done]);
  if (streamError) throw streamError;
  if (pipe.status === 'rejected') throw pipe.reason instanceof JobRequestError ? pipe.reason : storeFailure(pipe.reason, name);
  if (upload.status === 'rejected') throw storeFailure(upload.reason, name);
  return limit.bytes;
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
