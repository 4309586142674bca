import { crc32, deflateRawSync } from 'node:zlib';

/** One entry of a test archive; `declaredSize` lies about its size, `encrypted` sets the flag (its data stays plain). */
export interface ZipEntrySpec {
  name: string;
  content: Buffer | string;
  stored?: boolean;
  encrypted?: boolean;
  declaredSize?: number;
}

/** A .zip archive in memory, written by hand so tests can build the hostile ones (bombs, lying sizes, encrypted entries) no zip tool makes. */
export function zipBytes(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const spec of entries) {
    const content = Buffer.isBuffer(spec.content) ? spec.content : Buffer.from(spec.content);
    const data = spec.stored ? content : deflateRawSync(content);
    const name = Buffer.from(spec.name);
    const flags = (spec.encrypted ? 0x1 : 0) | 0x800;
    const fields = { method: spec.stored ? 0 : 8, crc: crc32(content), compressed: data.length, size: spec.declaredSize ?? content.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(fields.method, 8);
    local.writeUInt32LE(fields.crc, 14);
    local.writeUInt32LE(fields.compressed, 18);
    local.writeUInt32LE(fields.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(fields.method, 10);
    central.writeUInt32LE(fields.crc, 16);
    central.writeUInt32LE(fields.compressed, 20);
    central.writeUInt32LE(fields.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
