import { looksLikeUtf16Text, readByteOrderMark } from '../intake/encoding/byte-order-mark';

const SIGNATURES: { bytes: number[]; kind: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'a ZIP archive or Excel (.xlsx) workbook' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], kind: 'an Excel 97 (.xls) or other Office document' },
  { bytes: [0x25, 0x50, 0x44, 0x46], kind: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'a GIF image' },
  { bytes: [0x1f, 0x8b], kind: 'a gzip archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: 'an executable' },
];

/** How many leading bytes the sniff needs to see. */
export const SNIFF_BYTES = 8192;

/**
 * Says what a file is when its first bytes show it is not text (a known binary signature, or a NUL byte, which text
 * files never contain outside UTF-16 and UTF-32); null when it may be CSV. Encoding is checked later, in full.
 */
export function describeBinaryContent(head: Uint8Array): string | null {
  for (const { bytes, kind } of SIGNATURES) {
    if (bytes.every((byte, i) => head[i] === byte)) return kind;
  }
  const bom = readByteOrderMark(head);
  if (bom !== null && 'unsupported' in bom) return 'UTF-32 text, which Sluice cannot read (save it as UTF-8 or UTF-16)';
  // UTF-16 text (Excel's "Unicode text") has a NUL in every ASCII character.
  if (looksLikeUtf16Text(head)) return null;
  return head.subarray(0, SNIFF_BYTES).includes(0) ? 'binary data (it contains NUL bytes)' : null;
}
