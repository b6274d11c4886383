// REFI-QDA export: the selected passages as a .qdpx project and the codebook as a .qdc, for MAXQDA, NVivo, ATLAS.ti…
//
// Positions: a PlainTextSelection's startPosition/endPosition count Unicode code points of the
// exported source text (sources/<guid>.txt: the document's normalised text, UTF-8 without a BOM,
// LF line endings, paragraphs separated by one blank line). Glossator's own offsets count UTF-16
// code units, so they are converted here; see refi-text.ts and docs/refi-qda.md.
import { zipSync, type Zippable } from 'fflate';
import type { GlossDocument, PlacedAnnotation, Tag, TextPosition } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import { checkRange } from '../../shared/anchoring';
import { sortPassages } from '../export/select';
import type { ExportSet } from '../export/types';
import { refiUsers, type RefiUsers } from './refi-users';
import { CODEBOOK_NS, PROJECT_NS, el, isGuid, refiGuid, renderXml, textEl, toRgb, type XmlElement } from './refi-xml';
import { shortLabel } from './refi-text';
import { codePointCounter } from './webanno-export';
import { memoNotes, type MemoNotes } from './refi-memos';

export const ORIGIN = 'Glossator';

/** Source variables: what another tool shows as document attributes, and what lets a re-import find the document. */
export const VARIABLES = {
  docId: 'Glossator document id',
  file: 'File name',
  url: 'URL',
  author: 'Author',
  publisher: 'Publisher',
  date: 'Date',
  hash: 'Glossator content hash',
} as const;
type VariableKey = keyof typeof VARIABLES;
const VARIABLE_KEYS = Object.keys(VARIABLES) as VariableKey[];

const VARIABLE_VALUES: Readonly<Record<VariableKey, (doc: GlossDocument) => string | null>> = {
  docId: (d) => d.id,
  file: (d) => d.source,
  url: (d) => d.url,
  author: (d) => d.author,
  publisher: (d) => d.publisher,
  date: (d) => d.date,
  hash: (d) => d.contentHash,
};

export interface RenderedQdpx {
  bytes: Uint8Array;
  /** Passages left out because they have no place in the current text (they need review) or no document. */
  skipped: number;
  /** Placed passages left out because they carry neither a tag nor a note (nothing another tool could show). */
  bare: number;
}

/** The .qdpx archive: project.qde plus sources/<guid>.txt for every document with a placed passage. */
export function renderQdpx(set: ExportSet, allDocuments: readonly GlossDocument[]): RenderedQdpx {
  const now = dateTime(set.now, set.now);
  const { groups, skipped, bare } = groupByDocument(set, allDocuments);
  const users = refiUsers(set);
  const user = users.guidOf(undefined);
  const memos = memoNotes(set, users.guidOf, (value) => dateTime(value, set.now));
  const ctx: Context = { set, user, users, tags: new Map(set.tags.map((t) => [t.id, t])), notes: [], memos };
  const sources = groups.map(({ doc, passages }) => ({ doc, ...sourceElement(doc, passages, now, ctx) }));
  const attrs = { xmlns: PROJECT_NS, name: `Glossator export ${now.slice(0, 10)}`, origin: ORIGIN };
  const project = el('Project', { ...attrs, creatingUserGUID: ctx.user, creationDateTime: now }, [
    el('Users', {}, users.elements),
    set.tags.length > 0 ? el('CodeBook', {}, [el('Codes', {}, codeElements(set.tags, (id) => memos.tagRef(id)))]) : null,
    sources.length > 0 ? el('Variables', {}, VARIABLE_KEYS.map(variableElement)) : null,
    sources.length > 0 ? el('Sources', {}, sources.map((s) => s.xml)) : null,
    ctx.notes.length + memos.notes.length > 0 ? el('Notes', {}, [...ctx.notes, ...memos.notes]) : null,
    textEl('Description', projectDescription(set)),
    ...memos.projectRefs,
  ]);

  const encoder = new TextEncoder();
  const mtime = zipTime(set.now);
  const files: Zippable = { 'project.qde': [encoder.encode(renderXml(project)), { mtime }] };
  for (const s of sources) files[`sources/${s.guid}.txt`] = [encoder.encode(s.doc.text), { mtime }];
  return { bytes: zipSync(files, { level: 6 }), skipped, bare };
}

interface Context {
  set: ExportSet;
  /** The project's creating user: this machine's coder. */
  user: string;
  /** Every coder's User GUID, by coder id (a passage's own coder, else this machine's). */
  users: RefiUsers;
  tags: ReadonlyMap<string, Tag>;
  /** Filled while the selections are written: the notes they refer to. */
  notes: XmlElement[];
  /** The memos' notes and references (refi-memos.ts). */
  memos: MemoNotes;
}

function sourceElement(doc: GlossDocument, passages: readonly Placed[], now: string, ctx: Context) {
  const guid = refiGuid('source', doc.id);
  // One pass over the text per document, not a scan from its start for every passage end.
  const codePoints = codePointCounter(doc.text);
  const values = VARIABLE_KEYS.flatMap((key) => {
    const value = VARIABLE_VALUES[key](doc);
    if (value === null || value === '') return [];
    const ref = el('VariableRef', { targetGUID: variableGuid(key) });
    return [el('VariableValue', {}, [ref, textEl('TextValue', value)])];
  });
  const description = sourceDescription(doc);
  const attrs = { guid, name: doc.title, plainTextPath: `internal://${guid}.txt`, creatingUser: ctx.user, creationDateTime: now };
  const xml = el('TextSource', attrs, [
    description === '' ? null : textEl('Description', description),
    ...passages.map((p) => selectionElement(doc, p, ctx, codePoints)),
    ctx.memos.documentRef(doc.id),
    ...values,
  ]);
  return { guid, xml };
}

function selectionElement(doc: GlossDocument, { annotation, range }: Placed, ctx: Context, codePoints: (offset: number) => number): XmlElement {
  const created = dateTime(annotation.created, ctx.set.now);
  const user = ctx.users.guidOf(annotation.coderId);
  const stamped = stamps(user, created, dateTime(annotation.modified, ctx.set.now));
  const codings = annotation.tagIds.flatMap((id) => {
    const tag = ctx.tags.get(id);
    if (tag === undefined) return []; // a tag no longer in the codebook, as in the digest
    const attrs = { guid: refiGuid('coding', annotation.id, tag.id), creatingUser: user, creationDateTime: created };
    return [el('Coding', attrs, [el('CodeRef', { targetGUID: codeGuid(tag) })])];
  });
  const quote = doc.text.slice(range.start, range.end);
  let noteRef: XmlElement | null = null;
  if (ctx.set.options.includeNotes && annotation.note.trim() !== '') {
    const guid = refiGuid('note', annotation.id);
    const name = `Note: ${shortLabel(quote, 50)}`;
    ctx.notes.push(el('Note', { guid, name, ...stamped }, [textEl('PlainTextContent', annotation.note)]));
    noteRef = el('NoteRef', { targetGUID: guid });
  }
  const attrs = {
    guid: selectionGuid(annotation),
    name: shortLabel(quote),
    startPosition: codePoints(range.start),
    endPosition: codePoints(range.end),
    ...stamped,
  };
  // QualCoder reads a selection's note from its Description (refi.py load_codings_for_text: a coding
  // memo, or for a selection without codings an annotation); it skips NoteRefs on selections. The
  // NoteRef'd Note stays for tools that follow the standard's memo mechanism; Glossator reads both as one.
  const description = noteRef === null ? null : textEl('Description', annotation.note);
  return el('PlainTextSelection', attrs, [description, ...codings, noteRef]);
}

/** A stand-alone codebook (.qdc): the same Codes, with the same GUIDs, as in a .qdpx. */
export function renderQdc(tags: readonly Tag[], now: Date): string {
  if (tags.length === 0) {
    throw new GlossatorError('invalid-argument', 'The codebook has no tags, so there is nothing to export.');
  }
  const root = el('CodeBook', { xmlns: CODEBOOK_NS, origin: ORIGIN }, [el('Codes', {}, codeElements(tags))]);
  return renderXml(root, `Glossator codebook, exported ${dateTime(now, now)}`);
}

/** The GUID a tag's Code gets in every export, so a .qdc and a .qdpx agree. */
export const codeGuid = (tag: Tag): string => refiGuid('code', tag.id);

/**
 * A passage's own id when it already is a UUID (it is deterministic, and a re-import into
 * Glossator can keep it); otherwise one derived from it.
 */
export const selectionGuid = (a: PlacedAnnotation): string =>
  isGuid(a.id) ? a.id.replace(/[{}]/g, '').toLowerCase() : refiGuid('selection', a.docId, a.id);

const variableGuid = (key: VariableKey): string => refiGuid('variable', key);

/** The codebook as nested Codes: each tag inside its parent's Code, siblings in codebook order; a tag's memo as its NoteRef. */
function codeElements(tags: readonly Tag[], memoRef: (tagId: string) => XmlElement | null = () => null): XmlElement[] {
  const ids = new Set(tags.map((t) => t.id));
  const childrenOf = new Map<string | null, Tag[]>();
  for (const tag of tags) {
    // Tags nest by parentId where the codebook has one (a flat codebook writes flat Codes).
    const parentId = (tag as Tag & { parentId?: string | null }).parentId ?? null;
    const parent = parentId !== null && ids.has(parentId) ? parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), tag]);
  }
  const element = (tag: Tag, depth: number): XmlElement => {
    const description = tag.description.trim() === '' ? null : textEl('Description', tag.description);
    const attrs = { guid: codeGuid(tag), name: tag.name, isCodable: 'true', color: toRgb(tag.color) };
    // A depth guard: the codebook is a tree, but an export must never recurse without end.
    const nested = depth < 1000 ? (childrenOf.get(tag.id) ?? []).map((c) => element(c, depth + 1)) : [];
    // CodeType's sequence: Description, NoteRef*, Code*.
    return el('Code', attrs, [description, memoRef(tag.id), ...nested]);
  };
  return (childrenOf.get(null) ?? []).map((t) => element(t, 0));
}

const HASH_ABOUT = 'SHA-256 of the source text as exported; Glossator trusts positions on re-import when it matches.';

function variableElement(key: VariableKey): XmlElement {
  const about = key === 'hash' ? textEl('Description', HASH_ABOUT) : null;
  return el('Variable', { guid: variableGuid(key), name: VARIABLES[key], typeOfVariable: 'Text' }, [about]);
}

const stamps = (user: string, created: string, modified: string) => ({
  creatingUser: user,
  creationDateTime: created,
  modifyingUser: user,
  modifiedDateTime: modified,
});

interface Placed {
  annotation: PlacedAnnotation;
  range: TextPosition;
}

/** Passages by document in corpus then reading order; passages that cannot be placed are only counted. */
function groupByDocument(set: ExportSet, allDocuments: readonly GlossDocument[]) {
  const byId = new Map<string, GlossDocument>();
  for (const doc of [...set.documents, ...allDocuments]) if (!byId.has(doc.id)) byId.set(doc.id, doc);
  const passagesOf = new Map<string, Placed[]>();
  const tagIds = new Set(set.tags.map((t) => t.id));
  let skipped = 0;
  let bare = 0;
  for (const annotation of sortPassages([...byId.values()], set.passages)) {
    const doc = byId.get(annotation.docId);
    const range = annotation.range;
    if (doc === undefined || range === null || checkRange(doc.text, range.start, range.end) !== null) {
      skipped++;
      continue;
    }
    // Neither a code nor a note: another tool would show an empty memo (QualCoder reads a selection
    // without codings as an annotation), so such a bare highlight is left out and counted.
    const noted = set.options.includeNotes && annotation.note.trim() !== '';
    if (!noted && !annotation.tagIds.some((id) => tagIds.has(id))) {
      bare++;
      continue;
    }
    const list = passagesOf.get(doc.id);
    if (list) list.push({ annotation, range });
    else passagesOf.set(doc.id, [{ annotation, range }]);
  }
  const groups = [...byId.values()].flatMap((doc) => {
    const passages = passagesOf.get(doc.id);
    return passages === undefined ? [] : [{ doc, passages }];
  });
  return { groups, skipped, bare };
}

/** "Author, Publisher, Date" and the URL, for the analyst reading the project in another tool. */
function sourceDescription(doc: GlossDocument): string {
  const byline = [doc.author, doc.publisher, doc.date].filter((p): p is string => p !== null && p.trim() !== '').join(', ');
  return [byline, doc.url ?? ''].filter((line) => line !== '').join('\n');
}

function projectDescription(set: ExportSet): string {
  return (
    `Passages exported from ${set.generator.name} ${set.generator.version}. ` +
    'Selection positions count Unicode code points of each source text (UTF-8, LF line endings).'
  );
}

const XSD_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** An xsd:dateTime: the stored stamp when it is one, else the export's clock reading. */
function dateTime(value: Date | string, fallback: Date): string {
  if (typeof value === 'string' && XSD_DATE_TIME.test(value)) return value;
  const date = typeof value === 'string' ? fallback : value;
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

/**
 * Zip entries carry local wall-clock time; giving fflate a date whose local fields equal the UTC
 * ones makes the archive the same bytes on every machine. The zip format starts in 1980.
 */
function zipTime(now: Date): Date {
  const year = Math.min(2099, Math.max(1980, now.getUTCFullYear()));
  return new Date(year, now.getUTCMonth(), now.getUTCDate(), now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds());
}
