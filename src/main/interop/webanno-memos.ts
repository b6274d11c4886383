// Memos in W3C JSON-LD: document, tag and journal memos as `commenting` annotations, written and read back.
//
// A memo is a comment on a whole resource, which the Web Annotation model says with a target whose
// SpecificResource has a source and no selector (§4: "the whole of the source"). Its body is the
// memo's Markdown as a TextualBody (`format: text/markdown`, `purpose: commenting`).
// - A document memo targets the document's source, the same resource passages target.
// - A tag memo targets the tag, named `urn:glossator:tag:<id>` with its name as `dcterms:title`: the
//   model has no resource for a code, so the tag is named as one; another tool sees a comment on a
//   resource it does not know, Glossator finds the tag by id, then by name.
// - A journal entry targets the project journal, `urn:glossator:journal`.
// The annotation's id is `urn:glossator:memo:<kind>:<memo id>`, which is how a re-import tells a memo
// from a passage. The target carries `selector: []` (adds nothing in JSON-LD): Recogito's parser
// throws on a target with no selector list, and with an empty one it reports the memo as an
// annotation it cannot show instead. The export dialog's memo and journal options leave them out.
import type { Memo } from '../../shared/memos';
import { memoParts } from '../export/memo-sections';
import type { ExportSet } from '../export/types';
import type { GlossDocument } from '../../shared/types';
import type { IncomingMemo, IncomingPassage } from './types';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const MEMO_URN = 'urn:glossator:memo:';
export const TAG_URN = 'urn:glossator:tag:';
export const JOURNAL_URN = 'urn:glossator:journal';

interface Writing {
  /** The document's source object, as passages name it. */
  sourceOf(docId: string, doc: GlossDocument | undefined): Json;
  generator: JsonObject;
  generated: string;
}

/** The memos the options include (as in the digest), as annotations: document memos, tag memos, then the journal, oldest first. */
export function memoAnnotations(set: ExportSet, w: Writing): JsonObject[] {
  const parts = memoParts(set);
  const docs = new Map(set.documents.map((d) => [d.id, d] as const));
  const tags = new Map(set.tags.map((t) => [t.id, t] as const));
  const out: JsonObject[] = [];
  const add = (memo: Memo, source: Json) => {
    const annotation: JsonObject = {
      id: `${MEMO_URN}${memo.subject.kind}:${encodeURIComponent(memo.id)}`,
      type: 'Annotation',
      motivation: 'commenting',
    };
    const created = utc(memo.created);
    const modified = utc(memo.modified);
    if (created !== null) annotation.created = created;
    if (modified !== null) annotation.modified = modified;
    annotation.generator = w.generator;
    annotation.generated = w.generated;
    annotation.body = [{ type: 'TextualBody', purpose: 'commenting', value: memo.text, format: 'text/markdown' }];
    annotation.target = { type: 'SpecificResource', source, selector: [] };
    out.push(annotation);
  };
  for (const { memo } of parts.documents) {
    if (memo.subject.kind === 'document') add(memo, w.sourceOf(memo.subject.docId, docs.get(memo.subject.docId)));
  }
  for (const { memo } of parts.tags) {
    if (memo.subject.kind !== 'tag') continue;
    const tag = tags.get(memo.subject.tagId);
    add(memo, { id: `${TAG_URN}${encodeURIComponent(memo.subject.tagId)}`, 'dcterms:title': tag?.name ?? memo.subject.tagId });
  }
  for (const { memo } of parts.journal) add(memo, { id: JOURNAL_URN, 'dcterms:title': 'Project journal' });
  return out;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const listOf = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Whether an annotation is a memo Glossator wrote (by its id). */
export function isMemoAnnotation(item: Obj): boolean {
  const id = text(item.id) ?? text(item['@id']);
  return id !== undefined && id.startsWith(MEMO_URN);
}

/**
 * The memo an annotation written by memoAnnotations() holds; null when it is not readable as one
 * (the caller then reads it as an ordinary annotation, so nothing is lost unreported).
 */
export function readMemoAnnotation(item: Obj, sourceOf: (source: unknown) => IncomingPassage['source']): IncomingMemo | null {
  const id = (text(item.id) ?? text(item['@id']) ?? '').slice(MEMO_URN.length);
  const m = /^(document|tag|journal):(.+)$/.exec(id);
  const body = listOf(item.body).find((b): b is Obj => isObj(b) && typeof b.value === 'string');
  const target = listOf(item.target)[0];
  if (!m || !body || !isObj(target)) return null;
  const [, kind, rawId] = m;
  const memoId = safeDecode(rawId!);
  const stamps = { ...(text(item.created) ? { created: text(item.created) } : {}), ...(text(item.modified) ? { modified: text(item.modified) } : {}) };
  const base = { ...(memoId ? { id: memoId } : {}), text: body.value as string, ...stamps };
  const source = target.source;
  if (kind === 'journal') return { ...base, subject: { kind: 'journal' } };
  if (kind === 'tag') {
    const tagIri = isObj(source) ? (text(source.id) ?? '') : (text(source) ?? '');
    const name = isObj(source) ? (text(source['dcterms:title']) ?? '') : '';
    const tagId = tagIri.startsWith(TAG_URN) ? safeDecode(tagIri.slice(TAG_URN.length)) : undefined;
    if (!tagId && name.trim() === '') return null;
    return { ...base, subject: { kind: 'tag', ...(tagId ? { tagId } : {}), name } };
  }
  return { ...base, subject: { kind: 'document', source: sourceOf(source) } };
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

function utc(stamp: string): string | null {
  const time = Date.parse(stamp);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
