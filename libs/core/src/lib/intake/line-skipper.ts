/** What a skipped line holds when it is blank: nothing but whitespace, delimiters and quotes. */
const FILLED = /[^\s,;|"']/;

/**
 * Drops the first `count` physical lines of a text stream (`\r\n`, `\n` and `\r` each end one) and passes the
 * rest through: the lines above a file's header are not parsed as CSV. `skipped.blank` counts the blank ones.
 */
export async function* skipLines(text: AsyncIterable<string>, count: number, skipped: { blank: number } = { blank: 0 }): AsyncGenerator<string> {
  let left = count;
  let pendingCR = false;
  let filled = false;
  const endLine = () => {
    if (!filled) skipped.blank += 1;
    filled = false;
  };
  for await (let chunk of text) {
    if (left === 0) {
      if (pendingCR && chunk.startsWith('\n')) chunk = chunk.slice(1);
      pendingCR = false;
      if (chunk !== '') yield chunk;
      continue;
    }
    let i = 0;
    if (pendingCR) {
      if (chunk.startsWith('\n')) i = 1;
      pendingCR = false;
    }
    while (left > 0 && i < chunk.length) {
      const lf = chunk.indexOf('\n', i);
      const cr = chunk.indexOf('\r', i);
      if (lf === -1 && cr === -1) {
        filled ||= FILLED.test(chunk.slice(i));
        i = chunk.length;
        break;
      }
      const at = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
      filled ||= FILLED.test(chunk.slice(i, at));
      endLine();
      left -= 1;
      i = at + 1;
      if (chunk.charCodeAt(at) === 13) {
        if (i < chunk.length) {
          if (chunk.charCodeAt(i) === 10) i += 1;
        } else pendingCR = true;
      }
    }
    if (left === 0 && pendingCR) continue;
    if (left === 0 && i < chunk.length) yield chunk.slice(i);
  }
}
