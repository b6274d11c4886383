// project.json and coder.json of a project folder: small JSON files headed by a `format` field, read and written like every store.
import { z } from 'zod';
import type { Coder } from '../../shared/types';
import type { StoreCodec } from './codec';
import { JsonStore, type StoreIo } from './json-store';
import { formatName } from './jsonl';
import { coderSchema } from './settings-store';

export const PROJECT_FILE_VERSION = 1;
export const CODER_FILE_VERSION = 1;

/** `.glossator/project.json`: its presence (written last when a folder becomes a project) makes a folder a project. */
export interface ProjectFile {
  schemaVersion: number;
  /** Stable across clones and machines: keys the project's derived data in each machine's data folder. */
  id: string;
  name: string;
  /** ISO 8601. */
  created: string;
}

export interface CoderFile extends Coder {
  schemaVersion: number;
}

const FORMAT = /^glossator-([a-z][a-z0-9-]*)\/([1-9][0-9]{0,5})$/;

/**
 * Pretty JSON with `"format":"glossator-<kind>/<n>"` first, read into `{schemaVersion: n, …}` so
 * StoreFile's version checks (a newer file is refused, never rewritten) apply as to every file.
 */
function headedCodec<T extends { schemaVersion: number }>(kind: string, schema: z.ZodType<T>): StoreCodec<T> {
  return {
    draft: (data) => structuredClone(data),
    prepare(data) {
      const parsed = schema.safeParse(data);
      if (!parsed.success) return { ok: false, error: parsed.error };
      const { schemaVersion, ...rest } = parsed.data;
      const text = JSON.stringify({ format: formatName(kind, schemaVersion), ...rest }, null, 2);
      return { ok: true, value: data, bytes: Buffer.from(`${text}\n`) };
    },
    loaded: (data) => data,
    decode(text) {
      let json: unknown;
      try {
        json = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch (err) {
        throw new Error(`it is not valid JSON (${(err as Error).message})`, { cause: err });
      }
      const { format, ...rest } = (typeof json === 'object' && json !== null ? json : {}) as { format?: unknown };
      const match = typeof format === 'string' ? FORMAT.exec(format) : null;
      if (!match || match[1] !== kind) throw new Error(`it is not a glossator-${kind} file (its "format" is ${JSON.stringify(format ?? null)})`);
      return { json: { ...rest, schemaVersion: Number(match[2]) } };
    },
  };
}

const projectSchema: z.ZodType<ProjectFile> = z.object({
  schemaVersion: z.literal(PROJECT_FILE_VERSION),
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, 'expected letters, digits, "_" or "-"'),
  name: z.string().min(1).max(500),
  created: z.string().min(1),
});

const coderFileSchema: z.ZodType<CoderFile> = coderSchema.extend({ schemaVersion: z.literal(CODER_FILE_VERSION) });

export function projectFileStore(file: string, io?: StoreIo): JsonStore<ProjectFile> {
  return new JsonStore<ProjectFile>({
    file,
    schema: projectSchema,
    version: PROJECT_FILE_VERSION,
    codec: headedCodec('project', projectSchema),
    // Never written as such: callers ask onDisk (see readProjectFile) and write a whole file.
    defaults: () => ({ schemaVersion: PROJECT_FILE_VERSION, id: '', name: '', created: '' }),
    io,
  });
}

/** The project.json at `file`, or null when there is none; 'store-unreadable' when it cannot be read. */
export async function readProjectFile(file: string, io?: StoreIo): Promise<ProjectFile | null> {
  const store = projectFileStore(file, io);
  const data = await store.read();
  return store.onDisk ? data : null;
}

export function coderFileStore(file: string, io?: StoreIo): JsonStore<CoderFile> {
  return new JsonStore<CoderFile>({
    file,
    schema: coderFileSchema,
    version: CODER_FILE_VERSION,
    codec: headedCodec('coder', coderFileSchema),
    defaults: () => ({ schemaVersion: CODER_FILE_VERSION, id: '', name: '', color: '#000000' }),
    io,
  });
}
