import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';

import { StrictUtf8Decoder } from './strict-utf8-decoder';

const decode = (chunks: Buffer[]) => text(Readable.from(chunks).pipe(new StrictUtf8Decoder()));

describe('StrictUtf8Decoder', () => {
  it('passes UTF-8 through, also when a character is split across chunks, and drops a BOM', async () => {
    const bytes = Buffer.from('\uFEFFsensor,€uro\n');
    await expect(decode([bytes.subarray(0, 9), bytes.subarray(9, 11), bytes.subarray(11)])).resolves.toBe('sensor,€uro\n');
  });

  it('rejects Latin-1 bytes with their position', async () => {
    await expect(decode([Buffer.from('ok\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])])).rejects.toThrow('File is not UTF-8 text: invalid bytes within bytes 4–8');
  });

  it('rejects a file that ends inside a character', async () => {
    await expect(decode([Buffer.from([0x61, 0xe2, 0x82])])).rejects.toThrow('ends inside a multi-byte character');
  });
});
