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
  ])('recognises %p as %s', (bytes, kind) => {
    expect(describeBinaryContent(Uint8Array.from(bytes))).toBe(kind);
  });
});
