// Reading state that outlives a session: coverage marks of the open document, theme, panes, last place.
import type { Settings, Theme } from '../../../shared/types';
import type { Args } from '../../../shared/contract';
import { DEFAULT_SETTINGS } from '../../../shared/defaults';
import type { Workbench } from './workbench.svelte';

export class Reading {
  settings = $state<Settings>(structuredClone(DEFAULT_SETTINGS));
  /** Block indices marked read in the open document (loaded with it by the workbench). */
  readSet = $derived.by(() => new Set(this.wb.read));
  private scrollTimer: ReturnType<typeof setTimeout> | undefined;
  /** The place waiting for the scroll debounce, so leaving its document writes it instead of losing it. */
  private pendingScroll: { docId: string; block: number } | null = null;

  constructor(private readonly wb: Workbench) {}

  async load(): Promise<Settings> {
    const settings = await this.wb.call(this.wb.client.getSettings({}));
    if (settings) this.settings = settings;
    return this.settings;
  }

  /** Where the analyst last was in a document (a block index), or null to start at the top. */
  positionOf(docId: string): number | null {
    return this.settings.scroll[docId] ?? null;
  }

  /** Marks blocks read, or unread when they all already are. */
  async toggleRead(blocks: number[]): Promise<void> {
    const doc = this.wb.doc;
    if (!doc || blocks.length === 0) return;
    const read = !blocks.every((b) => this.readSet.has(b));
    const coverage = await this.wb.call(this.wb.client.setCoverage({ docId: doc.id, blocks, read }));
    if (!coverage) return;
    if (this.wb.doc?.id === doc.id) this.wb.read = coverage.read;
    this.wb.notices.say(read ? 'Marked as read.' : 'Marked as unread.');
    await this.wb.refreshSummary(doc.id);
  }

  private async update(patch: Args<'updateSettings'>): Promise<void> {
    const settings = await this.wb.call(this.wb.client.updateSettings(patch));
    if (!settings) return;
    // A place not written yet is newer than what main answers.
    const waiting = this.pendingScroll;
    this.settings = waiting ? { ...settings, scroll: { ...settings.scroll, [waiting.docId]: waiting.block } } : settings;
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

  /** Scrolling is continuous; only where the analyst stops is worth writing down. */
  rememberScroll(docId: string, block: number): void {
    clearTimeout(this.scrollTimer);
    // Another document's place still waiting is written now: its timer is about to be replaced.
    const waiting = this.pendingScroll;
    if (waiting && waiting.docId !== docId) void this.update({ scroll: waiting });
    // Known at once, so reopening the document before the write lands still finds the place.
    if (this.settings.scroll[docId] !== block) this.settings.scroll = { ...this.settings.scroll, [docId]: block };
    this.pendingScroll = { docId, block };
    this.scrollTimer = setTimeout(() => {
      this.pendingScroll = null;
      void this.update({ scroll: { docId, block } });
    }, 400);
  }
}
