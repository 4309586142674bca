import { storableJson, storableText } from './storable-text';

describe('storable text', () => {
  it('shows NUL as U+FFFD in strings, keys and nested values, and leaves the rest as it is', () => {
    expect(storableText('a\u0000b\u0000')).toBe('a\uFFFDb\uFFFD');
    expect(storableJson([{ header: 'bad\u0000name', score: 1, nested: { 'k\u0000': ['\u0000'] } }, null])).toEqual([
      { header: 'bad\uFFFDname', score: 1, nested: { 'k\uFFFD': ['\uFFFD'] } },
      null,
    ]);
  });
});
