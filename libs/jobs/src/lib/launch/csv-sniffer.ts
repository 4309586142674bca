import { Transform, TransformCallback } from 'node:stream';

import { describeBinaryContent, SNIFF_BYTES } from '@sluice/core';

import { invalidRequest } from '../job-request-error';

/** Passes bytes through, failing the stream if its head shows it is not CSV text. */
export class CsvSniffer extends Transform {
  private head: Buffer[] = [];
  private headBytes = 0;
  private decided = false;

  constructor(private readonly fileName: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.decided) return callback(null, chunk);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) return callback();
    this.release(callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.decided) return callback();
    this.release(callback);
  }

  private release(callback: TransformCallback): void {
    this.decided = true;
    const head = Buffer.concat(this.head);
    this.head = [];
    const kind = describeBinaryContent(head);
    if (kind) return callback(invalidRequest(`"${this.fileName}" is not a CSV file: its content looks like ${kind}`));
    callback(null, head);
  }
}
