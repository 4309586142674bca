import { encode } from 'iconv-lite';

import { detectEncoding } from './detect-encoding';
import { isMostlyUtf8, utf8Evidence } from './utf8-evidence';

describe('utf8Evidence', () => {
  it('counts valid sequences and bad bytes', () => {
    expect(utf8Evidence(Buffer.from('Chloé, Zürich, 東京'))).toEqual({ multiByte: 4, invalid: 0 });
    expect(utf8Evidence(Buffer.from([0x41, 0xe9, 0x42]))).toEqual({ multiByte: 0, invalid: 1 });
    // A sequence cut at the end of the sample is neither.
    expect(utf8Evidence(Buffer.from([0x41, 0xe6, 0x9d]))).toEqual({ multiByte: 0, invalid: 0 });
  });

  it('calls UTF-8 with one pasted Latin-1 byte mostly UTF-8, and Latin-1 text not', () => {
    const text = 'name,city\nChloé Martin,Montréal\nJörg Müller,Köln\n';
    const pasted = Buffer.concat([Buffer.from(text), Buffer.from([0x52, 0xe9, 0x6e, 0xe9, 0x0a])]);
    expect(isMostlyUtf8(pasted)).toBe(true);
    expect(isMostlyUtf8(encode(text, 'windows-1252'))).toBe(false);
    expect(isMostlyUtf8(encode('名前,都市\n山田,東京\n', 'shift_jis'))).toBe(false);
  });
});

describe('UTF-8 with rows pasted from a Latin-1 system', () => {
  it('is read as UTF-8 (the pasted rows are rejected, not every row mangled)', () => {
    const bytes = Buffer.concat([Buffer.from('name,city\nRené,Paris\n'), Buffer.from([0x5a, 0x6f, 0xeb, 0x2c, 0x4e, 0x69, 0x63, 0x65, 0x0a])]);
    expect(detectEncoding(bytes)).toMatchObject({ encoding: 'utf-8' });
    expect(detectEncoding(encode('name,city\nRené,Paris\nZoë,Nice\n', 'windows-1252'))).toMatchObject({ encoding: 'windows-1252' });
  });
});
