import { REPLACEMENT_CHARACTER } from './text-decoding-stream';

/**
 * True when a row's cells hold U+FFFD. Only meaningful for a file whose TextDecodingStream reported `undecodable`:
 * in a clean file a U+FFFD is the file's own character and is kept.
 */
export function hasUndecodable(cells: { readonly length: number; at(index: number): string | undefined }): boolean {
  for (let i = 0; i < cells.length; i += 1) if (cells.at(i)?.includes(REPLACEMENT_CHARACTER)) return true;
  return false;
}

/** The row error for a row holding bytes its file's encoding does not define. */
export function undecodableRowError(encoding: string): string {
  return `Row holds bytes that are not valid ${encoding} text (shown as ${REPLACEMENT_CHARACTER}); re-upload with the right encoding`;
}
