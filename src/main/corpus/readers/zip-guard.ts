// Bounded unzipping for .docx and .qdpx: only the entries asked for are inflated, each and all together under a cap.
//
// A zip states each entry's size, but a bomb states a small one (or none) and inflates to
// gigabytes; another points many directory entries at one compressed stream. So the central
// directory is read here (what JSZip, inside mammoth, reads too), overlapping entries are refused,
// and each wanted entry is inflated by zlib with `maxOutputLength`, which stops inflating as soon
// as the cap is passed: at most the cap is ever held, whatever the entry claims.
import { inflateRawSync } from 'node:zlib';
import { GlossatorError } from '../../../shared/result';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; other methods are not read. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** What the directory says it unpacks to: a claim, checked while inflating. */
  declaredSize: number;
  localOffset: number;
}

export interface ZipLimits {
  /** Most bytes one entry may unpack to. */
  maxEntryBytes: number;
  /** Most bytes all inflated entries together may unpack to. */
  maxTotalBytes: number;
}

/** How errors name the archive: "report.docx", "This .qdpx file". */
export interface ZipOwner {
  what: string;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

const mb = (n: number): string => `${Math.ceil(n / (1024 * 1024))} MB`;

function damaged(owner: ZipOwner, why: string): GlossatorError {
  return new GlossatorError('invalid-argument', `${owner.what} is not a readable zip archive (${why}); it may be damaged, or another format renamed.`);
}

function tooLarge(owner: ZipOwner, entry: string, limit: number, total: boolean): GlossatorError {
  const what = total ? `its parts together unpack to more than ${mb(limit)}` : `${entry} inside it unpacks to more than ${mb(limit)}`;
  return new GlossatorError('too-large', `${owner.what} was not read: ${what}, far beyond any real document (a "zip bomb", or a damaged file).`);
}

/** Every entry of the central directory, checked for overlaps; throws on anything that is not a sound zip. */
export function listZip(bytes: Uint8Array, owner: ZipOwner): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number): number => view.getUint16(at, true);
  const u32 = (at: number): number => view.getUint32(at, true);
  const u64 = (at: number): number => Number(view.getBigUint64(at, true));
  const inside = (at: number, length: number): boolean => at >= 0 && length >= 0 && at + length <= bytes.byteLength;

  let eocd = -1;
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - 22 - MAX_COMMENT); at--) {
    if (u32(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw damaged(owner, 'no end-of-archive record');
  let count = u16(eocd + 10);
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (!inside(locator, 20) || u32(locator) !== ZIP64_LOCATOR) throw damaged(owner, 'a ZIP64 record is missing');
    const at = u64(locator + 8);
    if (!inside(at, 56) || u32(at) !== ZIP64_EOCD) throw damaged(owner, 'a ZIP64 record is missing');
    count = u64(at + 32);
    cdSize = u64(at + 40);
    cdOffset = u64(at + 48);
  }
  if (!inside(cdOffset, cdSize)) throw damaged(owner, 'its directory lies outside the file');
  // Each directory entry takes at least 46 bytes, so a count past that is a lie.
  if (count > cdSize / 46) throw damaged(owner, 'its directory is shorter than it claims');

  const names = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (!inside(at, 46) || u32(at) !== CENTRAL) throw damaged(owner, 'its directory is broken');
    const flags = u16(at + 8);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    if (!inside(at + 46, nameLength + extraLength + commentLength)) throw damaged(owner, 'its directory is broken');
    let compressedSize = u32(at + 20);
    let declaredSize = u32(at + 24);
    let localOffset = u32(at + 42);
    // ZIP64 sizes live in extra field 0x0001, in this order, only for the fields set to 0xffffffff.
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = u16(x);
      const size = u16(x + 2);
      if (id === 0x0001) {
        let y = x + 4;
        const next = (): number => {
          const v = y + 8 <= x + 4 + size ? u64(y) : Number.NaN;
          y += 8;
          return v;
        };
        if (declaredSize === 0xffffffff) declaredSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      x += 4 + size;
    }
    if (![compressedSize, declaredSize, localOffset].every(Number.isFinite)) throw damaged(owner, 'a ZIP64 size is missing');
    entries.push({
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: u16(at + 10),
      encrypted: (flags & 1) !== 0,
      compressedSize,
      declaredSize,
      localOffset,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  // Overlapping entries (many names, one compressed stream) are how small files inflate to terabytes.
  const spans = entries.map((e) => ({ e, start: e.localOffset, end: dataOffset(bytes, e, owner) + e.compressedSize })).sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]!.start < spans[i - 1]!.end) throw damaged(owner, `entries ${spans[i - 1]!.e.name} and ${spans[i]!.e.name} overlap`);
  }
  for (const s of spans) if (s.end > cdOffset) throw damaged(owner, `${s.e.name} runs into the directory`);
  return entries;
}

/** Where an entry's compressed bytes start: after its local header, whose name and extra lengths may differ from the directory's. */
function dataOffset(bytes: Uint8Array, entry: ZipEntry, owner: ZipOwner): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== LOCAL) throw damaged(owner, `${entry.name} has no local header`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.byteLength) throw damaged(owner, `${entry.name} is cut short`);
  return start;
}

/**
 * Inflates the entries `wanted` picks (nothing else is touched), each under `maxEntryBytes` and
 * all together under `maxTotalBytes`, counting what zlib actually produces, not what the archive
 * claims. Answers name → bytes for the entries `keep` picks (default: all wanted); the others are
 * inflated only to be measured, and dropped. `spent` carries the total across calls on one archive.
 */
export function inflateEntries(
  bytes: Uint8Array,
  owner: ZipOwner,
  wanted: (name: string) => boolean,
  limits: ZipLimits,
  options: { keep?: (name: string) => boolean; entries?: readonly ZipEntry[]; spent?: { bytes: number } } = {},
): Map<string, Uint8Array> {
  const entries = options.entries ?? listZip(bytes, owner);
  const spent = options.spent ?? { bytes: 0 };
  const out = new Map<string, Uint8Array>();
  const chosen = entries.filter((e) => wanted(e.name));
  // Claims first: a directory that admits to a bomb is refused before anything is inflated.
  let declared = spent.bytes;
  for (const e of chosen) {
    if (e.declaredSize > limits.maxEntryBytes) throw tooLarge(owner, e.name, limits.maxEntryBytes, false);
    declared += e.declaredSize;
    if (declared > limits.maxTotalBytes) throw tooLarge(owner, e.name, limits.maxTotalBytes, true);
  }
  for (const e of chosen) {
    if (e.encrypted) throw new GlossatorError('unsupported', `${owner.what} is encrypted (password-protected); save it without a password to read it.`);
    const room = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - spent.bytes);
    const start = dataOffset(bytes, e, owner);
    const raw = bytes.subarray(start, start + e.compressedSize);
    let data: Uint8Array;
    if (e.method === 0) {
      data = raw;
    } else if (e.method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, room + 1) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(owner, e.name, room === limits.maxEntryBytes ? room : limits.maxTotalBytes, room !== limits.maxEntryBytes);
        throw damaged(owner, `${e.name} cannot be unpacked`);
      }
    } else {
      throw damaged(owner, `${e.name} uses a compression method Glossator does not read`);
    }
    if (data.byteLength > room) throw tooLarge(owner, e.name, room === limits.maxEntryBytes ? room : limits.maxTotalBytes, room !== limits.maxEntryBytes);
    if (data.byteLength !== e.declaredSize) throw damaged(owner, `${e.name} is not the size its directory states`);
    spent.bytes += data.byteLength;
    if (options.keep?.(e.name) ?? true) out.set(e.name, data);
  }
  return out;
}
