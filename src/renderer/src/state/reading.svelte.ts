// Reading state that outlives a session: coverage marks of the open document, theme, panes, last place.
import type { Settings, Theme } from '../../../shared/types';
import { api } from '../lib/api';
import type { Workbench } from './workbench.svelte';

const DEFAULTS: Settings = { theme: 'system', panes: { left: 260, right: 340 }, lastDocId: null, scroll: {} };

export class Reading {
  settings = $state<Settings>(DEFAULTS);
  /** Block indices marked read in the open document. */
  read = $state<number[]>([]);
  readSet = $derived(new Set(this.read));
  private scrollTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly wb: Workbench) {}

  async load(): Promise<Settings> {
    const settings = await this.wb.call(api().getSettings({}));
    if (settings) this.settings = settings;
    return this.settings;
  }

  async loadCoverage(docId: string): Promise<void> {
    const coverage = await this.wb.call(api().getCoverage({ docId }));
    this.read = coverage?.read ?? [];
  }

  /** Marks blocks read, or unread when they all already are. */
  async toggleRead(blocks: number[]): Promise<void> {
    const doc = this.wb.doc;
    if (!doc || blocks.length === 0) return;
    const read = !blocks.every((b) => this.readSet.has(b));
    const coverage = await this.wb.call(api().setCoverage({ docId: doc.id, blocks, read }));
    if (!coverage) return;
    this.read = coverage.read;
    this.wb.notices.say(read ? 'Marked as read.' : 'Marked as unread.');
    await this.wb.refreshSummaries();
  }

  private async update(patch: Parameters<ReturnType<typeof api>['updateSettings']>[0]): Promise<void> {
    const settings = await this.wb.call(api().updateSettings(patch));
    if (settings) this.settings = settings;
  }

  setTheme(theme: Theme): Promise<void> {
    this.settings = { ...this.settings, theme };
    return this.update({ theme });
  }

  setPanes(left: number, right: number): Promise<void> {
    const panes = { left: Math.round(left), right: Math.round(right) };
    this.settings = { ...this.settings, panes };
    return this.update({ panes });
  }

  rememberDocument(docId: string): Promise<void> {
    return this.update({ lastDocId: docId });
  }

  /** Scrolling is continuous; only where the analyst stops is worth writing down. */
  rememberScroll(docId: string, block: number): void {
    clearTimeout(this.scrollTimer);
    this.scrollTimer = setTimeout(() => void this.update({ scroll: { docId, block } }), 400);
  }
}
