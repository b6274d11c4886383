// The document cache's file format: normalised documents with the file stamps they were read at, each record checksummed.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { GlossDocument } from '../../shared/types';
import { Pacer } from '../corpus/pacer';
import { WriteFailedError, writeDurably } from './durable-write';

/**
 * Bump whenever a cached document would differ from a fresh load for reasons the readers'
 * versions do not capture (the record layout, or what corpus.ts derives: meta, ids, word counts,
 * hashes). A cache of another format is thrown away whole.
 */
export const CACHE_FORMAT = 1;

/** What a document's file looked like when it was read; any difference means "read it again". */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  // Changes on every write and rename, and cannot be set back: catches a same-size file copied in with its old mtime.
  ctimeMs: number;
}

/** One document as its file gave it (before the manifest is applied), and the stamp it was read at. */
export interface CacheEntry {
  source: string;
  stamp: FileStamp;
  doc: GlossDocument;
}

/*
 * Layout (integers little-endian u32):
 *   MAGIC, format, record count, then per record:
 *   head length, text length, sha256 of head+text (32 bytes), head (UTF-8 JSON), text (UTF-8).
 * The text is kept out of the JSON: decoding it raw is twice as fast as JSON.parse. Each record is
 * checksummed rather than validated against a schema (a zod pass over ~100,000 blocks would cost
 * more than the cache saves); a record that fails its checksum ends the read.
 */
const MAGIC = Buffer.from('glossator-document-cache\n', 'latin1');
const HEADER_BYTES = MAGIC.length + 8;
const DIGEST_BYTES = 32;
const RECORD_PREFIX = 8 + DIGEST_BYTES;
/** Records are written in batches of about this size: few system calls, little memory held. */
const WRITE_BATCH_BYTES = 4 * 1024 * 1024;
/** A temp file this old was left by a writer that died; younger ones may still be written. */
const STALE_TEMP_MS = 10 * 60 * 1000;

/** The entries read, and why reading stopped early (null: the file was whole, or absent). */
export interface CacheRead {
  entries: CacheEntry[];
  problem: string | null;
}

/** Never throws: a cache that cannot be used is only a slower open. */
export async function readCacheFile(file: string): Promise<CacheRead> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { entries: [], problem: code === 'ENOENT' ? null : `could not be read (${code ?? (e as Error).message})` };
  }
  return decode(bytes);
}

async function decode(bytes: Buffer): Promise<CacheRead> {
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    return { entries: [], problem: 'is not a Glossator document cache' };
  }
  const format = bytes.readUInt32LE(MAGIC.length);
  if (format !== CACHE_FORMAT) return { entries: [], problem: `has format ${format}, not ${CACHE_FORMAT}` };
  const count = bytes.readUInt32LE(MAGIC.length + 4);
  const entries: CacheEntry[] = [];
  const pacer = new Pacer();
  let at = HEADER_BYTES;
  for (let i = 0; i < count; i++) {
    const record = decodeRecord(bytes, at);
    // The lengths of what follows cannot be trusted either: keep the records before it.
    if (record === null) return { entries, problem: `is damaged at record ${i + 1} of ${count}` };
    entries.push(record.entry);
    at = record.next;
    await pacer.breathe();
  }
  return { entries, problem: at === bytes.length ? null : 'has bytes past its last record' };
}

function decodeRecord(bytes: Buffer, at: number): { entry: CacheEntry; next: number } | null {
  if (at + RECORD_PREFIX > bytes.length) return null;
  const headLength = bytes.readUInt32LE(at);
  const body = at + RECORD_PREFIX;
  const textStart = body + headLength;
  const next = textStart + bytes.readUInt32LE(at + 4);
  if (next > bytes.length) return null;
  const digest = createHash('sha256').update(bytes.subarray(body, next)).digest();
  if (!digest.equals(bytes.subarray(at + 8, body))) return null;
  let head: unknown;
  try {
    head = JSON.parse(bytes.toString('utf8', body, textStart));
  } catch {
    return null;
  }
  if (!isEntry(head)) return null;
  // Assigned, not spread: the key keeps its place, so the document's keys are in a fresh load's order.
  head.doc.text = bytes.toString('utf8', textStart, next);
  return { entry: head, next };
}

/** Enough shape to use the record safely; the checksum vouches for the rest of what we wrote. */
function isEntry(v: unknown): v is CacheEntry {
  const e = v as Partial<CacheEntry> | null;
  const s = e?.stamp;
  return (
    typeof e?.source === 'string' &&
    typeof s?.size === 'number' &&
    typeof s.mtimeMs === 'number' &&
    typeof s.ctimeMs === 'number' &&
    typeof e.doc === 'object' &&
    e.doc !== null &&
    e.doc.text === '' &&
    Array.isArray(e.doc.blocks)
  );
}

function encodeRecord(entry: CacheEntry): Buffer[] {
  const head = Buffer.from(JSON.stringify({ ...entry, doc: { ...entry.doc, text: '' } }), 'utf8');
  const text = Buffer.from(entry.doc.text, 'utf8');
  const prefix = Buffer.alloc(RECORD_PREFIX);
  prefix.writeUInt32LE(head.length, 0);
  prefix.writeUInt32LE(text.length, 4);
  createHash('sha256').update(head).update(text).digest().copy(prefix, 8);
  return [prefix, head, text];
}

function header(count: number): Buffer {
  const out = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(out);
  out.writeUInt32LE(CACHE_FORMAT, MAGIC.length);
  out.writeUInt32LE(count, MAGIC.length + 4);
  return out;
}

/**
 * Writes the cache through the one durable write, streamed in batches, so a reader sees the old file
 * or the new one. Without fsyncs (sync: false): the cache is derived data, and a file torn by a
 * power cut fails its checksums and is rebuilt. Throws the OS error on failure, having removed its
 * temp file.
 */
export async function writeCacheFile(file: string, entries: readonly CacheEntry[]): Promise<void> {
  await removeStaleTemps(file);
  try {
    await writeDurably(file, batches(entries), { sync: false });
  } catch (error) {
    throw error instanceof WriteFailedError ? error.cause : error;
  }
}

/** The file's bytes in pieces of about WRITE_BATCH_BYTES, pausing between records so the main process keeps answering. */
async function* batches(entries: readonly CacheEntry[]): AsyncGenerator<Uint8Array> {
  yield header(entries.length);
  const pacer = new Pacer();
  let batch: Buffer[] = [];
  let size = 0;
  for (const entry of entries) {
    for (const part of encodeRecord(entry)) {
      batch.push(part);
      size += part.length;
    }
    if (size >= WRITE_BATCH_BYTES) {
      yield Buffer.concat(batch, size);
      [batch, size] = [[], 0];
    }
    await pacer.breathe();
  }
  if (size > 0) yield Buffer.concat(batch, size);
}

/** Temp files of writers that died mid-write (a crash, a kill): 60 MB each is worth collecting. */
async function removeStaleTemps(file: string): Promise<void> {
  const dir = dirname(file);
  const prefix = `${basename(file)}.tmp-`;
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(prefix));
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info !== null && Date.now() - info.mtimeMs > STALE_TEMP_MS) await rm(path, { force: true }).catch(() => undefined);
  }
}
