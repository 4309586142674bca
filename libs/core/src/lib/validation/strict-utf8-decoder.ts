import { Transform, TransformCallback } from 'node:stream';

import { FileRejection } from './csv-file-validator';

/**
 * Bytes in, text out, refusing anything that is not UTF-8: a lenient decoder would turn a
 * Latin-1 or binary file into replacement characters and "valid" rows. A leading BOM is dropped.
 */
export class StrictUtf8Decoder extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private bytesSeen = 0;

  constructor() {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      const text = this.decoder.decode(chunk, { stream: true });
      this.bytesSeen += chunk.length;
      callback(null, text);
    } catch {
      callback(new FileRejection(`File is not UTF-8 text: invalid bytes within bytes ${this.bytesSeen + 1}–${this.bytesSeen + chunk.length}`));
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      callback(null, this.decoder.decode());
    } catch {
      callback(new FileRejection('File is not UTF-8 text: it ends inside a multi-byte character'));
    }
  }
}
