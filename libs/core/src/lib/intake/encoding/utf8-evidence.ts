/** Valid multi-byte UTF-8 sequences and invalid bytes in a sample (a sequence cut at its end counts as neither). */
export function utf8Evidence(bytes: Uint8Array): { multiByte: number; invalid: number } {
  let multiByte = 0;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) {
      invalid += 1;
      i += 1;
      continue;
    }
    let continued = true;
    let k = 1;
    for (; k < length && i + k < bytes.length; k += 1) if ((bytes[i + k] & 0xc0) !== 0x80) continued = false;
    if (continued && k < length) break;
    if (continued) {
      multiByte += 1;
      i += length;
    } else {
      invalid += 1;
      i += 1;
    }
  }
  return { multiByte, invalid };
}

/**
 * UTF-8 with a few bad bytes (one pasted from a Latin-1 system): the many valid multi-byte sequences say
 * the file is UTF-8, and the bad bytes are the rows' problem, not the file's. (Double-byte legacy encodings
 * form valid sequences by chance, so a few are no evidence on their own.)
 */
export function isMostlyUtf8(bytes: Uint8Array): boolean {
  const { multiByte, invalid } = utf8Evidence(bytes);
  return multiByte >= 2 && invalid * 2 <= multiByte;
}

/**
 * Western single-byte text almost never forms a valid UTF-8 sequence (é followed by a letter is invalid): a file that
 * a single-byte encoding would read, but that holds one, is UTF-8 with some bad rows (rejected, never mangled).
 */
export function hasUtf8Sequence(bytes: Uint8Array): boolean {
  return utf8Evidence(bytes).multiByte >= 1;
}
