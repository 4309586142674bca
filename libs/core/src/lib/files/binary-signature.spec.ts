import { encode } from 'iconv-lite';

import { describeBinaryContent } from './binary-signature';

describe('describeBinaryContent', () => {
  it('lets CSV text through, UTF-8 or not', () => {
    expect(describeBinaryContent(Buffer.from('sensor_id,timestamp,value\ns,2024-01-01,1\n'))).toBeNull();
    expect(describeBinaryContent(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBeNull();
    expect(describeBinaryContent(new Uint8Array())).toBeNull();
  });

  it.each([
    [[0x50, 0x4b, 0x03, 0x04, 0x14], 'a ZIP archive or Excel (.xlsx) workbook'],
    [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d], 'a PNG image'],
    [[0x61, 0x2c, 0x00, 0x62], 'binary data (it contains NUL bytes)'],
    [[0x61, 0x2c, 0x00, 0x62, 0x0a, 0x00, 0x00, 0x63, 0x2c, 0x64], 'binary data (it contains NUL bytes)'],
    [[0xff, 0xfe, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00], 'UTF-32 text, which Sluice cannot read (save it as UTF-8 or UTF-16)'],
  ])('recognises %p as %s', (bytes, kind) => {
    expect(describeBinaryContent(Uint8Array.from(bytes))).toBe(kind);
  });

  it.each(['utf-16le', 'utf-16be'])('lets %s text through, with a BOM (Excel\'s "Unicode text") or without', (encoding) => {
    const csv = 'Name\tCity\tAmount\nRené\tLiège\t12\n山田\t東京\t34\n';
    expect(describeBinaryContent(encode('\uFEFF' + csv, encoding))).toBeNull();
    expect(describeBinaryContent(encode(csv, encoding))).toBeNull();
  });

  it('still calls NUL-laden data binary, also after a UTF-8 BOM or when it reads as UTF-16 control characters', () => {
    expect(describeBinaryContent(Buffer.concat([Buffer.from('\uFEFFa,b\n'), Uint8Array.from([0, 1, 0, 2, 0, 0, 7])]))).toBe('binary data (it contains NUL bytes)');
    // 16-bit little-endian integers: NULs at every odd position, like UTF-16 LE, but no text.
    const integers = Uint8Array.from(Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? i % 31 : 0)));
    expect(describeBinaryContent(integers)).toBe('binary data (it contains NUL bytes)');
  });
});
