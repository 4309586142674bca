/** What a file's first bytes say about its encoding: a byte order mark, or the NUL pattern of UTF-16 without one. */
export type ByteOrderMark = { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bytes: number } | { unsupported: 'UTF-32LE' | 'UTF-32BE'; bytes: number };

const startsWith = (head: Uint8Array, bytes: number[]) => head.length >= bytes.length && bytes.every((byte, i) => head[i] === byte);

/** The byte order mark the head starts with, if any (UTF-32 ones are checked first: FF FE 00 00 also starts like UTF-16 LE). */
export function readByteOrderMark(head: Uint8Array): ByteOrderMark | null {
  if (startsWith(head, [0xff, 0xfe, 0x00, 0x00])) return { unsupported: 'UTF-32LE', bytes: 4 };
  if (startsWith(head, [0x00, 0x00, 0xfe, 0xff])) return { unsupported: 'UTF-32BE', bytes: 4 };
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bytes: 3 };
  if (startsWith(head, [0xff, 0xfe])) return { encoding: 'utf-16le', bytes: 2 };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: 'utf-16be', bytes: 2 };
  return null;
}

/** How many leading bytes the NUL-pattern check looks at. */
const PATTERN_BYTES = 4096;

/**
 * UTF-16 without a BOM, told by its NULs: CSV text always holds ASCII delimiters, digits and line breaks, which UTF-16 LE
 * writes with a NUL at every odd position and BE at every even one, while binary data scatters NULs on both.
 */
export function utf16ByNulPattern(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(head.length, PATTERN_BYTES) & ~1;
  // Too few bytes to tell a pattern from chance.
  if (length < 8) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < length; i += 2) {
    if (head[i] === 0) evenNuls += 1;
    if (head[i + 1] === 0) oddNuls += 1;
  }
  const units = length / 2;
  // One side must be nearly free of NULs (a CJK character such as U+4E00 has one there); the other holds every ASCII
  // character's, and CSV text, even Cyrillic or CJK, has at least its delimiters, digits and line breaks in ASCII.
  const order = oddNuls >= units * 0.1 && evenNuls * 10 <= oddNuls ? 'utf-16le' : evenNuls >= units * 0.1 && oddNuls * 10 <= evenNuls ? 'utf-16be' : null;
  return order !== null && decodesAsUtf16(head.subarray(0, length), order) && !mostlyControls(head.subarray(0, length), order) ? order : null;
}

/** Binary data of 16-bit numbers has the NUL pattern too, but reads as control characters rather than text. */
function mostlyControls(bytes: Uint8Array, order: 'utf-16le' | 'utf-16be'): boolean {
  const text = new TextDecoder(order).decode(bytes);
  let controls = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) controls += 1;
  }
  return controls > text.length * 0.01;
}

/** Lone surrogates would make it binary after all; a pair cut at the end of the head is fine. */
function decodesAsUtf16(bytes: Uint8Array, order: 'utf-16le' | 'utf-16be'): boolean {
  try {
    new TextDecoder(order, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** True when the head is UTF-16 text: a UTF-16 byte order mark followed by valid UTF-16, or the NUL pattern. */
export function looksLikeUtf16Text(head: Uint8Array): boolean {
  const bom = readByteOrderMark(head);
  if (bom !== null && 'encoding' in bom && bom.encoding !== 'utf-8') return decodesAsUtf16(head.subarray(bom.bytes, Math.min(head.length, PATTERN_BYTES) & ~1), bom.encoding);
  return utf16ByNulPattern(head) !== null;
}
