import { skipLines } from './line-skipper';

async function collect(chunks: string[], count: number): Promise<string> {
  async function* source() {
    yield* chunks;
  }
  let out = '';
  for await (const text of skipLines(source(), count)) out += text;
  return out;
}

describe('skipLines', () => {
  it.each([
    [['title\n\nname,city\n1,2\n'], 2, 'name,city\n1,2\n'],
    [['title\r\nnote\r\nname\r\n'], 2, 'name\r\n'],
    [['title\rnote\rname'], 2, 'name'],
    [['title\r', '\nname'], 1, 'name'],
    [['title\r', 'name'], 1, 'name'],
    [['ti', 'tle\n', 'na', 'me'], 1, 'name'],
    [['a\nb\n'], 0, 'a\nb\n'],
    [['a\nb'], 5, ''],
  ])('%j skipping %p lines → %j', async (chunks, count, expected) => {
    expect(await collect(chunks as string[], count as number)).toBe(expected);
  });

  it('counts the blank lines it skips (whitespace, delimiters and quotes only)', async () => {
    const skipped = { blank: 0 };
    async function* source() {
      yield 'Report\n\n  \n;;;\r\n"",""\nname\n';
    }
    let rest = '';
    for await (const text of skipLines(source(), 5, skipped)) rest += text;
    expect(rest).toBe('name\n');
    expect(skipped.blank).toBe(4);
  });

  it('gives the same text for any chunking', async () => {
    const text = 'one\r\ntwo\rthree\nfour\r\n\r\nrest,of\nit';
    for (let size = 1; size <= text.length; size += 1) {
      const chunks = text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) as string[];
      expect(await collect(chunks, 4)).toBe('\r\nrest,of\nit');
    }
  });
});
