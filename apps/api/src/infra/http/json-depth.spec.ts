import { jsonDepthExceeds } from './json-depth';

const depthOver = (text: string, limit: number) => jsonDepthExceeds(Buffer.from(text), limit);

describe('jsonDepthExceeds', () => {
  it('counts nested arrays and objects', () => {
    expect(depthOver('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(depthOver('{"a":[{"b":[]}]}', 3)).toBe(true);
    expect(depthOver('[]', 1)).toBe(false);
    expect(depthOver('1', 0)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(depthOver('{"a":"[[[[{{{{"}', 1)).toBe(false);
    expect(depthOver('{"a":"\\"[[[["}', 1)).toBe(false);
    expect(depthOver('["\\\\",[[]]]', 2)).toBe(true);
  });

  it('stops at the first level past the limit on a huge input', () => {
    const deep = Buffer.from('['.repeat(1_000_000));
    const started = Date.now();
    expect(jsonDepthExceeds(deep, 64)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
