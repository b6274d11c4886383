// The codec of annotation files: frozen, shared passages, so a save checks and encodes only the passages that changed.
//
// A document may hold thousands of passages and a tag change touches one. Deep-copying, checking
// and printing the whole file on every save cost far more than writing it; here a draft shares
// the unchanged passages with the acknowledged state, and a save checks only passages it has not
// seen pass the schema. That is sound because every passage this module lets through is frozen at
// once (deep): it cannot have changed since it was checked, and a mutator that tries throws.
import type { z } from 'zod';
import type { Annotation } from '../../shared/types';
import type { Prepared, StoreCodec } from './codec';
import { annotationSchema, type AnnotationFile } from './schemas';

// Passages that passed annotationSchema and were frozen then. Only this module adds to it.
const checked = new WeakSet<object>();
// The JSON line of a checked passage as UTF-8 followed by ",\n", made the first time a file
// holding it is written: a later save of that file copies the bytes of the passages it did not
// change. (The separator is part of the line so a save copies half as many pieces.)
const lines = new WeakMap<object, Buffer>();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

// Which fields of a passage hold objects: only those need the (slower) deep freeze, and a field
// added to Annotation does not compile until it is listed here.
const NESTED = { id: false, docId: false, target: true, tagIds: true, note: false, created: false, modified: false } satisfies Record<
  keyof Annotation,
  boolean
>;
const NESTED_FIELDS = (Object.keys(NESTED) as (keyof Annotation)[]).filter((k) => NESTED[k]);

/** Freezes a passage the schema has just accepted and remembers that it was checked. */
function seal(a: Annotation): Annotation {
  for (const field of NESTED_FIELDS) deepFreeze(a[field]);
  Object.freeze(a);
  checked.add(a);
  return a;
}

/** Whether `a` is a passage this module checked and froze (for tests and callers that share state). */
export function isSealed(a: unknown): boolean {
  return typeof a === 'object' && a !== null && checked.has(a);
}

function lineOf(a: Annotation): Buffer {
  let line = lines.get(a);
  if (line === undefined) {
    line = Buffer.from(`${JSON.stringify(a)},\n`);
    if (checked.has(a)) lines.set(a, line);
  }
  return line;
}

/**
 * One passage per line, compact within: a third smaller than indented JSON and quicker to print,
 * still readable and diffable by line. Any JSON reader takes it; the top-level fields keep their order.
 */
export function encodeAnnotationFile(file: AnnotationFile): Buffer {
  const { annotations, ...rest } = file;
  const head = JSON.stringify({ ...rest, annotations: [] });
  if (annotations.length === 0) return Buffer.from(`${head}\n`);
  // `head` ends with `[]}`: the passages go between the brackets.
  const parts = [Buffer.from(`${head.slice(0, -2)}\n`), ...annotations.map(lineOf)];
  const last = parts.length - 1;
  parts[last] = parts[last]!.subarray(0, -2); // no comma after the last passage
  parts.push(Buffer.from('\n]}\n'));
  return Buffer.concat(parts);
}

/**
 * `schema` is the file's schema (with the store's own refinements); its passages must be
 * annotationSchema's, which is what each passage is checked against on its own.
 */
export function annotationCodec(schema: z.ZodType<AnnotationFile>): StoreCodec<AnnotationFile> {
  // The whole-file check decides whenever the quick one does not pass: its verdict and its
  // messages are then exactly what they always were.
  const whole = (file: AnnotationFile): Prepared<AnnotationFile> => {
    const parsed = schema.safeParse(file);
    if (!parsed.success) return { ok: false, error: parsed.error };
    return ready(parsed.data.annotations.map(seal), parsed.data);
  };
  const ready = (annotations: Annotation[], head: AnnotationFile): Prepared<AnnotationFile> => {
    const value = Object.freeze({ ...head, annotations: Object.freeze(annotations) as Annotation[] });
    return { ok: true, value, bytes: encodeAnnotationFile(value) };
  };
  return {
    draft: (file) => ({ ...file, annotations: [...file.annotations] }),
    prepare(file) {
      const { annotations, ...rest } = file;
      if (!Array.isArray(annotations)) return whole(file);
      // The top-level fields and the file's refinements, without the passages.
      const head = schema.safeParse({ ...rest, annotations: [] });
      if (!head.success) return whole(file);
      const kept: Annotation[] = [];
      for (const a of annotations) {
        if (checked.has(a)) kept.push(a);
        else {
          const parsed = annotationSchema.safeParse(a);
          if (!parsed.success) return whole(file);
          kept.push(seal(parsed.data));
        }
      }
      return ready(kept, head.data);
    },
    loaded(file) {
      for (const a of file.annotations) if (!checked.has(a)) seal(a);
      return Object.freeze({ ...file, annotations: Object.freeze(file.annotations) as Annotation[] });
    },
  };
}
