// The pieces a corpus case is written with, and how a case becomes a file's bytes plus its expectation.
// A case lists its physical parts in order (preamble lines, blank lines, the header, rows, rejected lines,
// trailing sections); each part says what a careful reader should make of it, and the line numbers follow
// from the text by the physical line rule (`\r\n`, `\n` and `\r` each end one line).
const zlib = require('node:zlib');
const iconv = require('iconv-lite');

/** The header, from cells (written in the case's dialect) or as raw text with the cells it means. */
const H = (cells, raw) => ({ type: 'header', cells, raw });
/** A data row: its cells as read (before any cleaning), written in the dialect unless raw text is given. */
const R = (cells, raw) => ({ type: 'row', cells, raw });
/** A clean table: the header and its rows, each written in the case's dialect. */
const table = (header, rows) => [H(header), ...rows.map((cells) => R(cells))];
/** A line the reader must reject (a malformed quote, undecodable bytes); `opened` = lines after its start where the bad quote opened. */
const X = (raw, { opened = 0, text = true } = {}) => ({ type: 'rejected', raw, opened, text });
/** A line above the header that is not data. */
const P = (raw) => ({ type: 'preamble', raw });
/** An empty, whitespace-only or delimiter-only line: skipped and counted. */
const B = (raw = '') => ({ type: 'blank', raw });
/** A section after the data that is not data: 'totals' or 'table'; `lines` are its raw lines. */
const T = (kind, lines) => ({ type: 'trailing', kind, lines: Array.isArray(lines) ? lines : [lines] });

function cellText(cell, d) {
  if (d.quote === '') return cell;
  const needs = d.quoteAll || cell.includes(d.delimiter) || cell.includes(d.quote) || /[\r\n]/.test(cell) || (d.escape === '\\' && cell.includes('\\'));
  if (!needs) return cell;
  const body =
    d.escape === '\\'
      ? cell
          .replace(/\\/g, '\\\\')
          .split(d.quote)
          .join('\\' + d.quote)
      : cell.split(d.quote).join(d.quote + d.quote);
  return d.quote + body + d.quote;
}

const rowText = (cells, d) => cells.map((cell) => cellText(cell, d)).join(d.delimiter);
const breaks = (text) => (text.match(/\r\n|\r|\n/g) ?? []).length;

const BOMS = { 'utf-8': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff] };

function encode(text, encoding, bom) {
  let bytes;
  if (encoding === 'utf-8') bytes = Buffer.from(text, 'utf8');
  else if (encoding === 'utf-16le') bytes = Buffer.from(text, 'utf16le');
  else if (encoding === 'utf-16be') bytes = Buffer.from(text, 'utf16le').swap16();
  else bytes = iconv.encode(text, encoding);
  return bom ? Buffer.concat([Buffer.from(BOMS[encoding]), bytes]) : bytes;
}

/** U+E000 in a case's text stands for one byte the encoding cannot decode (written as `badByte`). */
const BAD = '\uE000';

function bytesOf(text, c) {
  let bytes = encode(text, c.encoding, c.bom);
  if (text.includes(BAD)) {
    const marker = encode(BAD, 'utf-8', false);
    const parts = [];
    let from = 0;
    for (let at = bytes.indexOf(marker); at !== -1; at = bytes.indexOf(marker, from)) {
      parts.push(bytes.subarray(from, at), Buffer.from([c.badByte ?? 0xff]));
      from = at + marker.length;
    }
    parts.push(bytes.subarray(from));
    bytes = Buffer.concat(parts);
  } else {
    // Every encoded file must decode back to its text, or the case asks for characters its encoding lacks.
    // (iconv-lite, not TextDecoder: this Node's TextDecoder reads windows-1252 as ISO-8859-1, 0x80–0x9F as C1 controls.)
    const decoded = c.encoding.startsWith('utf-') ? new TextDecoder(c.encoding, { fatal: true }).decode(bytes) : iconv.decode(bytes, c.encoding, { stripBOM: false });
    if (decoded !== text) throw new Error(`${c.file}: ${c.encoding} does not round-trip its text`);
  }
  return c.file.endsWith('.gz') ? zlib.gzipSync(bytes, { level: 9 }) : bytes;
}

/** A CSV case → { bytes, expected }. */
function buildCsv(c) {
  const d = { delimiter: ',', quote: '"', escape: '"', ...c.dialect };
  const eol = c.eol ?? '\n';
  let text = '';
  let line = 1;
  const expected = { rows: [], rejected: [], blankLines: 0, preamble: [], trailing: [] };
  c.parts.forEach((part, index) => {
    if (index > 0) line += 1;
    const start = line;
    // A part may say how its own line ends (a file appended to by tools with different endings).
    if (index > 0) text += c.parts[index - 1].ending ?? eol;
    if (part.type === 'header' || part.type === 'row') {
      const raw = part.raw ?? rowText(part.cells, d);
      text += raw;
      line = start + breaks(raw);
      if (part.type === 'header') {
        if (expected.header) throw new Error(`${c.file}: two headers`);
        expected.headerLine = start;
        expected.header = part.cells;
      } else expected.rows.push({ line, cells: part.cells });
    } else if (part.type === 'rejected') {
      text += part.raw;
      line = start + breaks(part.raw);
      expected.rejected.push({ line: start + part.opened, ...(part.text ? { text: part.raw } : {}) });
    } else if (part.type === 'preamble') {
      text += part.raw;
      line = start + breaks(part.raw);
      expected.preamble.push(start);
    } else if (part.type === 'blank') {
      text += part.raw;
      expected.blankLines += 1;
    } else if (part.type === 'trailing') {
      const raw = part.lines.join(eol);
      text += raw;
      line = start + breaks(raw);
      expected.trailing.push({ kind: part.kind, line: start });
    }
  });
  if (c.final !== false) text += c.parts[c.parts.length - 1].ending ?? eol;
  if (!expected.header) throw new Error(`${c.file}: no header`);
  if (c.expect?.header) expected.header = c.expect.header;
  const quoted = text.includes(d.quote) && d.quote !== '';
  const ordered = {
    encoding: c.encoding,
    delimiter: d.delimiter,
    ...(c.quote !== undefined ? { quote: c.quote } : quoted || d.quote === "'" ? { quote: d.quote } : {}),
    ...(d.escape === '\\' || (quoted && text.includes(d.quote + d.quote)) ? { escape: d.escape } : {}),
    headerLine: expected.headerLine,
    header: expected.header,
    rows: expected.rows,
    rejected: expected.rejected,
    blankLines: expected.blankLines,
    preamble: expected.preamble,
    trailing: expected.trailing,
    ...(c.options ? { options: c.options } : {}),
  };
  return { bytes: bytesOf(text, { ...c, encoding: c.bytesEncoding ?? c.encoding }), expected: ordered };
}

module.exports = { H, R, X, P, B, T, BAD, table, buildCsv, rowText, cellText };
