// Line-diffable JSONL files: a `{"format":"glossator-<kind>/<n>"}` header, then one record per line, sorted by id, keys in a stable order.
//
// Project data is shared through git, so a file must read as a list of record changes in a diff:
// a record that did not change keeps byte-identical bytes on its line (canonical key order, no
// whitespace, a cached line per frozen record), and records are sorted by id so an insertion
// touches one line wherever it happens. The codec plugs into StoreFile/JsonStore like the others:
// the in-memory state keeps the record list under one key, beside fields the file name implies
// (a passage file's docId), which are never written into the file.
import type { z } from 'zod';
import type { Prepared, StoreCodec } from './codec';

/** A record of a JSONL file: anything with a string id. */
export interface JsonlRecord {
  id: string;
}

/** The in-memory state of a generic JSONL file (see JsonlStore). */
export interface JsonlFile<R extends JsonlRecord> {
  schemaVersion: number;
  records: R[];
}

/** Header format names: `glossator-<kind>/<version>`. */
export function formatName(kind: string, version: number): string {
  return `glossator-${kind}/${version}`;
}

const FORMAT = /^glossator-([a-z][a-z0-9-]*)\/([1-9][0-9]{0,5})$/;

/** A plain-words reason a JSONL file cannot be read, with the line it concerns (1-based) when there is one. */
export class JsonlSyntaxError extends Error {
  constructor(
    readonly line: number | null,
    reason: string,
  ) {
    super(line === null ? reason : `line ${line} ${reason}`);
  }
}

/** A file's parsed lines: its kind and version from the header, and each record's JSON with its line number. */
export interface ParsedJsonl {
  kind: string;
  version: number;
  records: unknown[];
  /** Line number (1-based) of records[i]. */
  lines: number[];
}

/**
 * Splits `text` into a header and records. Blank lines are skipped (a hand edit may leave one);
 * anything else that is not one JSON object per line is refused with its line number.
 */
export function parseJsonl(text: string): ParsedJsonl {
  const rows = text.replace(/^\uFEFF/, '').split('\n');
  let header: { kind: string; version: number } | null = null;
  const records: unknown[] = [];
  const lines: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!.replace(/\r$/, '');
    if (row.trim() === '') continue;
    const line = i + 1;
    let json: unknown;
    try {
      json = JSON.parse(row);
    } catch (err) {
      throw new JsonlSyntaxError(line, `is not valid JSON (${(err as Error).message})`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new JsonlSyntaxError(line, 'is not a JSON object');
    }
    if (header === null) {
      const format = (json as { format?: unknown }).format;
      const match = typeof format === 'string' ? FORMAT.exec(format) : null;
      if (!match) {
        throw new JsonlSyntaxError(line, 'is not a Glossator header (expected {"format":"glossator-<kind>/<version>"})');
      }
      header = { kind: match[1]!, version: Number(match[2]) };
      continue;
    }
    records.push(json);
    lines.push(line);
  }
  if (header === null) throw new JsonlSyntaxError(null, 'it has no header line');
  return { ...header, records, lines };
}

/**
 * `value` as JSON with object keys in a stable order: `first` (at the top level only) in that order,
 * then every other key in code-point order, nested objects likewise. Array order is kept.
 */
export function canonicalJson(value: unknown, first: readonly string[] = []): string {
  return JSON.stringify(ordered(value, first));
}

function ordered(value: unknown, first: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, []));
  if (typeof value !== 'object' || value === null) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of first) if (source[k] !== undefined) out[k] = ordered(source[k], []);
  const rest = Object.keys(source)
    .filter((k) => !first.includes(k))
    .sort();
  for (const k of rest) if (source[k] !== undefined) out[k] = ordered(source[k], []);
  return out;
}

/** Code-point order of ids: the same on every machine and locale, as a merge needs. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface JsonlCodecOptions<R extends JsonlRecord> {
  /** The `<kind>` of the header, e.g. "passages". */
  kind: string;
  /** The version this build writes (and the highest it reads; StoreFile refuses newer ones). */
  version: number;
  /** The state's field holding the records, e.g. "annotations"; "records" for a JsonlFile. */
  recordsKey: string;
  /** Each record on its own; the file schema decides the whole. */
  recordSchema: z.ZodType<R>;
  /** Fields of the state implied by the file's name (e.g. { docId }); never written. */
  fixed?: Record<string, unknown>;
  /** Keys put first on each line, in this order (id first, whatever else reads best); the rest follow sorted. */
  keyOrder?: readonly string[];
  /**
   * Deep-copy drafts, for a store whose mutators change records in place (small files: memos).
   * Every save then checks and prints every record; unchanged ones still print the same bytes.
   */
  copyDrafts?: boolean;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * The codec of one JSONL file. Records are frozen once checked and shared between the state and
 * drafts, so a save checks and prints only the records it has not seen (as annotation-codec does);
 * a mutator replaces a record rather than changing it in place.
 */
export function jsonlCodec<T extends object, R extends JsonlRecord>(opts: JsonlCodecOptions<R>): StoreCodec<T> {
  const { kind, version, recordsKey, recordSchema } = opts;
  const fixed = opts.fixed ?? {};
  const keyOrder = opts.keyOrder ?? ['id'];
  const header = Buffer.from(`${JSON.stringify({ format: formatName(kind, version) })}\n`);
  // Records that passed recordSchema (and were frozen then), and the bytes of their line.
  const checked = new WeakSet<object>();
  const lineBytes = new WeakMap<object, Buffer>();

  const seal = (r: R): R => {
    deepFreeze(r);
    checked.add(r);
    return r;
  };
  const lineOf = (r: R): Buffer => {
    let bytes = lineBytes.get(r);
    if (bytes === undefined) {
      bytes = Buffer.from(`${canonicalJson(r, keyOrder)}\n`);
      lineBytes.set(r, bytes);
    }
    return bytes;
  };
  const recordsOf = (state: T): unknown => (state as Record<string, unknown>)[recordsKey];

  return {
    draft: (state) =>
      opts.copyDrafts ? structuredClone(state) : ({ ...state, [recordsKey]: [...(recordsOf(state) as R[])] } as T),
    prepare(state): Prepared<T> {
      const records = recordsOf(state);
      if (!Array.isArray(records)) return { ok: false, error: issue([recordsKey], 'expected a list of records') };
      const kept: R[] = [];
      for (let i = 0; i < records.length; i++) {
        const r = records[i] as R;
        if (typeof r === 'object' && r !== null && checked.has(r)) {
          kept.push(r);
          continue;
        }
        const parsed = recordSchema.safeParse(r);
        if (!parsed.success) return { ok: false, error: prefixed(parsed.error, [recordsKey, i]) };
        kept.push(seal(parsed.data));
      }
      kept.sort((a, b) => compareIds(a.id, b.id));
      for (let i = 1; i < kept.length; i++) {
        if (kept[i]!.id === kept[i - 1]!.id) {
          return { ok: false, error: issue([recordsKey], `two records have the id "${kept[i]!.id}"`) };
        }
      }
      const value = Object.freeze({ ...state, ...fixed, [recordsKey]: Object.freeze(kept) }) as T;
      return { ok: true, value, bytes: Buffer.concat([header, ...kept.map(lineOf)]) };
    },
    loaded(state) {
      // Sorted here too: a hand edit or a merge tool may have left the lines out of order.
      const records = (recordsOf(state) as R[]).map((r) => (checked.has(r) ? r : seal(r))).sort((a, b) => compareIds(a.id, b.id));
      return Object.freeze({ ...state, [recordsKey]: Object.freeze(records) }) as T;
    },
    decode(text) {
      const parsed = parseJsonl(text);
      if (parsed.kind !== kind) {
        throw new JsonlSyntaxError(1, `says it is a glossator-${parsed.kind} file, not glossator-${kind}`);
      }
      const seen = new Map<string, number>();
      parsed.records.forEach((r, i) => {
        const id = (r as { id?: unknown }).id;
        if (typeof id !== 'string') return; // the schema names it
        const before = seen.get(id);
        const line = parsed.lines[i]!;
        if (before !== undefined) throw new JsonlSyntaxError(line, `repeats the id "${id}" of line ${before}`);
        seen.set(id, line);
      });
      return {
        json: { schemaVersion: parsed.version, ...fixed, [recordsKey]: parsed.records },
        where: (path) => {
          const [key, index, ...rest] = path;
          if (key !== recordsKey || typeof index !== 'number') return null;
          const line = parsed.lines[index];
          if (line === undefined) return null;
          return rest.length ? `line ${line} (${rest.join('.')})` : `line ${line}`;
        },
      };
    },
  };
}

// A ZodError-shaped value for refusals the record schema cannot express (duplicate ids).
function issue(path: PropertyKey[], message: string): z.ZodError {
  return { issues: [{ code: 'custom', path, message, input: undefined }] } as unknown as z.ZodError;
}

function prefixed(error: z.ZodError, prefix: PropertyKey[]): z.ZodError {
  return { issues: error.issues.map((i) => ({ ...i, path: [...prefix, ...i.path] })) } as unknown as z.ZodError;
}
