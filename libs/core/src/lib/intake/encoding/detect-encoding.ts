import { FileRejection } from '../../validation/file-rejection';
import { canonicalEncoding } from '../reading-options-schema';
import { readByteOrderMark, utf16ByNulPattern } from './byte-order-mark';
import { guessLegacyEncoding } from './legacy-encoding';
import { hasUtf8Sequence, isMostlyUtf8 } from './utf8-evidence';

/** Bytes after which a text file shows a line break or a delimiter. */
const STRUCTURE_BYTES = 1024;
const STRUCTURE = new Set([0x0a, 0x0d, 0x2c, 0x3b, 0x09, 0x7c]);

function hasTableStructure(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i += 1) if (STRUCTURE.has(bytes[i])) return true;
  return false;
}

/** How a file's text is to be decoded, and why. */
export interface DetectedEncoding {
  /** The WHATWG name, as `new TextDecoder(label).encoding` gives it. */
  encoding: string;
  source: 'declared' | 'bom' | 'detected' | 'default';
  /** 0-100, for a guess (source 'detected' or 'default'). */
  confidence?: number;
  /** Leading bytes to skip: the byte order mark, also when the declared encoding agrees with it. */
  bomBytes: number;
}

/** What a file that says nothing and fits nothing is read as: Western European text is by far the most common legacy kind. */
const DEFAULT_ENCODING = 'windows-1252';
const DEFAULT_CONFIDENCE = 10;

/** How much of the head the guesses look at (chardet and the trial decodes cost time in proportion). */
const DETECTION_BYTES = 64 * 1024;

/** True when the bytes are UTF-8 (pure ASCII included); a character cut at the end of the head is fine. */
function isUtf8(head: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding of a file from its first bytes: the declared one (an upload's or dataset's option), else a byte order mark,
 * else UTF-16 by its NUL pattern, else UTF-8 when the bytes are valid UTF-8, else a legacy encoding guessed with chardet,
 * else windows-1252. Throws FileRejection for an encoding label Node cannot decode and for UTF-32, which it cannot either.
 */
export function detectEncoding(head: Uint8Array, declared?: string): DetectedEncoding {
  const bom = readByteOrderMark(head);
  if (declared !== undefined && declared.trim() !== '') {
    const encoding = canonicalEncoding(declared);
    if (encoding === null || encoding === 'replacement') {
      throw new FileRejection(
        `Unknown encoding "${declared}": Sluice can decode utf-8, utf-16le, utf-16be, windows-1252, iso-8859-15, shift_jis, gb18030, euc-kr, big5 and the other WHATWG encodings`,
      );
    }
    if (bom !== null && 'encoding' in bom) {
      if (bom.encoding === encoding) return { encoding, source: 'declared', bomBytes: bom.bytes };
      // "utf-16" names no byte order (WHATWG reads it as LE): the mark says which one the file has.
      if (encoding.startsWith('utf-16') && bom.encoding.startsWith('utf-16')) return { encoding: bom.encoding, source: 'bom', bomBytes: bom.bytes };
    }
    return { encoding, source: 'declared', bomBytes: 0 };
  }
  if (bom !== null) {
    if ('unsupported' in bom)
      throw new FileRejection(`File is ${bom.unsupported} text (it starts with a UTF-32 byte order mark), which Sluice cannot read: save it as UTF-8 or UTF-16`);
    return { encoding: bom.encoding, source: 'bom', bomBytes: bom.bytes };
  }
  const sample = head.subarray(0, DETECTION_BYTES);
  const utf16 = utf16ByNulPattern(sample);
  if (utf16 !== null) return { encoding: utf16, source: 'detected', confidence: 90, bomBytes: 0 };
  if (isUtf8(sample)) return { encoding: 'utf-8', source: 'detected', confidence: 100, bomBytes: 0 };
  if (isMostlyUtf8(sample)) return { encoding: 'utf-8', source: 'detected', confidence: 80, bomBytes: 0 };
  // Every encoding left to guess writes line breaks and delimiters as ASCII: bytes without any are not a table in one.
  if (sample.length >= STRUCTURE_BYTES && !hasTableStructure(sample)) {
    throw new FileRejection(
      `File is not text Sluice can read: it is not UTF-8, and its first ${sample.length.toLocaleString('en-US')} bytes hold no line break or delimiter, as text in any other encoding would; if it is text, upload it with its encoding named`,
    );
  }
  const legacy = guessLegacyEncoding(sample);
  // Western only: in Cyrillic or Greek single-byte text, letter pairs do form UTF-8 sequences.
  const western = legacy === null || ['windows-1252', 'iso-8859-1', 'iso-8859-15'].includes(legacy.encoding);
  if (western && hasUtf8Sequence(sample)) return { encoding: 'utf-8', source: 'detected', confidence: 60, bomBytes: 0 };
  if (legacy !== null) return { encoding: legacy.encoding, source: 'detected', confidence: legacy.confidence, bomBytes: 0 };
  return { encoding: DEFAULT_ENCODING, source: 'default', confidence: DEFAULT_CONFIDENCE, bomBytes: 0 };
}
