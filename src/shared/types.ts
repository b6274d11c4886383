// Domain types shared by main and renderer: documents, blocks, tags, annotations and their selectors.
//
// Offset unit: every offset in Glossator (TextPosition, Block.start/end) counts UTF-16 code units
// of the document's normalised `text`, the unit of JavaScript strings and DOM Ranges. Exports that
// need another unit (W3C Web Annotation uses code points) convert at the boundary.

/** Version tag of the reader/normaliser whose output annotations are anchored on, e.g. "glossator-text/1". */
export type NormaliserVersion = `glossator-${string}/${number}`;

export type BlockKind =
  | 'heading' // a section title recognised in the text
  | 'paragraph' // body prose, hard wraps reflowed
  | 'list-item' // a bullet or numbered item; the marker is kept apart from the text
  | 'quote' // a quotation the author set apart (a blockquote); body text, cited by paragraph number
  | 'pullquote' // a display copy of a sentence that also appears in the body
  | 'caption' // an image caption or credit
  | 'chrome'; // site furniture: breadcrumbs, "Subscribe…", disclaimers, newsletter blurbs

export interface Block {
  /** Position of the block in the document, from 0. */
  index: number;
  kind: BlockKind;
  /** Range of the block's text within Document.text: [start, end). */
  start: number;
  end: number;
  /** Paragraph number used in citations (body paragraphs and list items, from 1); null otherwise. */
  para: number | null;
  /** List marker as printed in the source ("•", "1."), never part of the text. */
  marker?: string;
  /** Page number for paged sources (PDF); absent for plain text. */
  page?: number;
}

export interface DocumentMeta {
  title: string;
  author: string | null;
  publisher: string | null;
  date: string | null;
  url: string | null;
  /** File name in the corpus folder the document was read from (provenance). */
  source: string;
  /** BCP 47 language tag when known ("en", "fa"); absent or null when not. */
  language?: string | null;
}

export interface GlossDocument extends DocumentMeta {
  /** Stable id derived from the source file name. */
  id: string;
  /** Normalised reading text: block texts joined by "\n\n". */
  text: string;
  blocks: Block[];
  /** "sha256:<hex>" of `text`; annotations record it to know whether they need re-anchoring. */
  contentHash: string;
  normaliser: NormaliserVersion;
  wordCount: number;
}

export interface Tag {
  id: string;
  name: string;
  /** CSS colour "#rrggbb". */
  color: string;
  description: string;
  /** Key that applies the tag while a passage is selected ("1"–"9"), or null. */
  shortcut: string | null;
  /** The tag this one is nested under, or null for a top-level tag (see shared/tag-tree.ts). */
  parentId: string | null;
  /**
   * Place among its siblings, ascending (ties by id). A move takes a number between its new
   * neighbours, so a reorder rewrites one record, not the whole codebook.
   */
  order: number;
}

/** W3C-style TextPositionSelector, in UTF-16 code units (see the header). */
export interface TextPosition {
  start: number;
  end: number;
}

/** W3C-style TextQuoteSelector: the exact text plus up to ~32 characters of context either side. */
export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextTarget {
  position: TextPosition;
  quote: TextQuote;
  /** Content hash of the document text the selectors were made against. */
  contentHash: string;
}

export interface Annotation {
  id: string;
  docId: string;
  target: TextTarget;
  tagIds: string[];
  note: string;
  created: string;
  modified: string;
}

export type AnchorState =
  | 'anchored' // text unchanged, or the passage's own text found exactly where the edit history puts it
  | 'moved' // found again elsewhere, or with changed text: placed, but listed for the analyst to confirm
  | 'needs-review' // could not be placed with confidence; never silently moved or dropped
  | 'orphaned'; // its document is no longer in the corpus; kept until the analyst decides

/** An annotation as the renderer sees it: where it currently sits in the document text. */
export interface PlacedAnnotation extends Annotation {
  /** The coder whose layer holds the passage (in a project; absent in a corpus without coders). */
  coderId?: string;
  state: AnchorState;
  /** Current range in the document text; null when it needs review. */
  range: TextPosition | null;
}

export interface DocumentSummary {
  id: string;
  title: string;
  author: string | null;
  publisher: string | null;
  source: string;
  wordCount: number;
  /** Passages per tag id. */
  tagCounts: Record<string, number>;
  /** Tagged passages per set of tag ids (shared/counts.ts tagSetKey): what rolls sub-tags up under their parent, each passage once. */
  tagSets: Record<string, number>;
  passageCount: number;
  needsReview: number;
  /** Set when the document's annotation file could not be read; the document is then read-only. */
  storeError: string | null;
  /** Blocks marked read and blocks that count, for the coverage bar. */
  coverage: { read: number; total: number };
}

export type DigestGroupBy = 'tag' | 'document';

/** Where a tag sits: its parent (null: top level) and its place among that parent's children. */
export interface TagPlacement {
  id: string;
  parentId: string | null;
  order: number;
}

/** The tags a codebook operation moved: where they were and where they are now (undo: place them back). */
export interface TagMoves {
  before: TagPlacement[];
  after: TagPlacement[];
}

/** One passage's tags before and after a codebook operation, so the operation can be undone. */
export interface TagChange {
  docId: string;
  annotationId: string;
  before: string[];
  after: string[];
}

/** A passage as the cross-corpus "Passages" view lists it. */
export interface PassageRow extends PlacedAnnotation {
  docTitle: string;
  /** "Title — Author, Publisher, ¶ 3", as in the digest. */
  citation: string;
  /** Paragraph number where the passage starts (null for headings, chrome, or when it needs review). */
  para: number | null;
}

export interface SearchOptions {
  /** Match whole words only; otherwise a query word also matches words it begins. */
  wholeWord: boolean;
  caseSensitive: boolean;
  /** When false, "Tehran" matches "Tehrān" and "cafe" matches "café". */
  diacriticSensitive: boolean;
}

export interface SearchHit extends TextPosition {
  /** Keyword in context: up to ~60 characters either side, on one line. */
  before: string;
  match: string;
  after: string;
}

export interface SearchResults {
  query: string;
  /** Hits in all: the sum of the documents' counts. */
  total: number;
  /** Documents with at least one hit, in corpus order. */
  documents: SearchDocumentHits[];
}

export interface SearchDocumentHits {
  docId: string;
  title: string;
  /** Every hit in the document, exactly. */
  count: number;
  /**
   * Its first hits with context, in text order. Fewer than `count` when the answer was cut: at most
   * 500 per document and 1,000 per corpus-wide answer, so a common word's hits in later documents
   * come with none; a search with this `docId` gives them.
   */
  hits: SearchHit[];
}

/** Which blocks of a document the analyst has marked as read. */
export interface Coverage {
  docId: string;
  /** Indices of blocks marked read, ascending. */
  read: number[];
  /** Blocks that count towards coverage (every block but chrome). */
  total: number;
}

export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
  theme: Theme;
  /** Widths in px of the document list and the passages panel. */
  panes: { left: number; right: number };
  lastDocId: string | null;
  /** Per document, the block index at the top of the reader when it was last left. */
  scroll: Record<string, number>;
}

export type ExportFormat = 'md' | 'html' | 'pdf' | 'csv' | 'jsonld' | 'qdpx' | 'qdc';
export type ImportFormat = 'jsonld' | 'qdpx' | 'qdc';

/** What goes into a digest or export, and how it reads. */
export interface DigestOptions {
  groupBy: DigestGroupBy;
  /** Only passages carrying one of these tags; empty = every tag (and untagged passages). */
  tagIds: string[];
  /** Only these documents; empty = every document. */
  docIds: string[];
  /** Only passages whose quote or note contains this text (case-insensitive); empty = no filter. */
  text: string;
  includeNotes: boolean;
  /** Markdown: write tags as #hashtags for note-taking apps. */
  hashtags: boolean;
  /** CSV: start with a UTF-8 byte-order mark so spreadsheet programs detect the encoding. */
  bom: boolean;
  /** Memos of the documents and tags in the digest (absent = yes). */
  includeMemos?: boolean;
  /** The project journal as an appendix (absent = yes). */
  includeJournal?: boolean;
  /**
   * W3C and CSV offsets: Unicode code points (the default, as the W3C model says) or UTF-16 code
   * units (what JavaScript tools such as Recogito count). REFI-QDA always counts code points.
   */
  offsets?: OffsetUnit;
}

export type OffsetUnit = 'codepoints' | 'utf16';

export interface ImportReport {
  format: ImportFormat;
  /** New passages written. */
  imported: number;
  /** Incoming passages that matched an existing one (same document and range): tags/notes merged, nothing duplicated. */
  merged: number;
  /**
   * Incoming passages that could not be placed, with why, so nothing is dropped silently. `notStored`
   * marks a passage that was placed but whose write failed (disk full, unreadable file): the import failed for it.
   */
  unmatched: { quote: string; source: string; reason: string; notStored?: true; coder?: string }[];
  /** Tags created because the codebook had no tag of that name. */
  tagsAdded: string[];
  /** Every change the import made to what the file said, and why (a name cut, a duplicate renamed, positions re-read…). */
  changes: ImportChange[];
  /** Who made the incoming passages (W3C `creator`, Hypothesis `user`, REFI-QDA `creatingUser`), with how many each. */
  coders: { name: string; passages: number }[];
  /** Memos the file carried (document, tag and journal memos in Glossator's JSON-LD); absent when it carried none. */
  memos?: ImportMemoReport;
}

/** What an import did with the file's memos. */
export interface ImportMemoReport {
  /** Memos stored that were not here. */
  imported: number;
  /** Memos whose subject already had one: the incoming paragraphs it lacked were added (or it was the same). */
  merged: number;
  /** Memos not stored, each with its subject ("Document memo — …") and why. */
  unmatched: { subject: string; reason: string }[];
}

/** One thing an import did differently from what the file said, in the analyst's words. */
export interface ImportChange {
  what: string;
  why: string;
}

/** SVG charts of the selected passages (sanitised before display). */
export interface Charts {
  /** Stacked bars: passages per tag in each document. */
  frequency: string;
  /** Matrix: how often two tags share a passage. */
  cooccurrence: string;
  /** Where each tag's passages fall along each document. */
  distribution: string;
}

/** A file in the corpus folder that was left out because it could not be read, and why, in plain words. */
export interface CorpusProblem {
  /** The file's name in the corpus folder. */
  source: string;
  message: string;
}

export interface CorpusInfo {
  /** Absolute folder path. */
  path: string;
  name: string;
  /** Key annotations are stored under in the data dir ("default" for the bundled corpus). */
  key: string;
  /** The bundled corpus is read-only: documents cannot be imported into it. */
  readOnly: boolean;
  documentCount: number;
  /** Set when the folder is a project (`.glossator/project.json`); null or absent for a plain corpus. */
  project?: { id: string; name: string } | null;
  /** What the analyst should be told about opening it (a migration, why it stayed a plain corpus); null: nothing. */
  notice?: string | null;
}

/** What changed in the corpus folder, and what re-anchoring made of the passages on changed documents. */
export interface CorpusChangeReport {
  added: string[];
  changed: string[];
  removed: string[];
  passages: { anchored: number; moved: number; needsReview: number; orphaned: number };
  /** File names that became unreadable, or readable again (see listCorpusProblems); absent when none did. */
  problems?: string[];
}

/** A passage the analyst should look at: moved, needing review, or orphaned by a removed document. */
export interface ReviewItem {
  passage: PlacedAnnotation;
  docTitle: string;
  /** Why it is here, in plain words. */
  reason: string;
}

export interface ImportedDocument {
  docId: string;
  title: string;
  /** File name the original was stored under in the corpus folder. */
  source: string;
}

/** A document whose annotation file could not be read, and the backup generations that can replace it. */
export interface DamagedDocument {
  docId: string;
  /** The file that could not be read. */
  file: string;
  /** Where it was moved (never deleted); null when it was left in place. */
  movedTo: string | null;
  reason: string;
  /** Backups, newest first. */
  backups: { generation: number; savedAt: string; passages: number }[];
}

/** An analyst coding a project: stored in `.glossator/coders/<id>/coder.json` (see store/layout.ts). */
export interface Coder {
  /** Stable, a valid path part: it names the coder's folder. */
  id: string;
  name: string;
  /** "#rrggbb": the coder's stripe in the "all coders" layer. */
  color: string;
}

/** Who "I" am on this machine (settings.json, never the project); unconfirmed until the analyst names themselves. */
export interface CoderIdentity extends Coder {
  confirmed: boolean;
}
