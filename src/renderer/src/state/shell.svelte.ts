// The application shell: every state object, which view is showing, and the command dispatcher.
import { tick } from 'svelte';
import type { CorpusChangeReport, Theme } from '../../../shared/types';
import type { GlossatorApi } from '../../../shared/contract';
import type { Command } from '../lib/commands';
import { MAX_NOTE_LENGTH } from '../../../shared/limits';
import { Workbench } from './workbench.svelte';
import { PassageEditor } from './passage-editor';
import { Codebook } from './codebook';
import { Reading } from './reading.svelte';
import { DigestPreview } from './digest.svelte';
import { SearchState } from './search.svelte';
import { PassagesViewState } from './passages-view.svelte';
import { Importer } from './import.svelte';
import { Corpora } from './corpora.svelte';
import { DocumentImport } from './document-import.svelte';
import { ReviewQueue } from './review.svelte';
import { MemoState } from './memos.svelte';
import { SuggestionsState } from './suggestions.svelte';
import { ProjectState } from './project.svelte';
import { SyncState } from './sync.svelte';

export type CenterView = 'reader' | 'passages' | 'review';

/** What the reader can do for commands that need its DOM (keyboard reading, read marks). */
export interface ReaderControl {
  stepParagraph(delta: 1 | -1): void;
  targetBlocks(): number[];
}

const THEMES: Partial<Record<Command, Theme>> = { 'theme-system': 'system', 'theme-light': 'light', 'theme-dark': 'dark' };

export class Shell {
  readonly wb: Workbench;
  readonly editor: PassageEditor;
  readonly codebook: Codebook;
  readonly reading: Reading;
  readonly digest: DigestPreview;
  readonly search: SearchState;
  readonly passages: PassagesViewState;
  readonly importer: Importer;
  readonly corpora: Corpora;
  readonly documents: DocumentImport;
  readonly review: ReviewQueue;
  readonly memos: MemoState;
  readonly suggest: SuggestionsState;
  readonly project: ProjectState;
  readonly sync: SyncState;

  leftTab = $state<'documents' | 'search'>('documents');
  view = $state<CenterView>('reader');
  codebookOpen = $state(false);
  reader: ReaderControl | null = null;
  focusSearch: () => void = () => {};
  editActiveNote: () => void = () => {};

  /** A dialog owns the keyboard: plain keys and passage commands do nothing behind it. */
  modal = $derived.by(() => this.digest.open || this.codebookOpen || this.importer.open || this.memos.dialog !== null || this.memos.journalOpen || this.project.dialogOpen || this.sync.open);

  /** @param client the main-process API: the preload bridge in the app, a fake in unit tests */
  constructor(readonly client: GlossatorApi) {
    const wb = (this.wb = new Workbench(client));
    this.editor = new PassageEditor(wb);
    this.codebook = new Codebook(wb);
    this.reading = new Reading(wb);
    this.digest = new DigestPreview(client, wb.notices);
    this.search = new SearchState(client, wb.notices);
    this.passages = new PassagesViewState(client, wb.notices, () => wb.tags);
    this.importer = new Importer(wb, () => this.memos.load());
    this.suggest = new SuggestionsState(wb);
    this.corpora = new Corpora(wb);
    this.documents = new DocumentImport(wb);
    this.review = new ReviewQueue(wb);
    this.memos = new MemoState(wb);
    this.project = new ProjectState(wb, this.corpora);
    // A merge or a resolution changed files under the corpus (main reopened it): list and text afresh.
    this.sync = new SyncState(wb, async () => {
      await this.corpora.load();
      await wb.reload();
    });
  }

  async start(): Promise<void> {
    const settings = await this.reading.load();
    await Promise.all([this.corpora.load(), this.wb.init(settings.lastDocId)]);
    const damaged = this.wb.documents.filter((d) => d.storeError);
    if (damaged.length > 0) {
      const titles = damaged.map((d) => `“${d.title}”`).join(', ');
      this.wb.notices.showError(`The annotations of ${titles} could not be read; the file was moved aside, not deleted. Open the document to restore a backup.`);
    }
  }

  async show(view: CenterView): Promise<void> {
    this.view = this.view === view && view !== 'reader' ? 'reader' : view;
    if (this.view === 'passages') await this.passages.load();
    if (this.view === 'review') await this.review.load();
  }

  /** Opens a document from the list; says so if a note draft left behind could not be saved. */
  async openDocument(docId: string): Promise<void> {
    this.view = 'reader';
    const left = this.wb.doc?.id;
    if (await this.wb.open(docId)) this.reportUnsaved(left);
  }

  async revealPassage(docId: string, annotationId: string): Promise<void> {
    this.view = 'reader';
    const left = this.wb.doc?.id;
    await this.wb.reveal(docId, annotationId);
    if (this.wb.doc?.id !== left) this.reportUnsaved(left);
  }

  /** After leaving a document: name the notes whose drafts main has not saved (they are kept). */
  private reportUnsaved(left: string | undefined): void {
    if (!left || left === this.wb.doc?.id) return;
    const drafts = this.editor.unsavedIn(left);
    if (drafts.length === 0) return;
    const one = drafts.length === 1 ? drafts[0]! : null;
    const why = one && one.note.length > MAX_NOTE_LENGTH ? ' is over the limit and' : '';
    this.wb.notices.say(
      one ? `The note on ${one.passage}${why} was not saved; it is kept as a draft.` : `${drafts.length} notes were not saved; they are kept as drafts.`,
    );
  }

  /** Main says the corpus folder changed: refresh, tell the analyst, and offer the review queue. */
  async corpusChanged(report: CorpusChangeReport): Promise<void> {
    await this.wb.corpusChanged(report.changed, report.removed);
    await this.corpora.load();
    if (this.view === 'review') await this.review.load();
    // A file that became unreadable (or readable again) changes no document; the sentence says what did.
    const n = this.wb.problems.length;
    const unreadable = !report.problems ? '' : n === 0 ? ' Every file can be read now.' : ` ${n === 1 ? '1 file' : `${n} files`} could not be read.`;
    this.wb.notices.say(`${corpusMessage(report)}${unreadable}`);
  }

  async run(command: Command): Promise<void> {
    const theme = THEMES[command];
    if (theme) return this.reading.setTheme(theme);
    switch (command) {
      case 'undo':
      case 'redo':
        return this.wb.runUndo(command === 'redo');
      case 'export-digest':
        return this.digest.show();
      case 'import-annotations':
        return this.importer.show();
      case 'import-documents':
        return this.documents.choose();
      case 'open-corpus':
        return this.corpora.open();
      case 'save-as-project':
        return this.project.saveAsProject();
      case 'coder-identity':
        this.project.dialogOpen = true;
        return;
      case 'sync':
        return this.sync.show();
      case 'review-queue':
        return this.show('review');
      case 'find':
        this.leftTab = 'search';
        // The panel mounts when the tab's change is applied: tick() resolves once it has been.
        await tick();
        return this.focusSearch();
      case 'next-hit':
      case 'previous-hit':
        return this.stepHit(command === 'next-hit' ? 1 : -1);
      case 'passages-view':
        return this.show('passages');
      case 'codebook':
        this.codebookOpen = true;
        return;
      case 'next-passage':
      case 'previous-passage':
        this.view = 'reader';
        return this.wb.step(command === 'next-passage' ? 1 : -1);
      case 'next-paragraph':
      case 'previous-paragraph':
        return this.reader?.stepParagraph(command === 'next-paragraph' ? 1 : -1);
      case 'toggle-read':
        return this.reading.toggleRead(this.reader?.targetBlocks() ?? []);
      case 'focus-note':
        return this.editActiveNote();
      case 'delete-passage':
        if (this.wb.activeId) await this.editor.remove(this.wb.activeId);
        return;
    }
  }

  /** Shows the next (+1) or previous (-1) search hit in the reader; with no query yet, opens the search box. */
  async stepHit(delta: 1 | -1): Promise<void> {
    if (this.search.query.trim() === '') return this.run('find');
    const hit = await this.search.step(delta);
    if (!hit) return;
    this.view = 'reader';
    await this.wb.revealRange(hit.docId, hit.range);
  }

  /** Subscribes to main's corpus-change events; answers the unsubscribe function. */
  listen(): () => void {
    const offMenu = this.client.onMenuCommand((command) => void this.run(command));
    const offCorpus = this.client.onCorpusChanged((report) => void this.corpusChanged(report));
    const offSync = this.client.onSyncProgress((progress) => this.sync.onProgress(progress));
    return () => {
      offMenu();
      offCorpus();
      offSync();
    };
  }
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * What a change of the corpus folder did, in full and short enough for the status line: only the
 * counts that are not zero, e.g. "Corpus updated: 1 changed. To review: 1 moved, 1 needs review."
 */
export function corpusMessage(report: CorpusChangeReport): string {
  const files = [
    report.added.length ? `${report.added.length} added` : '',
    report.changed.length ? `${report.changed.length} changed` : '',
    report.removed.length ? `${report.removed.length} removed` : '',
  ].filter(Boolean);
  const { moved, needsReview, orphaned } = report.passages;
  const review = [
    moved ? `${moved} moved` : '',
    needsReview ? count(needsReview, 'needs review', 'need review') : '',
    orphaned ? `${orphaned} orphaned` : '',
  ].filter(Boolean);
  return `Corpus updated: ${files.length ? files.join(', ') : 'no document changed'}.${review.length ? ` To review: ${review.join(', ')}.` : ''}`;
}
