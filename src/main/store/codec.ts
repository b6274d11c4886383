// How a JsonStore turns its state into bytes and back: drafts for changes, checks and encoding before a save.
import type { z } from 'zod';

/** What a save writes, or why it may not. */
export type Prepared<T> =
  | { ok: true; /** The state to hold once the bytes are on disk. */ value: T; bytes: Buffer }
  | { ok: false; error: z.ZodError };

/**
 * Per-store rules for the in-memory state. The default deep-copies drafts and checks every save
 * against the whole schema; a store whose files are large (annotation files) supplies one that
 * shares unchanged parts, which is only safe because it keeps them frozen (see annotation-codec).
 */
export interface StoreCodec<T> {
  /** A copy a mutator may change without touching `data`, the acknowledged state. */
  draft(data: T): T;
  /** Checks `data` before a save: the value to adopt and the bytes to write, or the schema's issues. */
  prepare(data: T): Prepared<T>;
  /** The state to hold after a read, given the file as the schema parsed it. */
  loaded(data: T): T;
  /**
   * Turns a file's text into the JSON the schema checks, throwing an Error whose message is the
   * reason in plain words; `where` names the place of a schema issue (a JSONL line). Default: JSON.parse.
   */
  decode?(text: string): { json: unknown; where?: (path: readonly PropertyKey[]) => string | null };
}

/** Pretty-printed, so a person can read and edit the file; small files (codebook, settings) keep this. */
export function plainCodec<T>(schema: z.ZodType<T>): StoreCodec<T> {
  return {
    draft: (data) => structuredClone(data),
    prepare(data) {
      const parsed = schema.safeParse(data);
      if (!parsed.success) return { ok: false, error: parsed.error };
      // The memory keeps the draft as it was, the file gets the parsed form: as before codecs existed.
      return { ok: true, value: data, bytes: Buffer.from(`${JSON.stringify(parsed.data, null, 2)}\n`) };
    },
    loaded: (data) => data,
  };
}
