import type { IncomingMessage } from 'node:http';

import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';
import { drain, type JobUpload, JobRequestError, megabytes } from '@sluice/jobs';
import busboy from 'busboy';

import { onBodyIdle } from '../../infra/http/body-idle-timeout';

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

function malformed(error: Error): BadRequestException {
  return new BadRequestException(`The multipart body is malformed or incomplete (${error.message}); send the whole form, ending with its closing boundary`);
}

/**
 * Hands every file part of a multipart request to the job's upload as it arrives (which streams it
 * into S3, never holding a whole file), and returns the form's other fields. However the request
 * fails (a bad part, a body that is malformed or ends early, a client that stalls or goes away,
 * storage refusing a part), every part settles and the upload is discarded (S3 uploads aborted,
 * objects deleted) before the error is thrown, so a refused upload leaves nothing behind and no
 * stream error goes unanswered.
 */
export async function receiveMultipart(request: IncomingMessage, upload: JobUpload, limits: ReceiveLimits): Promise<Record<string, string>> {
  if (!request.headers['content-type']?.startsWith('multipart/form-data')) {
    throw new BadRequestException('Expected a multipart/form-data body with one or more "files" and a "dataset" field');
  }
  // Refused parts are read to their end so the client sees the answer; an endless body must not be.
  const maxBodyBytes = limits.maxFiles * limits.maxFileBytes + FORM_OVERHEAD_BYTES;
  const tooLarge = () =>
    new PayloadTooLargeException(`The upload is larger than the ${megabytes(maxBodyBytes)} a request may carry (${limits.maxFiles} files of ${megabytes(limits.maxFileBytes)})`);
  if (Number(request.headers['content-length']) > maxBodyBytes) throw tooLarge();
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: request.headers, limits: { fileSize: limits.maxFileBytes + 1, files: limits.maxFiles, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES } });
  } catch (error) {
    throw new BadRequestException(`Malformed multipart request: ${(error as Error).message}`);
  }

  const fields: Record<string, string> = {};
  const writes: Promise<void>[] = [];
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
    else if (value.includes('\u0000') || name.includes('\u0000'))
      reject(new BadRequestException(`Field "${name.replace(/\u0000/g, '\\0')}" contains a NUL byte (\\0), which is never valid`));
    fields[name] = value;
  });
  parser.on('fieldsLimit', () => reject(new BadRequestException(`Too many form fields: at most ${MAX_FIELDS} per upload`)));
  parser.on('filesLimit', () => reject(new BadRequestException(`Too many files: at most ${limits.maxFiles} per upload in this workspace, counting each CSV file inside a .zip`)));
  parser.on('file', (field, stream, info) => {
    const original = info.filename ?? '';
    if (rejection || !FILE_FIELDS.has(field)) {
      if (!rejection) reject(new BadRequestException(`Unexpected file field "${field}": send files as "files"`));
      drain(stream);
      return;
    }
    // The upload refuses what is not CSV or too large (busboy cuts a part a byte past the limit, so the upload sees it is over).
    writes.push(upload.addFile({ name: original, stream }).catch((error: unknown) => reject(partError(error))));
  });

  const parsed = new Promise<void>((resolve) => {
    parser.once('close', resolve);
    parser.on('error', (error: Error) => stop(partError(error)));
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
    await upload.discard();
    throw rejection;
  }
  return fields;
}

/** A part failed: the upload's refusal (too large, not CSV, storage down), the stop's own error, or the body the part was in being malformed. */
function partError(error: unknown): unknown {
  return error instanceof HttpException || error instanceof JobRequestError ? error : malformed(error as Error);
}
