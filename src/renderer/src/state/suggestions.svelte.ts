// Suggestions in the reader: the queue for the open document, accept / reject / skip (undoable), per-tag on/off and threshold.
import type { SuggestTagState, Suggestion } from '../../../shared/suggestions';
import { inQuotes } from '../../../shared/quote-marks';
import type { Workbench } from './workbench.svelte';
import { SuggestSettingsState } from './suggest-settings.svelte';

/** A suggestion named in messages: its start, cut near 40 characters. */
function excerpt(s: Suggestion): string {
  const q = s.exact.replace(/\s+/g, ' ').trim();
  return inQuotes(q.length <= 40 ? q : `${q.slice(0, 39).trimEnd()}…`);
}

/** "hedging: “may”, “it remains unclear”" or "like 4 of your Friction passages": why a sentence is proposed. */
export function reasonOf(s: Suggestion, tagName: string): string {
  const parts: string[] = [];
  if (s.cues.length > 0) parts.push(`${tagName.toLowerCase()}: ${s.cues.map((c) => inQuotes(c)).join(', ')}`);
  if (s.like > 0) parts.push(`like ${s.like} of your ${tagName} passage${s.like === 1 ? '' : 's'}`);
  if (s.localModel) parts.push(`local model: ${s.localModel}`);
  if (parts.length === 0) parts.push(s.source === 'model' ? `learnt from your ${tagName} passages` : 'cue lexicon');
  return parts.join('; ');
}

export class SuggestionsState {
  /** Suggestions shown at all (one click in the reader's toolbar); off until the analyst turns them on. */
  on = $state(false);
  list = $state.raw<Suggestion[]>([]);
  tags = $state.raw<SuggestTagState[]>([]);
  /** Share of a long document analysed so far (1 when its queue is complete). */
  analysed = $state(1);
  /** The queue position: the suggestion the keys act on. */
  index = $state(0);
  /** Suggestions skipped this session (by start:tag), moved to the back of the queue. */
  private skipped = new Set<string>();
  private loading = 0;

  /** Cue lexicons and the local model: edited in dialogs, after which the queue is loaded again. */
  readonly settings: SuggestSettingsState;

  constructor(private readonly wb: Workbench) {
    this.settings = new SuggestSettingsState(wb);
    this.settings.onChange = () => void this.refresh();
  }

  private get client() {
    return this.wb.client;
  }

  current = $derived<Suggestion | null>(this.list[this.index] ?? null);

  tagName(tagId: string): string {
    return this.wb.tagsById.get(tagId)?.name ?? tagId;
  }

  /** Suggestions whose sentence holds `offset` (for the hover card). */
  at(offset: number): Suggestion[] {
    return this.on ? this.list.filter((s) => s.start <= offset && offset < s.end) : [];
  }

  toggle(): void {
    this.on = !this.on;
    if (this.on && this.wb.doc) void this.load(this.wb.doc.id);
  }

  /**
   * Loads the open document's suggestions (an answer to an older call is dropped). A long document
   * arrives in slices: the first is shown at once, the next ones are asked for and appended in turn.
   */
  async load(docId: string): Promise<void> {
    if (!this.on) return;
    const ticket = ++this.loading;
    let answer = await this.wb.call(this.client.getSuggestions({ docId }));
    const stale = () => !answer || ticket !== this.loading || this.wb.doc?.id !== docId || !this.on;
    if (stale()) return;
    let found = answer!.suggestions;
    this.show(found, answer!.tags);
    while (!answer!.complete) {
      this.analysed = answer!.analysed;
      answer = await this.wb.call(this.client.getSuggestions({ docId, from: answer!.next }));
      if (stale()) return;
      found = [...found, ...answer!.suggestions];
      this.show(found, answer!.tags);
    }
    this.analysed = 1;
  }

  private show(suggestions: Suggestion[], tags: SuggestTagState[]): void {
    const key = (s: Suggestion) => `${s.start}:${s.tag}`;
    // Skipped ones go to the back, so the queue moves on; the position stays on the same suggestion where it can.
    const before = this.current ? key(this.current) : null;
    const list = [...suggestions.filter((s) => !this.skipped.has(key(s))), ...suggestions.filter((s) => this.skipped.has(key(s)))];
    this.list = list;
    this.tags = tags;
    const again = before === null ? -1 : list.findIndex((s) => key(s) === before);
    this.index = again >= 0 ? again : Math.min(this.index, Math.max(0, list.length - 1));
  }

  private async refresh(): Promise<void> {
    if (this.wb.doc) await this.load(this.wb.doc.id);
  }

  /** After a decision: the passages of the open document as main holds them, the counts, the queue. */
  private async afterDecision(): Promise<void> {
    const doc = this.wb.doc;
    if (doc) {
      const annotations = await this.wb.call(this.client.listAnnotations({ docId: doc.id }));
      if (annotations && this.wb.doc?.id === doc.id) this.wb.annotations = annotations;
      this.wb.refreshSummariesSoon(doc.id);
    }
    await this.refresh();
  }

  private ref(s: Suggestion) {
    return { docId: s.docId, start: s.start, end: s.end, exact: s.exact, tagId: s.tag, score: s.score, source: s.source };
  }

  /** Accepts the current suggestion (or `s`): it becomes a passage with the tag. Undoable. */
  accept(s: Suggestion | null = this.current): Promise<void> {
    return this.wb.serial(async () => {
      if (!s) return;
      const made = await this.wb.call(this.client.acceptSuggestion(this.ref(s)));
      if (!made) return;
      let decision = made;
      const label = `accept ${this.tagName(s.tag)} on ${excerpt(s)}`;
      this.wb.undo.record({
        label,
        docId: s.docId,
        undo: async () => !!(await this.wb.call(this.client.undoSuggestionDecision({ decisionId: decision.id }))),
        redo: async () => {
          const again = await this.wb.call(this.client.acceptSuggestion(this.ref(s)));
          if (again) decision = again;
          return !!again;
        },
      });
      await this.afterDecision();
      this.wb.notices.say(`Tagged ${excerpt(s)} as ${this.tagName(s.tag)}.`, { undoable: true });
    });
  }

  /** Rejects the current suggestion (or `s`): not proposed again for this tag. Undoable. */
  reject(s: Suggestion | null = this.current): Promise<void> {
    return this.wb.serial(async () => {
      if (!s) return;
      const made = await this.wb.call(this.client.rejectSuggestion(this.ref(s)));
      if (!made) return;
      let decision = made;
      this.wb.undo.record({
        label: `reject ${this.tagName(s.tag)} on ${excerpt(s)}`,
        docId: s.docId,
        undo: async () => !!(await this.wb.call(this.client.undoSuggestionDecision({ decisionId: decision.id }))),
        redo: async () => {
          const again = await this.wb.call(this.client.rejectSuggestion(this.ref(s)));
          if (again) decision = again;
          return !!again;
        },
      });
      await this.refresh();
      this.wb.notices.say(`Rejected ${this.tagName(s.tag)} for ${excerpt(s)}; it will not be suggested again.`, { undoable: true });
    });
  }

  /** Skips the current suggestion for now (it goes to the back of the queue; nothing is stored). */
  skip(): void {
    const s = this.current;
    if (!s) return;
    this.skipped.add(`${s.start}:${s.tag}`);
    this.list = [...this.list.filter((x) => x !== s), s];
  }

  /** Makes `s` the current suggestion (clicked in the queue). */
  select(s: Suggestion): void {
    const i = this.list.indexOf(s);
    if (i >= 0) this.index = i;
  }

  /** Per-tag on/off, one click. */
  async setEnabled(tagId: string, enabled: boolean): Promise<void> {
    this.tags = this.tags.map((t) => (t.tagId === tagId ? { ...t, enabled } : t));
    if (await this.wb.call(this.client.updateSuggestTag({ tagId, enabled }))) await this.refresh();
  }

  /** Shows a threshold while the slider moves; nothing is sent until it is let go (commitThreshold). */
  previewThreshold(tagId: string, threshold: number): void {
    this.tags = this.tags.map((t) => (t.tagId === tagId ? { ...t, threshold } : t));
  }

  async commitThreshold(tagId: string, threshold: number | 'default'): Promise<void> {
    const state = await this.wb.call(this.client.updateSuggestTag(threshold === 'default' ? { tagId, resetThreshold: true } : { tagId, threshold }));
    if (state) this.tags = this.tags.map((t) => (t.tagId === tagId ? state : t));
    await this.refresh();
  }
}
