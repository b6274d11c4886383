// Memos in a REFI-QDA project: each a <Note> (PlainTextContent, the memo's Markdown), referenced where it belongs.
//
// A document memo is referenced from its TextSource (NoteRef, as QualCoder and MAXQDA read
// document memos), a tag memo from its Code (NoteRef after the Code's Description, which keeps
// the one-line description), and journal entries from the Project itself (its trailing NoteRefs:
// "notes that apply to the project as a whole" in Project.xsd). A document memo whose document
// has no exported source is still written to <Notes>, so nothing the digest would show is lost.
import type { Memo } from '../../shared/memos';
import { memoParts } from '../export/memo-sections';
import type { ExportSet } from '../export/types';
import { el, refiGuid, textEl, type XmlElement } from './refi-xml';

export interface MemoNotes {
  /** Every memo's <Note>, for the project's <Notes>. */
  notes: XmlElement[];
  /** The NoteRef a document's TextSource carries, or null. */
  documentRef(docId: string): XmlElement | null;
  /** The NoteRef a tag's Code carries, or null. */
  tagRef(tagId: string): XmlElement | null;
  /** The Project's own NoteRefs: the journal's entries. */
  projectRefs: XmlElement[];
}

/** The memos the options include (as in the digest), as Notes with their references. */
export function memoNotes(set: ExportSet, userOf: (coderId: string | undefined) => string, dateTime: (value: string) => string): MemoNotes {
  const parts = memoParts(set);
  const notes: XmlElement[] = [];
  const refs = new Map<string, XmlElement>();
  const note = (memo: Memo, name: string): XmlElement => {
    const guid = refiGuid('memo', memo.id);
    const user = userOf(memo.author);
    const attrs = {
      guid,
      name,
      creatingUser: user,
      creationDateTime: dateTime(memo.created),
      modifyingUser: user,
      modifiedDateTime: dateTime(memo.modified),
    };
    notes.push(el('Note', attrs, [textEl('PlainTextContent', memo.text)]));
    return el('NoteRef', { targetGUID: guid });
  };
  for (const { title, memo } of parts.documents) {
    if (memo.subject.kind === 'document') refs.set(`doc:${memo.subject.docId}`, note(memo, `Document memo: ${title}`));
  }
  for (const { title, memo } of parts.tags) {
    if (memo.subject.kind === 'tag') refs.set(`tag:${memo.subject.tagId}`, note(memo, `Code memo: ${title}`));
  }
  const projectRefs = parts.journal.map(({ title, memo }) => note(memo, `Journal ${title}`));
  return {
    notes,
    documentRef: (docId) => refs.get(`doc:${docId}`) ?? null,
    tagRef: (tagId) => refs.get(`tag:${tagId}`) ?? null,
    projectRefs,
  };
}
