import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';

import { encode } from 'iconv-lite';

import { TextDecodingStream } from './text-decoding-stream';
import { hasUndecodable, undecodableRowError } from './undecodable-rows';

const bytesOf = (chunks: Uint8Array[], size: number) => {
  const all = Buffer.concat(chunks);
  const out: Buffer[] = [];
  for (let at = 0; at < all.length; at += size) out.push(all.subarray(at, at + size));
  return out;
};

async function decode(chunks: Uint8Array[], encoding: string, options?: { skipBytes?: number }) {
  const stream = new TextDecodingStream(encoding, options);
  const decoded = await text(Readable.from(chunks).pipe(stream));
  return { decoded, undecodable: stream.undecodable, sequences: stream.undecodableSequences };
}

const SAMPLES: [string, string][] = [
  ['utf-8', 'nom,ville,montant\nRené Lefèvre,Liège,12 €\n山田,東京,😀\n'],
  ['utf-16le', 'nom\tville\nRené\tLiège\n山田\t東京\t😀\n'],
  ['utf-16be', 'nom\tville\nRené\tLiège\n山田\t東京\t😀\n'],
  ['windows-1252', 'nom;ville;prix\n“Café”;Orléans;3,50 €\nŒuvre;Zoë;12 ‰\n'],
  ['iso-8859-15', 'nom;prix\nŒuvre;12 €\n'],
  ['shift_jis', '名前,メモ\n山田太郎,こんにちは\n'],
  ['gb18030', '姓名,城市\n张伟,北京\n'],
  ['euc-kr', '이름,도시\n김민수,서울\n'],
  ['big5', '姓名,城市\n陳大文,臺北\n'],
  ['windows-1251', 'Имя,Город\nИван Петров,Москва\n'],
];

describe('TextDecodingStream', () => {
  it.each(SAMPLES)('decodes %s whole and byte by byte, a character split across chunks included', async (encoding, expected) => {
    const bytes = encode(expected, encoding);
    await expect(decode([bytes], encoding)).resolves.toEqual({ decoded: expected, undecodable: false, sequences: 0 });
    await expect(decode(bytesOf([bytes], 1), encoding)).resolves.toEqual({ decoded: expected, undecodable: false, sequences: 0 });
    await expect(decode(bytesOf([bytes], 3), encoding)).resolves.toEqual({ decoded: expected, undecodable: false, sequences: 0 });
  });

  it('decodes windows-1252 0x80-0x9F as windows-1252, not as Latin-1 control characters', async () => {
    await expect(decode([Uint8Array.from([0x80, 0x92, 0x9c, 0x0a])], 'latin1')).resolves.toMatchObject({ decoded: '€’œ\n' });
  });

  it('skips the byte order mark it is told to, even across chunks, and keeps a second one', async () => {
    const bytes = encode('\uFEFF\uFEFFa\tb\n', 'utf-16le');
    await expect(decode(bytesOf([bytes], 1), 'utf-16le', { skipBytes: 2 })).resolves.toMatchObject({ decoded: '\uFEFFa\tb\n' });
    await expect(decode([Buffer.from('\uFEFFa,b\n')], 'utf-8', { skipBytes: 3 })).resolves.toMatchObject({ decoded: 'a,b\n' });
  });

  it('drops a leading BOM by itself when not told to skip it, as the UTF-8-only decoder did', async () => {
    await expect(decode([Buffer.from('\uFEFFa,b\n')], 'utf-8')).resolves.toMatchObject({ decoded: 'a,b\n' });
  });

  it('turns bytes that are not UTF-8 into U+FFFD and says so, keeping the text around them', async () => {
    const chunks = [Buffer.from('id,name\n1,caf'), Uint8Array.from([0xe9]), Buffer.from('\n2,Zoë\n')];
    await expect(decode(chunks, 'utf-8')).resolves.toEqual({ decoded: 'id,name\n1,caf\uFFFD\n2,Zoë\n', undecodable: true, sequences: 1 });
    await expect(decode(bytesOf(chunks, 1), 'utf-8')).resolves.toEqual({ decoded: 'id,name\n1,caf\uFFFD\n2,Zoë\n', undecodable: true, sequences: 1 });
  });

  it('joins a character split before the failing chunk with what follows', async () => {
    const euro = Buffer.from('€');
    // The chunk that fails (0xff) starts with the end of a € begun in the chunk before.
    const chunks = [Buffer.concat([Buffer.from('a,b\n1,'), euro.subarray(0, 2)]), Buffer.concat([euro.subarray(2), Uint8Array.from([0xff]), Buffer.from('\n2,€\n')])];
    await expect(decode(chunks, 'utf-8')).resolves.toEqual({ decoded: 'a,b\n1,€\uFFFD\n2,€\n', undecodable: true, sequences: 1 });
  });

  it('keeps UTF-16 code units aligned when bytes after a split surrogate pair fail', async () => {
    const good = encode('a\t😀\n', 'utf-16le');
    const lone = Uint8Array.from([0x00, 0xdc]); // a low surrogate alone
    const chunks = [good.subarray(0, 5), Buffer.concat([good.subarray(5), lone, encode('b\n', 'utf-16le')])];
    await expect(decode(chunks, 'utf-16le')).resolves.toEqual({ decoded: 'a\t😀\n\uFFFDb\n', undecodable: true, sequences: 1 });
    await expect(decode(bytesOf(chunks, 1), 'utf-16le')).resolves.toEqual({ decoded: 'a\t😀\n\uFFFDb\n', undecodable: true, sequences: 1 });
  });

  it('re-reads the bytes before a failing chunk from a code unit boundary', async () => {
    const good = encode('id\tname\nRené\tLiège\n', 'utf-16le');
    const lone = Uint8Array.from([0x00, 0xdc]);
    // An odd-sized first chunk: the resynchronising window must start on an even offset, not just 16 bytes back.
    const chunks = [good.subarray(0, 25), Buffer.concat([good.subarray(25), lone, encode('x\n', 'utf-16le')])];
    await expect(decode(chunks, 'utf-16le')).resolves.toEqual({ decoded: 'id\tname\nRené\tLiège\n\uFFFDx\n', undecodable: true, sequences: 1 });
  });

  it('marks a file that ends inside a character', async () => {
    await expect(decode([Uint8Array.from([0x61, 0xe2, 0x82])], 'utf-8')).resolves.toEqual({ decoded: 'a\uFFFD', undecodable: true, sequences: 1 });
    await expect(decode([encode('名', 'shift_jis').subarray(0, 1)], 'shift_jis')).resolves.toMatchObject({ undecodable: true });
  });

  it('keeps a clean file’s own U+FFFD without calling it undecodable', async () => {
    await expect(decode([Buffer.from('a,b\n1,\uFFFD\n')], 'utf-8')).resolves.toEqual({ decoded: 'a,b\n1,\uFFFD\n', undecodable: false, sequences: 0 });
  });

  it('marks bytes a legacy encoding does not define', async () => {
    // 0x80 0x20 is no Shift_JIS character.
    const bytes = Buffer.concat([encode('名前\n', 'shift_jis'), Uint8Array.from([0x80, 0x20]), encode('山田\n', 'shift_jis')]);
    const { decoded, undecodable } = await decode(bytesOf([bytes], 1), 'shift_jis');
    expect(undecodable).toBe(true);
    expect(decoded).toMatch(/^名前\n\uFFFD+ ?山田\n$/u);
  });

  it('refuses an encoding it cannot decode', () => {
    expect(() => new TextDecodingStream('klingon-8')).toThrow('Unknown encoding "klingon-8"');
  });
});

describe('hasUndecodable', () => {
  it('says whether any cell holds U+FFFD', () => {
    expect(hasUndecodable(['a', 'caf\uFFFD'])).toBe(true);
    expect(hasUndecodable(['a', 'café'])).toBe(false);
    expect(hasUndecodable([])).toBe(false);
  });

  it('names the encoding in the row error', () => {
    expect(undecodableRowError('shift_jis')).toBe('Row holds bytes that are not valid shift_jis text (shown as \uFFFD); re-upload with the right encoding');
  });
});
