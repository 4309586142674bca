import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';
import { sanitizeFileName, uploadKey } from '@sluice/storage';
import type { ObjectStore } from '@sluice/storage';
import busboy from 'busboy';

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

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * Streams every file part of a multipart request straight into S3 under the job's prefix, never
 * holding a whole file in memory. On any rejection, every object written for the request is
 * deleted before the error is thrown, so a refused upload leaves nothing behind.
 */
export async function receiveMultipart(
  request: IncomingMessage,
  store: ObjectStore,
  jobId: string,
  limits: ReceiveLimits,
): Promise<ReceivedUpload> {
  if (!request.headers['content-type']?.startsWith('multipart/form-data')) {
    throw new BadRequestException('Expected a multipart/form-data body with one or more "files" and a "dataset" field');
  }
  const fields: Record<string, string> = {};
  const files: ReceivedFile[] = [];
  const writes: Promise<void>[] = [];
  const keys: string[] = [];
  let rejection: HttpException | null = null;
  const reject = (error: HttpException) => {
    rejection ??= error;
  };

  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: request.headers, limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 50 } });
  } catch (error) {
    throw new BadRequestException(`Malformed multipart request: ${(error as Error).message}`);
  }

  parser.on('field', (name, value) => {
    fields[name] = value;
  });
  parser.on('filesLimit', () => reject(new BadRequestException(`Too many files: at most ${limits.maxFiles} per upload`)));
  parser.on('file', (field, stream, info) => {
    const original = info.filename ?? '';
    if (rejection || !FILE_FIELDS.has(field)) {
      if (!rejection) reject(new BadRequestException(`Unexpected file field "${field}": send files as "files"`));
      stream.resume();
      return;
    }
    if (!/\.csv$/i.test(original.trim())) {
      reject(new BadRequestException(`"${original || 'unnamed file'}" is not a CSV file: expected a .csv file name`));
      stream.resume();
      return;
    }
    const uploadId = randomUUID();
    const fileName = sanitizeFileName(original);
    const key = uploadKey(jobId, uploadId, fileName);
    keys.push(key);
    let sizeBytes = 0;
    const body = new PassThrough();
    const sniffer = new CsvSniffer(original);
    stream.on('data', (chunk: Buffer) => {
      sizeBytes += chunk.length;
    });
    // busboy stalls if its file stream is destroyed: on failure, detach it and let it drain instead.
    const detach = () => {
      stream.unpipe(sniffer);
      stream.resume();
    };
    sniffer.once('error', detach);
    stream.on('limit', () => {
      const error = new PayloadTooLargeException(`"${original}" is larger than the ${megabytes(limits.maxFileBytes)} limit`);
      reject(error);
      // busboy only truncates; failing the body makes sure the truncated object is never completed.
      sniffer.destroy(error);
    });
    stream.pipe(sniffer);
    const stored = store.startUpload(key, body);
    writes.push(
      Promise.all([pipeline(sniffer, body), stored.done]).then(
        () => {
          files.push({ uploadId, fileName, key, sizeBytes });
        },
        async (error: unknown) => {
          await stored.abort().catch(() => undefined);
          if (error instanceof HttpException) reject(error);
          else if (error instanceof NotCsvContentError) reject(new BadRequestException(error.message));
          else reject(new HttpException(`Could not store "${original}": ${(error as Error).message}`, 503));
        },
      ),
    );
  });

  const parsed = new Promise<void>((resolve, fail) => {
    parser.on('close', resolve);
    parser.on('error', (error: Error) => fail(new BadRequestException(`Malformed multipart request: ${error.message}`)));
    request.on('aborted', () => fail(new BadRequestException('Upload was interrupted')));
  });
  request.pipe(parser);
  try {
    await parsed;
  } catch (error) {
    reject(error as HttpException);
  }
  await Promise.all(writes);
  if (rejection) {
    await store.deleteKeys(keys).catch(() => undefined);
    throw rejection;
  }
  return { fields, files: sortByKeyOrder(files, keys) };
}

// Parts finish storing in any order; keep the order the client sent them in.
function sortByKeyOrder(files: ReceivedFile[], keys: string[]): ReceivedFile[] {
  return [...files].sort((a, b) => keys.indexOf(a.key) - keys.indexOf(b.key));
}
