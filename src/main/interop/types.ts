// What importers produce and the import service consumes: passages and tags from another tool, not yet placed.
import type { ImportChange } from '../../shared/types';

export interface IncomingTag {
  name: string;
  /** "#rrggbb" when the source gives a colour. */
  color?: string | null;
  description?: string | null;
  /**
   * The source's own id for the code (a REFI-QDA GUID), when it has one. Passages then name their
   * tags by key (`tagKeys`), so two codes with one name under different parents stay two tags.
   */
  key?: string;
  /** The key of the code this one is nested in; absent or null at the top of the tree. */
  parentKey?: string | null;
  /** The source had it only as a folder for other codes (REFI-QDA isCodable="false"; a QualCoder category). */
  folder?: boolean;
}

/** Who made an annotation in the other tool: W3C `creator`, Hypothesis `user`, REFI-QDA `creatingUser`. */
export interface IncomingCreator {
  /** The tool's id for the person ("acct:alice@hypothes.is", a REFI-QDA user GUID, an IRI). */
  id?: string;
  /** A name to show: W3C `name`/`nickname`, Hypothesis's display name, the REFI-QDA User's name. */
  name?: string;
}

export interface IncomingPassage {
  /** Glossator's own annotation id (a UUID) when the source is a Glossator export; kept if free. */
  id?: string;
  /** Hints for finding the corpus document, tried in this order: our id, file name, URI, title. */
  source: { docId?: string; fileName?: string; uri?: string; title?: string };
  quote: { exact: string; prefix?: string; suffix?: string };
  /**
   * The source's TextPositionSelector, in UTF-16 code units (or code points: W3C counts those). The
   * quote decides; where the position holds the quote exactly, it picks among occurrences the
   * context cannot tell apart.
   */
  position?: { start: number; end: number };
  /**
   * contentHash of the text `position` counts in, when the source carries that text (REFI-QDA):
   * the position then picks an occurrence only in a document with that very text, and is a hint
   * for the search elsewhere. Absent, the position is taken to describe the document (W3C).
   */
  positionIn?: string;
  /** Tags by name (matched to the codebook case-insensitively; missing ones are created). */
  tagNames: string[];
  /** Tags by IncomingTag.key, when the source names codes by id; these win over `tagNames`. */
  tagKeys?: string[];
  note: string;
  created?: string;
  modified?: string;
  creator?: IncomingCreator;
  /** Why the passage carries no quote, in the analyst's words, when the reader knows (an XPath target, a page note…). */
  unquotable?: string;
  /**
   * Where the source shares one document address among several annotations (W3C `source`), the
   * key they share: the import service finds that document once, for all of them together.
   */
  sourceKey?: string;
}

/**
 * A memo from the file (Glossator's own JSON-LD export writes memos as `commenting` annotations on
 * the document, the tag or the journal). The import service finds its subject and stores it.
 */
export interface IncomingMemo {
  /** The memo's id in the exporting corpus; kept where it is free. */
  id?: string;
  subject:
    | { kind: 'document'; source: IncomingPassage['source'] }
    /** A tag by its id in the exporting corpus and its name (matched when the id is unknown here). */
    | { kind: 'tag'; tagId?: string; name: string }
    | { kind: 'journal' };
  /** Markdown. */
  text: string;
  created?: string;
  modified?: string;
}

export interface ParsedImport {
  tags: IncomingTag[];
  passages: IncomingPassage[];
  /** Memos, where the format carries them. */
  memos?: IncomingMemo[];
  /** What the reader changed from what the file said, and why (positions re-read, codes renamed…). */
  changes?: ImportChange[];
}
