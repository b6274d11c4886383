// Builds zip archives in memory whose entries inflate to hundreds of MB while the archive stays small (test fixtures for bombs).
//
// An entry is `prefix + chunk × times + suffix`. Each piece is deflated by its own compressor and
// sync-flushed, so the raw DEFLATE streams concatenate into one valid stream without the whole
// payload ever being held: 300 MB of "a" costs one 1 MB chunk and about 300 KB of output.
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface BombEntry {
  name: string;
  prefix?: string | Uint8Array;
  chunk?: Uint8Array;
  times?: number;
  suffix?: string | Uint8Array;
  /** What the directory claims it unpacks to; the true size when left out. */
  declaredSize?: number;
}

const bytesOf = (v: string | Uint8Array | undefined): Uint8Array => (v === undefined ? new Uint8Array(0) : typeof v === 'string' ? new TextEncoder().encode(v) : v);

/** `mb` megabytes of one repeated letter, the chunk most bombs repeat. */
export const megabyteOf = (letter = 'a'): Uint8Array => new Uint8Array(1024 * 1024).fill(letter.charCodeAt(0));

export function buildZip(entries: readonly BombEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const prefix = bytesOf(e.prefix);
    const suffix = bytesOf(e.suffix);
    const chunk = e.chunk ?? new Uint8Array(0);
    const times = e.times ?? 0;
    const flush = { finishFlush: constants.Z_SYNC_FLUSH };
    const parts = [deflateRawSync(prefix, flush)];
    const deflatedChunk = deflateRawSync(chunk, flush);
    for (let i = 0; i < times; i++) parts.push(deflatedChunk);
    parts.push(deflateRawSync(suffix));
    const data = Buffer.concat(parts);
    let crc = crc32(prefix);
    for (let i = 0; i < times; i++) crc = crc32(chunk, crc);
    crc = crc32(suffix, crc);
    const size = prefix.byteLength + chunk.byteLength * times + suffix.byteLength;
    const declared = e.declaredSize ?? size;
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.byteLength, 18);
    local.writeUInt32LE(Math.min(declared, 0xfffffffe), 22);
    local.writeUInt16LE(name.byteLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.byteLength, 20);
    central.writeUInt32LE(Math.min(declared, 0xfffffffe), 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.byteLength + data.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** A small archive's own entries as BombEntries (to rebuild it with one part swapped for a bomb). */
export function entriesOf(files: Record<string, Uint8Array>): BombEntry[] {
  return Object.entries(files).map(([name, data]) => ({ name, prefix: data }));
}
