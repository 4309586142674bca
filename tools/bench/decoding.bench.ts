// `BENCH=decoding npm run bench [-- megabytes]`: TextDecodingStream (any encoding, U+FFFD for undecodable bytes)
// against StrictUtf8Decoder (UTF-8 only) on clean UTF-8 in 64 KiB chunks, as the worker reads a file; the
// any-encoding path must cost no more than the UTF-8-only one did. Also times detectEncoding on a 64 KiB head.
import { Readable, Transform } from 'node:stream';

import { detectEncoding, StrictUtf8Decoder, TextDecodingStream } from '@sluice/core';

const MEGABYTES = Number(process.argv[2] ?? 200);
const CHUNK = 64 * 1024;
const ROUNDS = Number(process.env['ROUNDS'] ?? 9);

function makeBytes(): Buffer {
  const lines: string[] = ['id,name,city,amount,note'];
  for (let i = 0; Buffer.byteLength(lines.join('\n')) < 1024 * 1024; i += 1)
    lines.push(`${i},René Lefèvre ${i},Liège,${(i * 1.37).toFixed(2)},payé € ${i % 7 === 0 ? '山田' : 'ok'}`);
  const block = Buffer.from(lines.join('\n') + '\n');
  return Buffer.concat(Array.from({ length: MEGABYTES }, () => block));
}

async function run(bytes: Buffer, decoder: () => Transform): Promise<number> {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK) chunks.push(bytes.subarray(at, at + CHUNK));
  const started = process.hrtime.bigint();
  let chars = 0;
  for await (const text of Readable.from(chunks).pipe(decoder())) chars += (text as string).length;
  if (chars === 0) throw new Error('nothing decoded');
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const bytes = makeBytes();
  const strict: number[] = [];
  const any: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternating, so machine load falls on both alike.
    strict.push(await run(bytes, () => new StrictUtf8Decoder()));
    any.push(await run(bytes, () => new TextDecodingStream('utf-8')));
  }
  const mbps = (ms: number) => ((bytes.length / 1024 / 1024 / ms) * 1000).toFixed(0);
  console.log(
    `${(bytes.length / 1024 / 1024).toFixed(0)} MB clean UTF-8 in 64 KiB chunks, ${ROUNDS} alternating runs each (fastest and median; the fastest is the least disturbed by other load)`,
  );
  const line = (name: string, runs: number[], base?: number[]) =>
    console.log(
      `${name.padEnd(19)} fastest ${Math.min(...runs)
        .toFixed(0)
        .padStart(5)} ms (${mbps(Math.min(...runs))} MB/s)  median ${median(runs).toFixed(0).padStart(5)} ms` +
        (base ? `  ${(Math.min(...runs) / Math.min(...base)).toFixed(3)}x / ${(median(runs) / median(base)).toFixed(3)}x` : ''),
    );
  line('StrictUtf8Decoder', strict);
  line('TextDecodingStream', any, strict);
  const head = bytes.subarray(0, CHUNK);
  const latin = Buffer.from(new TextDecoder().decode(head).replace(/[^\x00-\xff]/g, '?'), 'latin1');
  for (const [name, sample] of [
    ['utf-8 head', head],
    ['windows-1252 head', latin],
  ] as const) {
    const started = process.hrtime.bigint();
    const detected = detectEncoding(sample);
    console.log(`detectEncoding(${name}, 64 KiB) ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)} ms → ${detected.encoding} (${detected.source})`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
