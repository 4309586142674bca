import { Transform, TransformCallback } from 'node:stream';

import { describeBinaryContent, SNIFF_BYTES } from '@sluice/core';

import { invalidRequest } from '../job-request-error';

/** Passes bytes through, failing the stream with `check`'s error if the file's head shows it is not what it should be. */
export class ContentSniffer extends Transform {
  private head: Buffer[] = [];
  private headBytes = 0;
  private decided = false;

  constructor(private readonly check: (head: Buffer) => Error | null) {
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
    const error = this.check(head);
    if (error) return callback(error);
    callback(null, head);
  }
}

/** Fails the stream if its head shows it is not CSV text. */
export class CsvSniffer extends ContentSniffer {
  constructor(fileName: string) {
    super((head) => {
      const kind = describeBinaryContent(head);
      return kind ? invalidRequest(`"${fileName}" is not a CSV file: its content looks like ${kind}`) : null;
    });
  }
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Fails the stream unless it starts as a ZIP archive does: an .xlsx workbook is one. */
export class XlsxSniffer extends ContentSniffer {
  constructor(fileName: string) {
    super((head) => {
      if (head.subarray(0, ZIP_SIGNATURE.length).equals(ZIP_SIGNATURE)) return null;
      const what = head.length === 0 ? 'it is empty' : `its content looks like ${describeBinaryContent(head) ?? 'text'}`;
      return invalidRequest(`"${fileName}" is not an Excel workbook (.xlsx): ${what}`);
    });
  }
}
