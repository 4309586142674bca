import type { IncomingMessage } from 'node:http';

import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import busboy from 'busboy';

import { onBodyIdle } from '../../infra/http/body-idle-timeout';
import { ClientClosedRequestException } from '../uploads/multipart-receiver';

/** How much of a CSV file a preview reads: enough for a header, a detected dialect and the first rows. */
export const PREVIEW_HEAD_BYTES = 1 << 20;
const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 64 * 1024;

export interface PreviewForm {
  fileName: string;
  /** The file's start (all of it when it is short, or a workbook within `maxWorkbookBytes`). */
  bytes: Uint8Array;
  /** More bytes followed that were not kept. */
  truncated: boolean;
  fields: Record<string, string>;
}

/** A workbook is a zip whose directory is at its end: its start alone cannot be read. */
const isWorkbook = (fileName: string) => /\.xlsx$/i.test(fileName);

/**
 * Reads a preview's multipart body: its one `file` part up to the head size (the rest is read and
 * dropped, so the client gets its answer), and its fields. Nothing is stored.
 */
export async function receivePreviewForm(request: IncomingMessage, limits: { maxWorkbookBytes: number }): Promise<PreviewForm> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: request.headers, limits: { files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES } });
  } catch (error) {
    throw new BadRequestException(`Malformed multipart request: ${(error as Error).message}`);
  }
  const fields: Record<string, string> = {};
  let file: PreviewForm | null = null;
  let rejection: unknown = null;
  const reject = (error: unknown) => {
    rejection ??= error;
  };
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
    fields[name] = value;
  });
  parser.on('fieldsLimit', () => reject(new BadRequestException(`Too many form fields: at most ${MAX_FIELDS}`)));
  parser.on('filesLimit', () => reject(new BadRequestException('Send one file to preview, as "file"')));
  const read: Promise<void>[] = [];
  parser.on('file', (field, stream, info) => {
    if (field !== 'file') {
      reject(new BadRequestException(`Unexpected file field "${field}": send the file to preview as "file"`));
      stream.resume();
      return;
    }
    const fileName = info.filename ?? '';
    const keep = isWorkbook(fileName) ? limits.maxWorkbookBytes : PREVIEW_HEAD_BYTES;
    const chunks: Buffer[] = [];
    let kept = 0;
    let truncated = false;
    read.push(
      new Promise<void>((resolve) => {
        stream.on('data', (chunk: Buffer) => {
          if (kept >= keep) {
            truncated = true;
            return;
          }
          const part = chunk.subarray(0, keep - kept);
          if (part.length < chunk.length) truncated = true;
          chunks.push(part);
          kept += part.length;
        });
        stream.once('end', () => {
          file = { fileName, bytes: Buffer.concat(chunks), truncated, fields };
          resolve();
        });
        stream.once('error', (error) => {
          reject(error);
          resolve();
        });
      }),
    );
  });
  const parsed = new Promise<void>((resolve) => {
    parser.once('close', resolve);
    parser.on('error', (error: Error) =>
      stop(error instanceof BadRequestException ? error : new BadRequestException(`The multipart body is malformed or incomplete (${error.message})`)),
    );
  });
  request.pipe(parser);
  // The part past the head is read and dropped, up to what an upload may carry; an endless body is not.
  const maxBodyBytes = limits.maxWorkbookBytes + MAX_FIELDS * MAX_FIELD_BYTES;
  let bodyBytes = 0;
  request.on('data', (chunk: Buffer) => {
    bodyBytes += chunk.length;
    if (bodyBytes > maxBodyBytes) stop(new PayloadTooLargeException(`A preview body may carry at most ${Math.round(maxBodyBytes / 1024 / 1024)} MB`));
  });
  await parsed;
  await Promise.all(read);
  if (rejection) throw rejection;
  const received = file as PreviewForm | null;
  if (!received) throw new BadRequestException('Send the file to preview as the multipart part "file"');
  if (isWorkbook(received.fileName) && received.truncated) {
    throw new PayloadTooLargeException(`"${received.fileName}" is larger than the upload limit, so it cannot be previewed`);
  }
  if (received.bytes.length === 0) throw new BadRequestException(`"${received.fileName || 'file'}" is empty`);
  return received;
}
