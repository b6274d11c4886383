// The application shell: every state object, which view is showing, and the command dispatcher.
import type { Theme } from '../../../shared/types';
import type { Command } from '../lib/commands';
import { api } from '../lib/api';
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

export type CenterView = 'reader' | 'passages' | 'review';

/** What the reader can do for commands that need its DOM (keyboard reading, read marks). */
export interface ReaderControl {
  stepParagraph(delta: 1 | -1): void;
  targetBlocks(): number[];
}

const THEMES: Partial<Record<Command, Theme>> = { 'theme-system': 'system', 'theme-light': 'light', 'theme-dark': 'dark' };

export class Shell {
  readonly wb = new Workbench();
  readonly editor = new PassageEditor(this.wb);
  readonly codebook = new Codebook(this.wb);
  readonly reading = new Reading(this.wb);
  readonly digest = new DigestPreview(this.wb.notices);
  readonly search = new SearchState(this.wb.notices);
  readonly passages = new PassagesViewState(this.wb.notices, () => this.wb.tags);
  readonly importer = new Importer(this.wb);
  readonly corpora = new Corpora(this.wb);
  readonly documents = new DocumentImport(this.wb);
  readonly review = new ReviewQueue(this.wb);

  leftTab = $state<'documents' | 'search'>('documents');
  view = $state<CenterView>('reader');
  codebookOpen = $state(false);
  reader: ReaderControl | null = null;
  focusSearch: () => void = () => {};
  editActiveNote: () => void = () => {};

  modal = $derived(this.digest.open || this.codebookOpen || this.importer.open);

  constructor() {
    this.wb.onOpened = (docId) => {
      void this.reading.loadCoverage(docId);
      void this.reading.rememberDocument(docId);
    };
  }

  async start(): Promise<void> {
    const settings = await this.reading.load();
    const last = settings.lastDocId;
    await Promise.all([this.corpora.load(), this.wb.init(last, last ? (settings.scroll[last] ?? null) : null)]);
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

  async openDocument(docId: string): Promise<void> {
    this.view = 'reader';
    await this.wb.open(docId);
  }

  async revealPassage(docId: string, annotationId: string): Promise<void> {
    this.view = 'reader';
    await this.wb.reveal(docId, annotationId);
  }

  /** Main says the corpus folder changed: refresh, tell the analyst, and offer the review queue. */
  async corpusChanged(report: { added: string[]; changed: string[]; removed: string[]; passages: { moved: number; needsReview: number; orphaned: number } }): Promise<void> {
    await this.wb.corpusChanged(report.changed, report.removed);
    await this.corpora.load();
    if (this.view === 'review') await this.review.load();
    const files = [`${report.added.length} added`, `${report.changed.length} changed`, `${report.removed.length} removed`];
    const { moved, needsReview, orphaned } = report.passages;
    const review = moved + needsReview + orphaned > 0 ? ` Passages to review: ${moved} moved, ${needsReview} need review, ${orphaned} orphaned.` : '';
    this.wb.notices.say(`Corpus updated: ${files.join(', ')}.${review}`);
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
      case 'review-queue':
        return this.show('review');
      case 'find':
        this.leftTab = 'search';
        return queueMicrotask(() => this.focusSearch());
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

  /** Subscribes to main's corpus-change events; answers the unsubscribe function. */
  listen(): () => void {
    const offMenu = api().onMenuCommand((command) => void this.run(command));
    const offCorpus = api().onCorpusChanged((report) => void this.corpusChanged(report));
    return () => {
      offMenu();
      offCorpus();
    };
  }
}
