// Reads a zip file (a .vsix) from its central directory: entry names, and one
// entry's bytes (stored or deflated), so the tests need no `unzip`.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

interface Entry { name: string; method: number; compressedSize: number; localOffset: number }

function entries(buf: Buffer): Entry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const out: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const nameLen = buf.readUInt16LE(offset + 28);
    out.push({
      name: buf.toString('utf8', offset + 46, offset + 46 + nameLen),
      method: buf.readUInt16LE(offset + 10),
      compressedSize: buf.readUInt32LE(offset + 20),
      localOffset: buf.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLen + buf.readUInt16LE(offset + 30) + buf.readUInt16LE(offset + 32);
  }
  return out;
}

export function zipNames(file: string): string[] {
  return entries(readFileSync(file)).map((e) => e.name);
}

export function zipRead(file: string, name: string): Buffer {
  const buf = readFileSync(file);
  const e = entries(buf).find((x) => x.name === name);
  if (!e) throw new Error(`${file} has no ${name}`);
  const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  return e.method === 0 ? data : inflateRawSync(data);
}
