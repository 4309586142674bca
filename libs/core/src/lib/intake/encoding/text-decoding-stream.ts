import { Transform, TransformCallback } from 'node:stream';

import { FileRejection } from '../../validation/file-rejection';
import { canonicalEncoding } from '../reading-options-schema';

export interface TextDecodingOptions {
  /** Leading bytes not to decode: the byte order mark detectEncoding found. */
  skipBytes?: number;
  /**
   * For a UTF-8 guess made from a head of plain ASCII: asked, with the first chunk that is not UTF-8, which encoding the
   * file is after all (null to keep UTF-8). A sorted export may show its first accent megabytes in.
   */
  redetect?: (bytes: Uint8Array) => string | null;
}

/** The replacement character a decoder puts for bytes the encoding does not define. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * Enough bytes before a failing chunk for a decoder to find the character boundaries again (a multi-byte character is
 * at most 4 bytes), taken at an offset that is a multiple of 4 so UTF-16 code units stay aligned.
 */
const RESYNC_BYTES = 16;

function countReplacements(text: string): number {
  let count = 0;
  for (let at = text.indexOf(REPLACEMENT_CHARACTER); at !== -1; at = text.indexOf(REPLACEMENT_CHARACTER, at + 1)) count += 1;
  return count;
}

/**
 * Bytes in, strings out, in any encoding Node's full-ICU TextDecoder knows. Bytes the encoding does not define become
 * U+FFFD and set `undecodable` (never an error: the reader rejects only the rows that hold them). Each chunk is decoded
 * strictly first, in one native call, so a clean file costs what a UTF-8-only decoder costs; only from the first chunk
 * that fails on is the rest decoded with replacement. A character split across chunks (a UTF-8 sequence, a UTF-16 code
 * unit or surrogate pair, a Shift_JIS pair) is joined, as TextDecoder does with `stream: true`.
 */
export class TextDecodingStream extends Transform {
  /** The encoding decoded with: the one asked for, or the one `redetect` chose. */
  encoding: string;
  /** True once any bytes could not be decoded (they became U+FFFD). */
  undecodable = false;
  /**
   * How many U+FFFD the lenient decoding produced: the undecodable sequences, plus any U+FFFD the file itself holds
   * after the first undecodable byte (a clean file's own U+FFFD never counts).
   */
  undecodableSequences = 0;

  private readonly ignoreBOM: boolean;
  /** Still only ASCII so far, with a redetection to run at the first chunk that is not. */
  private redetect: ((bytes: Uint8Array) => string | null) | null;
  private strict: TextDecoder;
  private lenient: TextDecoder | null = null;
  private toSkip: number;
  /** Bytes decoded so far (after the skipped ones), and the last few of them, for resynchronising a lenient decoder. */
  private decodedBytes = 0;
  private recent: Uint8Array = new Uint8Array(0);

  constructor(encoding: string, options: TextDecodingOptions = {}) {
    // Strings pass as they are decoded (a byte-mode readable would encode each to UTF-8 and decode it again); a few
    // chunks of up to 64 Ki characters each may wait downstream.
    super({ readableObjectMode: true, readableHighWaterMark: 4, decodeStrings: true });
    const canonical = canonicalEncoding(encoding);
    if (canonical === null || canonical === 'replacement') throw new FileRejection(`Unknown encoding "${encoding}"`);
    this.encoding = canonical;
    this.toSkip = options.skipBytes ?? 0;
    // A BOM the caller skips is gone; anything after it is text. Without a skip, the decoder drops a leading BOM itself.
    this.ignoreBOM = this.toSkip > 0;
    this.strict = new TextDecoder(canonical, { fatal: true, ignoreBOM: this.ignoreBOM });
    this.redetect = canonical === 'utf-8' ? (options.redetect ?? null) : null;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let bytes: Uint8Array = chunk;
    if (this.toSkip > 0) {
      const skipped = Math.min(this.toSkip, bytes.length);
      this.toSkip -= skipped;
      bytes = bytes.subarray(skipped);
      if (bytes.length === 0) return callback();
    }
    if (this.lenient === null) {
      try {
        const text = this.strict.decode(bytes, { stream: true });
        // A UTF-8 character takes more than one byte: as many characters as bytes is plain ASCII, still undecided.
        if (this.redetect && text.length !== bytes.length) this.redetect = null;
        this.remember(bytes);
        return callback(null, text.length > 0 ? text : undefined);
      } catch {
        if (this.switchEncoding(bytes)) return this._transform(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), _encoding, callback);
        this.lenient = this.resynchronisedLenientDecoder();
      }
    }
    const text = this.lenient.decode(bytes, { stream: true });
    this.remember(bytes);
    this.noteReplacements(text);
    callback(null, text.length > 0 ? text : undefined);
  }

  override _flush(callback: TransformCallback): void {
    let text: string;
    if (this.lenient === null) {
      try {
        text = this.strict.decode();
      } catch {
        // The file ends inside a character.
        text = REPLACEMENT_CHARACTER;
        this.undecodable = true;
        this.undecodableSequences += 1;
      }
    } else {
      text = this.lenient.decode();
      this.noteReplacements(text);
    }
    callback(null, text.length > 0 ? text : undefined);
  }

  /** After plain ASCII, the first bytes that are not UTF-8 may say the file is in another encoding: ASCII reads the same in it. */
  private switchEncoding(bytes: Uint8Array): boolean {
    const redetect = this.redetect;
    this.redetect = null;
    const encoding = redetect?.(bytes) ?? null;
    const canonical = encoding === null ? null : canonicalEncoding(encoding);
    if (canonical === null || canonical === this.encoding || canonical === 'replacement') return false;
    this.encoding = canonical;
    this.strict = new TextDecoder(canonical, { fatal: true, ignoreBOM: true });
    return true;
  }

  private noteReplacements(text: string): void {
    const count = countReplacements(text);
    if (count === 0) return;
    this.undecodable = true;
    this.undecodableSequences += count;
  }

  /** A replacing decoder in the state the strict one was in before the failing chunk: it re-reads the last bytes that decoded cleanly. */
  private resynchronisedLenientDecoder(): TextDecoder {
    // Nothing decoded yet: a fresh decoder drops a leading BOM just as the strict one would have.
    if (this.recent.length === 0) return new TextDecoder(this.encoding, { fatal: false, ignoreBOM: this.ignoreBOM });
    const decoder = new TextDecoder(this.encoding, { fatal: false, ignoreBOM: true });
    // Its output is dropped: the strict decoder emitted that text already (whatever it makes of a character cut at the window's start too).
    decoder.decode(this.recent, { stream: true });
    return decoder;
  }

  /** Keeps the last RESYNC_BYTES or more decoded bytes, starting at an offset that is a multiple of 4. */
  private remember(bytes: Uint8Array): void {
    this.decodedBytes += bytes.length;
    const window = bytes.length >= RESYNC_BYTES + 4 ? bytes : concat(this.recent, bytes);
    const windowStart = this.decodedBytes - window.length;
    const keepFrom = Math.max(0, window.length - RESYNC_BYTES);
    const aligned = keepFrom - ((windowStart + keepFrom) % 4);
    this.recent = window.subarray(Math.max(0, aligned));
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
