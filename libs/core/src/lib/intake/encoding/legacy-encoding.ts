import { analyse } from 'chardet';

import { canonicalEncoding } from '../reading-options-schema';

/** A legacy (non-Unicode) encoding guessed for a head that is not UTF-8. */
export interface LegacyGuess {
  encoding: string;
  /** 0-100. */
  confidence: number;
}

/** Below this share of plausible characters no candidate is believed, and the caller falls back to its default. */
const MIN_PLAUSIBILITY = 0.5;

/** chardet names that are no legacy encoding a TextDecoder should be chosen for (Unicode ones are told apart earlier). */
const NOT_LEGACY = new Set(['ASCII', 'UTF-8', 'UTF-16LE', 'UTF-16BE', 'UTF-32', 'UTF-32LE', 'UTF-32BE', 'mbcs', 'sbcs', 'ISO_2022']);

type Script = 'latin' | 'cyrillic' | 'greek' | 'hebrew' | 'arabic' | 'thai' | 'japanese' | 'chinese' | 'korean';

const SCRIPT_OF: Record<string, Script> = {
  'windows-1252': 'latin',
  'iso-8859-15': 'latin',
  'iso-8859-2': 'latin',
  'iso-8859-3': 'latin',
  'iso-8859-4': 'latin',
  'iso-8859-10': 'latin',
  'iso-8859-13': 'latin',
  'iso-8859-14': 'latin',
  'iso-8859-16': 'latin',
  'windows-1250': 'latin',
  'windows-1254': 'latin',
  'windows-1257': 'latin',
  'windows-1258': 'latin',
  'windows-1251': 'cyrillic',
  'koi8-r': 'cyrillic',
  'koi8-u': 'cyrillic',
  'iso-8859-5': 'cyrillic',
  ibm866: 'cyrillic',
  'windows-1253': 'greek',
  'iso-8859-7': 'greek',
  'windows-1255': 'hebrew',
  'iso-8859-8': 'hebrew',
  'iso-8859-8-i': 'hebrew',
  'windows-1256': 'arabic',
  'iso-8859-6': 'arabic',
  'windows-874': 'thai',
  shift_jis: 'japanese',
  'euc-jp': 'japanese',
  'iso-2022-jp': 'japanese',
  gb18030: 'chinese',
  gbk: 'chinese',
  big5: 'chinese',
  'euc-kr': 'korean',
};

const ASCII_LETTER = /[A-Za-z]/;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LATIN = /\p{Script=Latin}/u;
const WESTERN_SYMBOL = /[\u00a0-\u00bf\u00d7\u00f7\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/u;
const SCRIPT_LETTER: Partial<Record<Script, RegExp>> = {
  cyrillic: /\p{Script=Cyrillic}/u,
  greek: /\p{Script=Greek}/u,
  hebrew: /\p{Script=Hebrew}/u,
  arabic: /\p{Script=Arabic}/u,
  thai: /\p{Script=Thai}/u,
};
const HAN = /\p{Script=Han}/u;
const KANA = /[\u3040-\u30ff]/u;
const HALFWIDTH_KANA = /[\uff61-\uff9f]/u;
const HANGUL = /\p{Script=Hangul}/u;
const CJK_PUNCTUATION = /[\u3000-\u303f\uff01-\uff60\uffe0-\uffe6]/u;

/** How well one non-ASCII character fits text of a script (0-1), given its neighbours: a wrong decoder makes symbols, controls, inverted case and rare forms. */
function fit(script: Script, char: string, before: string, after: string): number {
  switch (script) {
    case 'latin':
    case 'cyrillic':
    case 'greek': {
      const letter = script === 'latin' ? LATIN.test(char) : (SCRIPT_LETTER[script] as RegExp).test(char);
      if (letter) {
        // "iVAN" is Cyrillic decoded with the wrong table (KOI8-R against windows-1251): upper case does not follow lower case.
        if (UPPER.test(char) && LOWER.test(before)) return 0.3;
        if (script !== 'latin') return 1;
        // A Western accented letter sits in a word of ASCII letters; Cyrillic or Greek read as Latin-1 makes words of accented letters only.
        return ASCII_LETTER.test(before) || ASCII_LETTER.test(after) ? 1 : 0.3;
      }
      if (script === 'latin' && WESTERN_SYMBOL.test(char)) return LETTER.test(before) && LETTER.test(after) ? 0.2 : 0.8;
      return 0;
    }
    case 'hebrew':
    case 'arabic':
    case 'thai':
      return (SCRIPT_LETTER[script] as RegExp).test(char) ? 1 : 0;
    case 'japanese':
      if (HAN.test(char) || KANA.test(char) || CJK_PUNCTUATION.test(char)) return 1;
      return HALFWIDTH_KANA.test(char) ? 0.3 : 0;
    case 'chinese':
      if (HAN.test(char) || CJK_PUNCTUATION.test(char)) return 1;
      return KANA.test(char) ? 0.2 : 0;
    case 'korean':
      if (HANGUL.test(char) || CJK_PUNCTUATION.test(char)) return 1;
      return HAN.test(char) ? 0.7 : 0;
  }
}

/** The head decoded strictly, or null when it holds bytes the encoding does not define (a character cut at the end is fine). */
function decodeStrictly(head: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(head, { stream: true });
  } catch {
    return null;
  }
}

/** The share (0-1) of the text's non-ASCII characters that fit the script; null when it has none. */
function plausibility(text: string, script: Script): number | null {
  const chars = Array.from(text);
  let total = 0;
  let fitting = 0;
  for (let i = 0; i < chars.length; i += 1) {
    if (chars[i].charCodeAt(0) < 0x80) continue;
    total += 1;
    fitting += fit(script, chars[i], chars[i - 1] ?? '', chars[i + 1] ?? '');
  }
  return total === 0 ? null : fitting / total;
}

/**
 * ISO-8859-15 differs from windows-1252 where the latter has ¤ ¦ ¨ ¼ ½ (0xA4 0xA6 0xA8 0xBC 0xBD): € next to an amount, or
 * Š š Œ œ inside a word, tell it, unless the head uses 0x80-0x9F, which only windows-1252 fills with printable characters.
 */
export function looksLikeIso885915(head: Uint8Array): boolean {
  let evidence = 0;
  for (let i = 0; i < head.length; i += 1) {
    const byte = head[i];
    if (byte >= 0x80 && byte <= 0x9f) return false;
    const before = head[i - 1] ?? 0;
    const after = head[i + 1] ?? 0;
    const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
    const isLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b >= 0xc0;
    if (byte === 0xa4 && (isDigit(before) || isDigit(after) || (before === 0x20 && isDigit(head[i - 2] ?? 0)) || (after === 0x20 && isDigit(head[i + 2] ?? 0)))) evidence += 1;
    else if ((byte === 0xbc || byte === 0xbd || byte === 0xa6 || byte === 0xa8) && (isLetter(before) || isLetter(after)) && !isDigit(before) && !isDigit(after)) evidence += 1;
  }
  return evidence > 0;
}

/**
 * The legacy encoding of a head that is not UTF-8: chardet's candidates (plus windows-1252, the most common one), each
 * kept only if it decodes the head, ranked by how plausible the decoded text is for its script and then by chardet's
 * confidence, which is weak on the short samples CSV heads often are (a few names and numbers).
 */
export function guessLegacyEncoding(head: Uint8Array): LegacyGuess | null {
  const candidates = new Map<string, number>([['windows-1252', 0]]);
  for (const match of analyse(head)) {
    if (NOT_LEGACY.has(match.name)) continue;
    // WHATWG decodes ISO-8859-1 as its superset windows-1252, as browsers do.
    const encoding = canonicalEncoding(match.name);
    if (encoding === null || !(encoding in SCRIPT_OF)) continue;
    candidates.set(encoding, Math.max(candidates.get(encoding) ?? 0, match.confidence));
  }
  let best: (LegacyGuess & { score: number }) | null = null;
  for (const [encoding, chardetConfidence] of candidates) {
    const text = decodeStrictly(head, encoding);
    if (text === null) continue;
    const share = plausibility(text, SCRIPT_OF[encoding]);
    if (share === null || share < MIN_PLAUSIBILITY) continue;
    // Western European text is the most common, and chardet splits it between ISO-8859-1 and its neighbours.
    const score = share * 100 + chardetConfidence * 0.3 + (encoding === 'windows-1252' ? 5 : 0);
    if (best === null || score > best.score) best = { encoding, confidence: Math.min(100, Math.round((share * 100 + Math.max(chardetConfidence, 10)) / 2)), score };
  }
  if (best === null) return null;
  const encoding = best.encoding === 'windows-1252' && looksLikeIso885915(head) ? 'iso-8859-15' : best.encoding;
  return { encoding, confidence: best.confidence };
}
