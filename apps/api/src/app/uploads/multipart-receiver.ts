import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { BadRequestException, HttpException, Logger, PayloadTooLargeException } from '@nestjs/common';
import { sanitizeFileName, uploadKey } from '@sluice/storage';
import type { ObjectStore } from '@sluice/storage';
import busboy from 'busboy';

import { onBodyIdle } from '../http/body-idle-timeout';
import { errorAnswer } from '../http/error-answer';
import { CsvSniffer, NotCsvContentError } from './csv-sniffer';

export interface ReceivedFile {
  uploadId: string;
  fileName: string;
  key: string;
  sizeBytes: number;
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  files: ReceivedFile[];
}

export interface ReceiveLimits {
  maxFileBytes: number;
  maxFiles: number;
}

const FILE_FIELDS = new Set(['files', 'file']);
const MAX_FIELDS = 50;
const MAX_FIELD_BYTES = 64 * 1024;
/** Room for part headers, boundaries and fields next to the files themselves. */
const FORM_OVERHEAD_BYTES = MAX_FIELDS * MAX_FIELD_BYTES;

/** The client closed the connection before its body was complete: nobody is left to answer (nginx's 499). */
export class ClientClosedRequestException extends HttpException {
  constructor() {
    super('The client closed the connection before the upload was complete', 499);
  }
}

const logger = new Logger('MultipartReceiver');

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

function malformed(error: Error): BadRequestException {
  return new BadRequestException(`The multipart body is malformed or incomplete (${error.message}); send the whole form, ending with its closing boundary`);
}

/**
 * Streams every file part of a multipart request straight into S3 under the job's prefix, never
 * holding a whole file in memory. However the request fails (a bad part, a body that is malformed or
 * ends early, a client that stalls or goes away, storage refusing a part), every S3 multipart upload
 * it started is aborted and every object it wrote deleted before the error is thrown, so a refused
 * upload leaves nothing behind and no stream error goes unanswered.
 */
export async function receiveMultipart(request: IncomingMessage, store: ObjectStore, jobId: string, limits: ReceiveLimits): Promise<ReceivedUpload> {
  if (!request.headers['content-type']?.startsWith('multipart/form-data')) {
    throw new BadRequestException('Expected a multipart/form-data body with one or more "files" and a "dataset" field');
  }
  // Refused parts are read to their end so the client sees the answer; an endless body must not be.
  const maxBodyBytes = limits.maxFiles * limits.maxFileBytes + FORM_OVERHEAD_BYTES;
  const tooLarge = () => new PayloadTooLargeException(`The upload is larger than the ${megabytes(maxBodyBytes)} a request may carry (${limits.maxFiles} files of ${megabytes(limits.maxFileBytes)})`);
  if (Number(request.headers['content-length']) > maxBodyBytes) throw tooLarge();
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: request.headers, limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES } });
  } catch (error) {
    throw new BadRequestException(`Malformed multipart request: ${(error as Error).message}`);
  }

  const fields: Record<string, string> = {};
  const files: ReceivedFile[] = [];
  const writes: Promise<void>[] = [];
  const keys: string[] = [];
  let rejection: unknown = null;
  const reject = (error: unknown) => {
    rejection ??= error;
  };

  // The body itself failed (malformed, stalled, abandoned): stop reading it. Destroying the parser
  // fails the file part being stored with the same error, which aborts its S3 upload.
  let stopped = false;
  const stop = (error: unknown) => {
    reject(error);
    if (stopped) return;
    stopped = true;
    request.unpipe(parser);
    parser.destroy(error instanceof Error ? error : new Error(String(error)));
  };
  onBodyIdle(request, stop);
  request.once('close', () => {
    if (!request.complete) stop(new ClientClosedRequestException());
  });

  parser.on('field', (name, value, info) => {
    if (info.valueTruncated) reject(new PayloadTooLargeException(`Field "${name}" is longer than ${MAX_FIELD_BYTES / 1024} KB`));
    else if (value.includes('\u0000') || name.includes('\u0000')) reject(new BadRequestException(`Field "${name.replace(/\u0000/g, '\\0')}" contains a NUL byte (\\0), which is never valid`));
    fields[name] = value;
  });
  parser.on('fieldsLimit', () => reject(new BadRequestException(`Too many form fields: at most ${MAX_FIELDS} per upload`)));
  parser.on('filesLimit', () => reject(new BadRequestException(`Too many files: at most ${limits.maxFiles} per upload`)));
  parser.on('file', (field, stream, info) => {
    const original = info.filename ?? '';
    if (rejection || !FILE_FIELDS.has(field)) {
      if (!rejection) reject(new BadRequestException(`Unexpected file field "${field}": send files as "files"`));
      drain(stream);
      return;
    }
    if (!/\.csv$/i.test(original.trim())) {
      reject(new BadRequestException(`"${original || 'unnamed file'}" is not a CSV file: expected a .csv file name`));
      drain(stream);
      return;
    }
    const uploadId = randomUUID();
    const fileName = sanitizeFileName(original);
    const key = uploadKey(jobId, uploadId, fileName);
    keys.push(key);
    writes.push(
      storePart(stream, store, key, original, limits.maxFileBytes).then(
        (sizeBytes) => {
          files.push({ uploadId, fileName, key, sizeBytes });
        },
        (error: unknown) => reject(partError(error, original)),
      ),
    );
  });

  const parsed = new Promise<void>((resolve) => {
    parser.once('close', resolve);
    parser.on('error', (error: Error) => stop(error instanceof HttpException ? error : malformed(error)));
  });
  request.pipe(parser);
  let bodyBytes = 0;
  request.on('data', (chunk: Buffer) => {
    bodyBytes += chunk.length;
    if (bodyBytes > maxBodyBytes) stop(tooLarge());
  });
  await parsed;
  // Every part settles (stored, or its S3 upload aborted) before the request is answered.
  await Promise.all(writes);
  if (rejection) {
    await store.deleteKeys(keys).catch((error: unknown) => logger.error(`Could not delete the objects of refused upload ${jobId}: ${error}`));
    throw rejection;
  }
  return { fields, files: sortByKeyOrder(files, keys) };
}

/** busboy stalls if a file stream is destroyed: a part that is not wanted (or failed) is read to its end and dropped. */
function drain(stream: Readable): void {
  stream.on('error', () => undefined);
  stream.resume();
}

/**
 * Streams one file part into S3 through the CSV sniffer; resolves with its size once stored. Rejects
 * once the S3 upload has been aborted when the part fails: too large, not CSV, or cut short.
 */
async function storePart(stream: Readable, store: ObjectStore, key: string, original: string, maxBytes: number): Promise<number> {
  let sizeBytes = 0;
  const sniffer = new CsvSniffer(original);
  const body = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    sizeBytes += chunk.length;
  });
  // Only the body can fail busboy's stream: it ended inside this part, or the request was stopped.
  stream.on('error', (error) => sniffer.destroy(error instanceof HttpException ? error : malformed(error)));
  sniffer.once('error', () => {
    stream.unpipe(sniffer);
    drain(stream);
  });
  stream.on('limit', () => sniffer.destroy(new PayloadTooLargeException(`"${original}" is larger than the ${megabytes(maxBytes)} limit`)));
  stream.pipe(sniffer);
  // A failed body fails the upload, which then aborts its S3 multipart upload before `done` rejects.
  const stored = store.startUpload(key, body);
  const [piped, uploaded] = await Promise.allSettled([pipeline(sniffer, body), stored.done]);
  if (piped.status === 'rejected') throw piped.reason;
  if (uploaded.status === 'rejected') throw uploaded.reason;
  return sizeBytes;
}

/** What a part's failure means for the client: its own (400/413), or storage's (503, logged with a ref). */
function partError(error: unknown, original: string): unknown {
  if (error instanceof HttpException) return error;
  if (error instanceof NotCsvContentError) return new BadRequestException(error.message);
  const { status, ref } = errorAnswer(error);
  logger.error(`ref ${ref ?? '-'}: could not store "${original}": ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return new HttpException(`Could not store "${original}": the object store did not accept it${status === 503 ? ' (it is not reachable right now)' : ''}; try again shortly${ref ? ` (ref ${ref})` : ''}`, 503);
}

// Parts finish storing in any order; keep the order the client sent them in.
function sortByKeyOrder(files: ReceivedFile[], keys: string[]): ReceivedFile[] {
  return [...files].sort((a, b) => keys.indexOf(a.key) - keys.indexOf(b.key));
}
