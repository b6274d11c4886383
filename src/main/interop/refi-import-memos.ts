// REFI-QDA memos coming in: Notes that are not text annotations, placed by what refers to them, and source descriptions.
//
// Project.xsd ties a Note to what it is about by a NoteRef there: on a source (a document memo, as
// QualCoder, MAXQDA and our own export write them), on a Code (a code memo) or on the Project (notes
// on the project as a whole: our journal). A source's <Description> is its memo in QualCoder. A Note
// nothing refers to is still somebody's writing: it becomes a journal entry, and the report says so,
// so an import never drops a memo without a word.
import type { ImportChange } from '../../shared/types';
import type { IncomingMemo, IncomingPassage } from './types';
import { attr, children, guidKey, textOf, type XmlNode } from './refi-xml';

export interface MemoSources {
  /** Each text source: the node its selections hang on, and the node that names it (a PDF's Representation and PDFSource differ). */
  sources: readonly (readonly [XmlNode, XmlNode])[];
  /** The corpus-finding hints of a naming source node, as its passages get them. */
  hintsOf(named: XmlNode): IncomingPassage['source'];
  /** A Note's text (its PlainTextContent, or the archive file it names). */
  textOf(note: XmlNode): string;
  /** False for our own exports, whose source Description is the byline, not a memo. */
  descriptionsAreMemos: boolean;
  changes: ImportChange[];
}

const short = (s: string): string => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 50 ? `${flat.slice(0, 49)}…` : flat;
};

/** Every Code in the codebook, nested ones included. */
function allCodes(root: XmlNode): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (node: XmlNode): void => {
    for (const code of children(node, 'Code')) {
      out.push(code);
      walk(code);
    }
  };
  for (const book of children(root, 'CodeBook')) for (const list of children(book, 'Codes')) walk(list);
  return out;
}

function stamps(note: XmlNode): Pick<IncomingMemo, 'created' | 'modified'> {
  const created = attr(note, 'creationDateTime');
  const modified = attr(note, 'modifiedDateTime');
  return { ...(created ? { created } : {}), ...(modified ? { modified } : {}) };
}

export function refiMemos(root: XmlNode, from: MemoSources): IncomingMemo[] {
  // Notes with a PlainTextSelection are text annotations: passages, not memos (refi-import.ts).
  const notes = new Map<string, XmlNode>();
  for (const note of children(root, 'Notes').flatMap((n) => children(n, 'Note'))) {
    if (children(note, 'PlainTextSelection').length === 0) notes.set(guidKey(attr(note, 'guid') ?? ''), note);
  }
  const memos: IncomingMemo[] = [];
  // Notes on a coded passage (referenced from its selection or codings, or linked to it) are that
  // passage's note: refi-import.ts brings them in with it.
  const used = new Set<string>();
  for (const [source] of from.sources) {
    for (const selection of children(source, 'PlainTextSelection')) {
      for (const node of [selection, ...children(selection, 'Coding')]) {
        for (const ref of children(node, 'NoteRef')) used.add(guidKey(attr(ref, 'targetGUID') ?? ''));
      }
    }
  }
  for (const link of children(root, 'Links').flatMap((l) => children(l, 'Link'))) {
    for (const end of [attr(link, 'originGUID'), attr(link, 'targetGUID')]) if (end) used.add(guidKey(end));
  }
  const placed = new Set<string>();
  const refsOf = (node: XmlNode): XmlNode[] =>
    children(node, 'NoteRef').flatMap((ref) => {
      const key = guidKey(attr(ref, 'targetGUID') ?? '');
      const note = notes.get(key);
      // A passage's own note stays with the passage, whatever else also refers to it.
      if (!note || used.has(key)) return [];
      placed.add(key);
      return [note];
    });
  const add = (subject: IncomingMemo['subject'], text: string, note?: XmlNode): void => {
    if (text.trim() === '') return;
    memos.push({ subject, text, ...(note ? stamps(note) : {}) });
  };
  for (const [source, named] of from.sources) {
    const subject = { kind: 'document' as const, source: from.hintsOf(named) };
    if (from.descriptionsAreMemos) add(subject, textOf(children(named, 'Description')[0]));
    for (const node of new Set([named, source])) for (const note of refsOf(node)) add(subject, from.textOf(note), note);
  }
  for (const code of allCodes(root)) {
    const name = (attr(code, 'name') ?? '').trim();
    for (const note of refsOf(code)) add({ kind: 'tag', name }, from.textOf(note), note);
  }
  for (const note of refsOf(root)) add({ kind: 'journal' }, from.textOf(note), note);
  for (const [key, note] of notes) {
    if (used.has(key) || placed.has(key)) continue;
    const text = from.textOf(note);
    if (text.trim() === '') continue;
    add({ kind: 'journal' }, text, note);
    from.changes.push({
      what: `The note “${short(attr(note, 'name') || text)}” was kept as a journal entry`,
      why: 'no source, code or the project itself refers to it (no NoteRef), so it belongs to no document or tag',
    });
  }
  return memos;
}
