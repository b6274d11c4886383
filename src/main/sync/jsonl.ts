// Reading and writing the project's line-diffable JSONL files (a header line, then one record per line sorted by id),
// for the sync engine: it parses what git hands it and never trusts it, naming the file and line of anything bad.
export interface JsonlRecord {
  id: string;
  /** The line exactly as stored (no newline): an unchanged record is written back byte for byte. */
  line: string;
  value: Record<string, unknown>;
}

export interface JsonlFile {
  /** The header line as stored, and its format ("glossator-passages/1"). */
  headerLine: string;
  format: string;
  records: Map<string, JsonlRecord>;
}

export class JsonlError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}, line ${line}: ${reason}`);
  }
}

/** The kind of a format string: "glossator-passages/1" → "glossator-passages". */
export const formatKind = (format: string): string => format.replace(/\/\d+$/, '');
export const formatVersion = (format: string): number => Number(/\/(\d+)$/.exec(format)?.[1] ?? NaN);

export function parseJsonl(text: string, file: string): JsonlFile {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length === 0) throw new JsonlError(file, 1, 'the file is empty (no header line)');
  const header = parseLine(lines[0]!, file, 1);
  if (typeof header.format !== 'string' || !/^glossator-[a-z-]+\/\d+$/.test(header.format)) {
    throw new JsonlError(file, 1, 'the first line is not a Glossator header ({"format":"glossator-…/n"})');
  }
  const records = new Map<string, JsonlRecord>();
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const value = parseLine(raw, file, i + 1);
    if (typeof value.id !== 'string' || value.id === '') throw new JsonlError(file, i + 1, 'the record has no string "id"');
    if (records.has(value.id)) throw new JsonlError(file, i + 1, `the id "${value.id}" appears twice`);
    records.set(value.id, { id: value.id, line: raw, value });
  }
  return { headerLine: lines[0]!.replace(/\r$/, ''), format: header.format, records };
}

function parseLine(raw: string, file: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new JsonlError(file, line, `not valid JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new JsonlError(file, line, 'not a JSON object');
  return value as Record<string, unknown>;
}

/** Ids in the order the project writes them: by UTF-16 code unit, as a plain `<` compare sorts. */
export const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function serialiseJsonl(headerLine: string, records: Iterable<JsonlRecord>): string {
  const sorted = [...records].sort((a, b) => byId(a.id, b.id));
  return [headerLine, ...sorted.map((r) => r.line)].join('\n') + '\n';
}

/** Two records are the same when their values are, whatever the key order or spacing of their lines. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .sort()
    .filter((k) => obj[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(',')}}`;
}
