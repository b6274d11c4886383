// Passage operations as data (UndoRecord) turned into undo entries that check the passage first, so an undo
// kept across a restart (or after the data moved on) applies only to the passage state it expects.
import type { GlossatorApi, UndoRecord } from '../../../shared/contract';
import type { Annotation, PlacedAnnotation } from '../../../shared/types';
import type { UndoEntry } from '../lib/undo-stack';

/** What an entry needs of the workbench: the client, and a call that shows errors and answers null. */
export interface RecordHost {
  readonly client: GlossatorApi;
  call<T>(request: Promise<import('../../../shared/result').Result<T>>): Promise<T | null>;
}

const sameTags = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((t) => b.includes(t));

/** One side of a record: the passage state it expects to find, and the write that leaves the other state. */
interface Side {
  /** Why the passage is not in the expected state, or null when it is. */
  mismatch(found: PlacedAnnotation | undefined): string | null;
  write(): Promise<boolean>;
}

function sides(record: UndoRecord, host: RecordHost): { undo: Side; redo: Side } {
  const { client } = host;
  const present = (found: PlacedAnnotation | undefined) => (found ? null : 'the passage is no longer there');
  const absent = (found: PlacedAnnotation | undefined) => (found ? 'the passage is already there' : null);
  const restore = (annotation: Annotation) => async () => !!(await host.call(client.restoreAnnotation({ annotation })));
  const remove = (docId: string, annotationId: string) => async () => !!(await host.call(client.deleteAnnotation({ docId, annotationId })));
  switch (record.kind) {
    case 'create': {
      const a = record.annotation;
      const unchanged = (found: PlacedAnnotation | undefined) =>
        present(found) ?? (sameTags(found!.tagIds, a.tagIds) ? null : 'its tags have changed since');
      return { undo: { mismatch: unchanged, write: remove(record.docId, a.id) }, redo: { mismatch: absent, write: restore(a) } };
    }
    case 'delete': {
      const a = record.annotation;
      return { undo: { mismatch: absent, write: restore(a) }, redo: { mismatch: present, write: remove(record.docId, a.id) } };
    }
    case 'tags': {
      const { docId, annotationId, before, after } = record;
      const has = (tags: string[]) => (found: PlacedAnnotation | undefined) =>
        present(found) ?? (sameTags(found!.tagIds, tags) ? null : 'its tags have changed since');
      const set = (tagIds: string[]) => async () => !!(await host.call(client.updateAnnotation({ docId, annotationId, tagIds })));
      return { undo: { mismatch: has(after), write: set(before) }, redo: { mismatch: has(before), write: set(after) } };
    }
    case 'note': {
      const { docId, annotationId, before, after } = record;
      const has = (note: string) => (found: PlacedAnnotation | undefined) =>
        present(found) ?? (found!.note === note ? null : 'its note has changed since');
      const set = (note: string) => async () => !!(await host.call(client.updateAnnotation({ docId, annotationId, note })));
      return { undo: { mismatch: has(after), write: set(before) }, redo: { mismatch: has(before), write: set(after) } };
    }
  }
}

const passageId = (record: UndoRecord): string => ('annotation' in record ? record.annotation.id : record.annotationId);

/**
 * The undo entry of a record. Each step first reads the passage as main has it now: if it is not in
 * the state the step expects (changed in another session, by a sync or an import), nothing is
 * written and the step answers why, so the history can drop it and say so.
 */
export function entryOf(record: UndoRecord, host: RecordHost): UndoEntry {
  const { undo, redo } = sides(record, host);
  const run = (side: Side) => async (): Promise<boolean | string> => {
    const list = await host.call(host.client.listAnnotations({ docId: record.docId }));
    if (!list) return false;
    const why = side.mismatch(list.find((a) => a.id === passageId(record)));
    return why ?? (await side.write());
  };
  return {
    label: record.label,
    docId: record.docId,
    record,
    undo: run(undo),
    redo: run(redo),
    ...(record.kind === 'note' ? { coalesceKey: `note:${record.annotationId}` } : {}),
  };
}
