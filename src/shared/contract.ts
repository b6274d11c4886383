// The main↔renderer contract: every call, its arguments (validated with zod in main), result and doc.
import { z } from 'zod';
import type {
  Coder,
  CoderIdentity,
  Charts,
  CorpusChangeReport,
  CorpusInfo,
  CorpusProblem,
  Coverage,
  DamagedDocument,
  ImportedDocument,
  ReviewItem,
  DigestGroupBy,
  ImportReport,
  DocumentSummary,
  GlossDocument,
  PassageRow,
  PlacedAnnotation,
  SearchResults,
  Settings,
  Tag,
  TagChange,
  TagMoves,
} from './types';
import type { DamagedMemos, Memo, MemoSearchResults } from './memos';
import type { ConflictView, SyncProgressEvent, SyncReportView, SyncStatus } from './sync';
import type { Result } from './result';
import { MAX_MEMO_LENGTH, MAX_NOTE_LENGTH, MAX_PASSAGE_LENGTH, MAX_TAG_DESCRIPTION_LENGTH, MAX_TAG_NAME_LENGTH, MAX_TAGS_PER_PASSAGE, PANE_LIMITS } from './limits';
import type { AgreementAnswer, DisagreementRow } from './agreement';
import type { LocalModelConfig, LocalModelTest, SuggestDecision, SuggestTagState, SuggestionList } from './suggestions';
import { MAX_CUES, MAX_CUE_LENGTH } from './suggestions';
import type { Method } from './methods';

export {
  METHODS,
  MENU_COMMANDS,
  MENU_CHANNEL,
  CORPUS_CHANNEL,
  SYNC_CHANNEL,
  channelOf,
  type Method,
  type MenuCommand,
} from './methods';
import type { MenuCommand } from './methods';

const id = z.string().min(1).max(200);
const offset = z.number().int().nonnegative();
const tagIds = z.array(id).max(MAX_TAGS_PER_PASSAGE);
/** A pane width within the bounds the layout accepts. */
export const paneWidth = (pane: 'left' | 'right') => z.number().int().min(PANE_LIMITS[pane].min).max(PANE_LIMITS[pane].max);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour must look like #1a2b3c.');
const tagName = z.string().trim().min(1, 'A tag needs a name.').max(MAX_TAG_NAME_LENGTH, `A tag name may hold at most ${MAX_TAG_NAME_LENGTH} characters.`);
const description = z.string().max(MAX_TAG_DESCRIPTION_LENGTH, `A description may hold at most ${MAX_TAG_DESCRIPTION_LENGTH} characters.`);
const shortcut = z.string().regex(/^[1-9]$/, 'A shortcut is one of the keys 1 to 9.').nullable();
const iso = z.iso.datetime();

const digestOptions = z.strictObject({
  groupBy: z.enum(['tag', 'document']),
  tagIds: z.array(id).max(500),
  docIds: z.array(id).max(100_000),
  text: z.string().max(500),
  includeNotes: z.boolean(),
  hashtags: z.boolean(),
  bom: z.boolean(),
  includeMemos: z.boolean().optional(),
  includeJournal: z.boolean().optional(),
  offsets: z.enum(['codepoints', 'utf16']).optional(),
});

/** A whole stored passage, as the renderer received it; used to undo a deletion. */
const annotation = z.strictObject({
  id,
  docId: id,
  target: z.strictObject({
    position: z.strictObject({ start: offset, end: offset }),
    quote: z.strictObject({
      exact: z.string().min(1).max(MAX_PASSAGE_LENGTH),
      prefix: z.string().max(64),
      suffix: z.string().max(64),
    }),
    contentHash: z.string().max(100),
  }),
  tagIds,
  note: z.string().max(MAX_NOTE_LENGTH, `A note may hold at most ${MAX_NOTE_LENGTH} characters.`),
  created: iso,
  modified: iso,
});

const order = z.number().finite();
const tag = z.strictObject({ id, name: tagName, color, description, shortcut, parentId: id.nullable(), order });

const note = z.string().max(MAX_NOTE_LENGTH, `A note may hold at most ${MAX_NOTE_LENGTH} characters.`);

const memoSubject = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('document'), docId: id }),
  z.strictObject({ kind: z.literal('tag'), tagId: id }),
  z.strictObject({ kind: z.literal('journal') }),
]);
const memoText = z.string().max(MAX_MEMO_LENGTH, `A memo may hold at most ${MAX_MEMO_LENGTH.toLocaleString('en')} characters.`);
/** A whole stored memo, as the renderer received it; used to undo a deletion or an edit. */
const memo = z.strictObject({ id, subject: memoSubject, text: memoText, created: iso, modified: iso, author: z.string().max(200).optional() });
const searchFlags = { wholeWord: z.boolean(), caseSensitive: z.boolean(), diacriticSensitive: z.boolean() };
/** Which coders, tags and documents agreement compares (absent or empty: all), and what a coder's absence means. */
const agreementQuery = {
  coders: z.array(id).max(100).optional(),
  tagIds: z.array(id).max(500).optional(),
  docIds: z.array(id).max(100_000).optional(),
  absent: z.enum(['missing', 'uncoded']).optional(),
};
/** Undo steps kept per corpus across restarts (the oldest go first). */
export const UNDO_HISTORY_LIMIT = 100;

/**
 * One passage operation as data, so the undo history survives a restart: what it did, to which
 * passage, and the passage's state before and after (an undo checks the passage still has the
 * "after" state before it writes "before").
 */
export const undoRecord = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('create'), label: z.string().max(500), docId: id, annotation }),
  z.strictObject({ kind: z.literal('delete'), label: z.string().max(500), docId: id, annotation }),
  z.strictObject({ kind: z.literal('tags'), label: z.string().max(500), docId: id, annotationId: id, before: tagIds, after: tagIds }),
  z.strictObject({ kind: z.literal('note'), label: z.string().max(500), docId: id, annotationId: id, before: z.string().max(MAX_NOTE_LENGTH), after: z.string().max(MAX_NOTE_LENGTH) }),
]);
export type UndoRecord = z.infer<typeof undoRecord>;
/** The undo and redo stacks, oldest first. */
export const undoHistory = z.strictObject({
  done: z.array(undoRecord).max(UNDO_HISTORY_LIMIT),
  undone: z.array(undoRecord).max(UNDO_HISTORY_LIMIT),
});
export type UndoHistory = z.infer<typeof undoHistory>;
/** A suggestion as the analyst decides on it: where, what text, which tag, and the score it was shown with. */
const suggestionRef = z.strictObject({
  docId: id,
  start: offset,
  end: offset,
  exact: z.string().min(1).max(MAX_PASSAGE_LENGTH),
  tagId: id,
  score: z.number().min(0).max(1),
  source: z.enum(['lexicon', 'model']),
});

/** Argument schemas, one per method. `z.strictObject` rejects unknown keys. */
export const argSchemas = {
  getAppInfo: z.strictObject({}),
  listDocuments: z.strictObject({}),
  getDocumentSummary: z.strictObject({ docId: id }),
  listCorpusProblems: z.strictObject({}),
  getDocument: z.strictObject({ docId: id }),
  listTags: z.strictObject({}),
  listAnnotations: z.strictObject({ docId: id }),
  createAnnotation: z.strictObject({
    docId: id,
    start: offset,
    end: offset,
    exact: z.string().min(1).max(MAX_PASSAGE_LENGTH),
    tagIds,
    note: note.optional(),
  }),
  updateAnnotation: z.strictObject({
    docId: id,
    annotationId: id,
    tagIds: tagIds.optional(),
    note: note.optional(),
  }),
  deleteAnnotation: z.strictObject({ docId: id, annotationId: id }),
  buildDigest: z.strictObject({ options: digestOptions }),
  getCharts: z.strictObject({ options: digestOptions }),
  exportDigest: z.strictObject({
    format: z.enum(['md', 'html', 'pdf', 'csv', 'jsonld', 'qdpx', 'qdc']),
    options: digestOptions,
  }),
  importAnnotations: z.strictObject({ format: z.enum(['jsonld', 'qdpx', 'qdc']) }),
  restoreAnnotation: z.strictObject({ annotation }),
  setPassageTags: z.strictObject({
    changes: z.array(z.strictObject({ docId: id, annotationId: id, tagIds })).max(100_000),
  }),
  createTag: z.strictObject({ name: tagName, color, description: description.optional(), parentId: id.nullable().optional() }),
  updateTag: z.strictObject({
    tagId: id,
    name: tagName.optional(),
    color: color.optional(),
    description: description.optional(),
    shortcut: shortcut.optional(),
  }),
  mergeTags: z.strictObject({ sourceId: id, targetId: id }),
  deleteTag: z.strictObject({ tagId: id }),
  restoreTag: z.strictObject({ tag }),
  moveTag: z.strictObject({ tagId: id, parentId: id.nullable(), index: z.number().int().nonnegative().max(1_000_000) }),
  placeTags: z.strictObject({
    placements: z.array(z.strictObject({ id, parentId: id.nullable(), order })).min(1).max(100_000),
  }),
  listPassages: z.strictObject({ tagIds: z.array(id).max(500) }),
  search: z.strictObject({
    query: z.string().max(500, 'A search may hold at most 500 characters.'),
    wholeWord: z.boolean(),
    caseSensitive: z.boolean(),
    diacriticSensitive: z.boolean(),
    /** Search this document only, to get its own hits with context (the reader, "Show hits"). */
    docId: id.optional(),
  }),
  getCoverage: z.strictObject({ docId: id }),
  setCoverage: z.strictObject({ docId: id, blocks: z.array(z.number().int().nonnegative()).max(100_000), read: z.boolean() }),
  getSettings: z.strictObject({}),
  updateSettings: z.strictObject({
    theme: z.enum(['system', 'light', 'dark']).optional(),
    panes: z.strictObject({ left: paneWidth('left'), right: paneWidth('right') }).optional(),
    lastDocId: id.nullable().optional(),
    scroll: z.strictObject({ docId: id, block: z.number().int().nonnegative() }).optional(),
  }),
  listCorpora: z.strictObject({}),
  // By key, never by path: a renderer cannot name folders main did not list or choose (issue 12).
  openCorpus: z.strictObject({ key: z.string().regex(/^(default|c-[0-9a-f]{16})$/, 'Not a corpus key.').optional() }),
  getCoder: z.strictObject({}),
  setCoder: z.strictObject({
    name: z.string().trim().min(1, 'A coder needs a name.').max(100, 'A coder name may hold at most 100 characters.'),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour is given as "#rrggbb".'),
  }),
  listCoders: z.strictObject({}),
  listLayerPassages: z.strictObject({
    docId: id,
    layer: z.union([z.literal('all'), z.literal('adjudicated'), z.strictObject({ coderId: id })]),
  }),
  chooseProjectFolder: z.strictObject({}),
  saveAsProject: z.strictObject({ token: z.string().min(1).max(100) }),
  updateMetadata: z.strictObject({
    docId: id,
    title: z.string().trim().min(1, 'A document needs a title.').max(500).optional(),
    author: z.string().max(500).nullable().optional(),
    publisher: z.string().max(500).nullable().optional(),
    date: z.string().max(100).nullable().optional(),
    url: z.url({ protocol: /^https?$/, message: 'A URL must start with http:// or https://.' }).max(4096).nullable().optional(),
    language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'A language is a tag like "en" or "fa".').nullable().optional(),
  }),
  chooseDocumentFiles: z.strictObject({}),
  importDocument: z.union([
    z.strictObject({ token: z.string().min(1).max(100) }),
    z.strictObject({ name: z.string().min(1).max(255), base64: z.string().max(70_000_000) }),
  ]),
  listReview: z.strictObject({}),
  confirmMove: z.strictObject({ docId: id, annotationId: id }),
  reattach: z.strictObject({ docId: id, annotationId: id, start: offset, end: offset, exact: z.string().min(1).max(MAX_PASSAGE_LENGTH) }),
  listDamaged: z.strictObject({}),
  restoreBackup: z.strictObject({ docId: id, generation: z.number().int().min(1).max(10) }),
  startEmpty: z.strictObject({ docId: id }),
  listMemos: z.strictObject({}),
  saveMemo: z.strictObject({ subject: memoSubject, text: memoText, memoId: id.optional() }),
  deleteMemo: z.strictObject({ memoId: id }),
  restoreMemo: z.strictObject({ memo }),
  searchMemos: z.strictObject({ query: z.string().max(500, 'A search may hold at most 500 characters.'), ...searchFlags }),
  getMemoDamage: z.strictObject({}),
  restoreMemoBackup: z.strictObject({ generation: z.number().int().min(1).max(10) }),
  startMemosEmpty: z.strictObject({}),
  getAgreement: z.strictObject({
    ...agreementQuery,
    threshold: z.number().gt(0, 'The overlap threshold is a share above 0.').lte(1, 'The overlap threshold is at most 1 (100 %).').optional(),
    byDocument: z.boolean().optional(),
  }),
  listDisagreements: z.strictObject({ ...agreementQuery, agreed: z.boolean().optional() }),
  getUndoHistory: z.strictObject({}),
  saveUndoHistory: undoHistory,
  getSyncStatus: z.strictObject({}),
  setSyncRemote: z.strictObject({
    url: z.string().trim().min(1, 'Give the remote’s address.').max(2000),
    // A token is kept by main (safeStorage) and never sent back; null forgets it, absent keeps the one stored.
    token: z.string().max(1000).nullable().optional(),
  }),
  syncProject: z.strictObject({ acceptRewrittenRemote: z.boolean().optional() }),
  listConflicts: z.strictObject({}),
  resolveConflict: z.strictObject({ id: z.string().min(1).max(2000), choice: z.enum(['mine', 'theirs', 'both']) }),
  getSuggestions: z.strictObject({ docId: id, tagIds: z.array(id).max(500).optional(), from: z.number().int().min(0).max(10_000_000).optional() }),
  acceptSuggestion: suggestionRef,
  rejectSuggestion: suggestionRef,
  undoSuggestionDecision: z.strictObject({ decisionId: id }),
  updateSuggestTag: z.strictObject({
    tagId: id,
    enabled: z.boolean().optional(),
    threshold: z.number().min(0).max(1).optional(),
    /** Back to the default threshold (where the expected precision reaches the target). */
    resetThreshold: z.boolean().optional(),
    cues: z.array(z.string().max(MAX_CUE_LENGTH, `A cue is at most ${MAX_CUE_LENGTH} characters.`)).max(MAX_CUES, `A tag has at most ${MAX_CUES} cues.`).optional(),
    negatable: z.boolean().optional(),
    resetCues: z.boolean().optional(),
  }),
  getLocalModel: z.strictObject({}),
  updateLocalModel: z.strictObject({ enabled: z.boolean().optional(), url: z.string().max(500).optional(), model: z.string().max(200).optional() }),
  getSuggestTags: z.strictObject({}),
  testLocalModel: z.strictObject({ url: z.string().max(500).optional(), model: z.string().max(200).optional() }),
} satisfies { [M in Method]: z.ZodType };

export type Args<M extends Method> = z.infer<(typeof argSchemas)[M]>;

export interface AppInfo {
  version: string;
  dataDir: string;
  corpusDir: string;
  normaliser: string;
}

export interface Digest {
  markdown: string;
  /** Where the passages begin in `markdown`, after front matter, summary and counts: the charts go there. */
  bodyStart: number;
  passageCount: number;
}

export interface SavedFile {
  path: string;
  bytes: number;
  /** Passages the format could not hold (e.g. ones that need review, in REFI-QDA), so the analyst is told. */
  skipped: number;
}

/** What each call answers with (inside Result). One line each says what the call does. */
export interface Results {
  /** Version, data dir and corpus dir, for the About line and diagnostics. */
  getAppInfo: AppInfo;
  /** Every corpus document with word count and per-tag passage counts. */
  listDocuments: DocumentSummary[];
  /** One document's row of that list, after an edit to it: the renderer refreshes one row, not the whole list. */
  getDocumentSummary: DocumentSummary;
  /** Files in the corpus folder that could not be read and were left out, with why, by file name. */
  listCorpusProblems: CorpusProblem[];
  /** One document's normalised text and blocks. */
  getDocument: GlossDocument;
  /** The codebook, in display order. */
  listTags: Tag[];
  /** A document's passages, re-anchored on its current text, in reading order. */
  listAnnotations: PlacedAnnotation[];
  /** Tag a passage: offsets and exact text must match the document; main adds context and hash. */
  createAnnotation: PlacedAnnotation;
  /** Retag a passage and/or edit its note. */
  updateAnnotation: PlacedAnnotation;
  /** Delete a passage; answers its id. */
  deleteAnnotation: { annotationId: string };
  /** Build the Markdown digest of the passages the options select, for preview. */
  buildDigest: Digest;
  /** SVG charts of the passages the options select. */
  getCharts: Charts;
  /** Write the selected passages in a format, where the analyst chooses (a save dialog in Electron). */
  exportDigest: SavedFile;
  /** Read annotations (JSON-LD, .qdpx) or a codebook (.qdc) the analyst chooses, merging without duplicates. */
  importAnnotations: ImportReport;
  /** Put back a deleted passage exactly as it was (undo of a delete). */
  restoreAnnotation: PlacedAnnotation;
  /** Set the tags of many passages at once (undo of a merge or tag deletion). */
  setPassageTags: { updated: number };
  /** Add a tag to the codebook, last under `parentId` (default: top level); it gets the next free shortcut from 4 to 9. */
  createTag: Tag;
  /** Rename, recolour, redescribe a tag or change its shortcut. */
  updateTag: Tag;
  /** Move every passage of the source tag to the target tag, its sub-tags under the target (last), and remove the source. */
  mergeTags: { tags: Tag[]; changes: TagChange[]; moves: TagMoves };
  /** Remove a tag; its sub-tags move up to its place under its parent; passages keep their other tags, and passages left with none stay, untagged. */
  deleteTag: { tags: Tag[]; changes: TagChange[]; moves: TagMoves };
  /** Put a deleted tag back where it was (its parentId and order; undo of a merge or deletion). */
  restoreTag: Tag[];
  /** Move a tag with its sub-tags under `parentId` (null: top level) at `index` among its new siblings; answers what moved. */
  moveTag: { tags: Tag[]; moves: TagMoves };
  /** Put tags back where they were (parent and sibling order): the undo of a move, or of a deletion's or merge's sub-tags. */
  placeTags: Tag[];
  /** Every passage in the corpus carrying any of these tags or their sub-tags (all passages when empty), with citations. */
  listPassages: PassageRow[];
  /**
   * Full-text search over the corpus index: every document with a hit and its exact count, and
   * keyword-in-context lines for the corpus's first 1,000 hits (500 at most per document). With
   * `docId`, that document alone, with its first 500 hits in context.
   */
  search: SearchResults;
  /** Which blocks of a document are marked read. */
  getCoverage: Coverage;
  /** Mark blocks of a document read or unread. */
  setCoverage: Coverage;
  /** The analyst's settings: theme, pane widths, last document and scroll positions. */
  getSettings: Settings;
  /** Change some settings; answers all of them. */
  updateSettings: Settings;
  /** The open corpus and the recently opened ones. */
  listCorpora: { current: CorpusInfo; recent: CorpusInfo[] };
  /** Open a corpus folder: a known one by key (from listCorpora), else the one a folder dialog chooses. */
  openCorpus: CorpusInfo;
  /** This machine's coder identity (name, colour; `confirmed` once the analyst set them), null before any project needed one. */
  getCoder: { coder: CoderIdentity | null };
  /** Set this machine's coder name and colour (kept in settings, and in the open project's coder.json). */
  setCoder: CoderIdentity;
  /** The coders of the open project (none for a plain corpus). */
  listCoders: Coder[];
  /** A document's passages in a reader layer other than your own: one coder's, all coders', or the adjudicated ones; read-only, each with its coderId. */
  listLayerPassages: PlacedAnnotation[];
  /** Let the analyst choose an empty folder for "Save as project…" (main's dialog); answers a one-use token and its name. */
  chooseProjectFolder: { token: string; name: string };
  /** Copy the open corpus's documents and the analyst's data into the chosen folder as a new project, and open it. */
  saveAsProject: CorpusInfo;
  /** Edit a document's metadata (stored in the data dir, so read-only corpora can be described too). */
  updateMetadata: GlossDocument;
  /** Let the analyst pick documents to import (a file dialog); answers a one-use token and name per file, none when cancelled. */
  chooseDocumentFiles: { files: { token: string; name: string }[] };
  /** Import one document (a chosen file's token, or dropped bytes) into the open corpus, keeping the original file. */
  importDocument: ImportedDocument;
  /** Passages that moved, need review, or lost their document, across the corpus. */
  listReview: ReviewItem[];
  /** Accept a moved passage where it now sits. */
  confirmMove: PlacedAnnotation;
  /** Attach a passage to newly selected text in its document. */
  reattach: PlacedAnnotation;
  /** Documents whose annotation file could not be read (moved aside), with the backups that can replace it. */
  listDamaged: DamagedDocument[];
  /** Replace a damaged annotation file with one of its backup generations; answers how many passages came back. */
  restoreBackup: { passages: number };
  /** Give a damaged document a fresh, empty annotation file (the damaged one stays where it was moved). */
  startEmpty: { docId: string };
  /** Every memo of the open corpus: documents', tags' and the journal's entries. */
  listMemos: Memo[];
  /** Write a document's or tag's memo (replacing it), or a journal entry (by memoId, else a new one). */
  saveMemo: Memo;
  /** Delete a memo; answers it, so it can be put back. */
  deleteMemo: Memo;
  /** Put a memo back exactly as it was (undo of a delete or an edit). */
  restoreMemo: Memo;
  /** Search the memos with the corpus search's rules; matches with context, documents' memos first, then tags', then the journal. */
  searchMemos: MemoSearchResults;
  /** Why the memos file could not be read, where it went and its backups; null when it reads. */
  getMemoDamage: DamagedMemos | null;
  /** Replace a damaged memos file with one of its backup generations; answers how many memos came back. */
  restoreMemoBackup: { memos: number };
  /** Give up on a damaged memos file (it stays where it was moved) and start with no memos. */
  startMemosEmpty: { memos: number };
  /** Inter-coder agreement (percent, κ, α per tag and overall; segment level with a threshold) for chosen coders. */
  getAgreement: AgreementAnswer;
  /** Where the chosen coders' passages differ (with `agreed`, also where they agree), per tag, with each side's passages. */
  listDisagreements: DisagreementRow[];
  /** The open corpus's undo history as last saved (kept in the data folder); `problem` says why it was started afresh. */
  getUndoHistory: UndoHistory & { problem: string | null };
  /** Keep the undo history of the open corpus, so undo works after a restart. */
  saveUndoHistory: { saved: number };
  /** Whether the open corpus can sync, its remote, whether a token is stored, and how many conflicts wait. */
  getSyncStatus: SyncStatus;
  /** Set the remote (HTTPS or a folder) and its token; the token is stored with safeStorage, never in the project. */
  setSyncRemote: SyncStatus;
  /** Commit, fetch, merge per record and push the open project; progress arrives on onSyncProgress. */
  syncProject: SyncReportView;
  /** Conflicts the merges recorded, both versions side by side. */
  listConflicts: ConflictView[];
  /** Settle one conflict: take mine, take theirs, or keep both. */
  resolveConflict: { message: string };
  /** Proposed passages for a document (enabled tags, or the ones named), each tag's threshold and expected precision; a long document in slices (`from`/`next`); never writes. */
  getSuggestions: SuggestionList;
  /** Accept a suggestion: it becomes a passage with that tag, and the model learns from it. */
  acceptSuggestion: SuggestDecision;
  /** Reject a suggestion: the text is not proposed again for that tag, and the model learns from it. */
  rejectSuggestion: SuggestDecision;
  /** Undo an accept (deleting its passage) or a reject (the text may be proposed again). */
  undoSuggestionDecision: SuggestDecision;
  /** Turn a tag's suggestions on or off, set its threshold, or edit its cue lexicon. */
  updateSuggestTag: SuggestTagState;
  /** The optional local model server's settings (off by default; loopback only). */
  getLocalModel: LocalModelConfig;
  /** Turn the local model on or off, or point it at another server on this machine. */
  updateLocalModel: LocalModelConfig;
  /** Every tag's suggestion settings (threshold, expected precision, cue lexicon), for the lexicon editor. */
  getSuggestTags: SuggestTagState[];
  /** Ask the local model server (the stored one, or the URL and model given) one question; says clearly what happened. Never saves. */
  testLocalModel: LocalModelTest;
}

export type Handler<M extends Method> = (args: Args<M>) => Promise<Results[M]>;
/** Main implements every method: a missing handler is a type error. */
export type Handlers = { [M in Method]: Handler<M> };

/** What the preload exposes on `window.glossator`: one function per method, errors as values. */
export type GlossatorApi = { [M in Method]: (args: Args<M>) => Promise<Result<Results[M]>> } & {
  /** Subscribes to native-menu commands; answers the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Subscribes to changes of the corpus folder (files added, changed, removed); answers the unsubscribe function. */
  onCorpusChanged(listener: (report: CorpusChangeReport) => void): () => void;
  /** Subscribes to the phases of a running sync; answers the unsubscribe function. */
  onSyncProgress(listener: (progress: SyncProgressEvent) => void): () => void;
};

export type { DigestGroupBy };
