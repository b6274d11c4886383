// Suggestion settings outside the reader: a tag's cue lexicon (edited from the codebook) and the optional local model server.
import { getContext, setContext } from 'svelte';
import { checkCues, type LocalModelConfig, type LocalModelTest, type SuggestTagState } from '../../../shared/suggestions';
import type { Workbench } from './workbench.svelte';

/** The cue editor's draft: the lexicon as text (one cue per line) and its negation flag, beside what is saved. */
export interface CueDraft {
  tagId: string;
  text: string;
  negatable: boolean;
  saved: SuggestTagState;
}

export class SuggestSettingsState {
  /** The tag whose cues are being edited; null when the editor is closed. */
  cues = $state<CueDraft | null>(null);
  /** What the last save or load refused, said in the dialog. */
  cueError = $state('');
  localModelOpen = $state(false);
  localModel = $state<LocalModelConfig | null>(null);
  localModelError = $state('');
  test = $state<LocalModelTest | null>(null);
  testing = $state(false);
  /** Called after a change that alters what is proposed (the reader reloads its queue). */
  onChange: () => void = () => undefined;

  constructor(private readonly wb: Workbench) {}

  get checked(): { cues: string[]; problems: string[] } {
    return checkCues(this.cues?.text ?? '');
  }

  /** Whether the draft differs from what is saved. */
  get dirty(): boolean {
    const d = this.cues;
    if (!d) return false;
    return d.negatable !== d.saved.negatable || this.checked.cues.join('\n') !== d.saved.cues.join('\n');
  }

  async openCues(tagId: string): Promise<void> {
    this.cueError = '';
    // The first answer of a session loads the suggestion engine and learns from the passages: say so.
    this.wb.notices.say('Reading the cue lists…');
    const result = await this.wb.client.getSuggestTags({});
    if (!result.ok) {
      this.wb.notices.showError(result.error);
      return;
    }
    const saved = result.value.find((t) => t.tagId === tagId);
    if (!saved) return;
    this.cues = { tagId, text: saved.cues.join('\n'), negatable: saved.negatable, saved };
  }

  closeCues(): void {
    this.cues = null;
    this.cueError = '';
  }

  /** Saves the draft if it is valid; answers whether it was saved. */
  async saveCues(): Promise<boolean> {
    const d = this.cues;
    if (!d) return false;
    const { cues, problems } = this.checked;
    if (problems.length > 0) return false;
    return this.apply(d.tagId, { cues, negatable: d.negatable });
  }

  /** Puts the tag's default cues (and negation flag) back. */
  restoreDefaults(): Promise<boolean> {
    const d = this.cues;
    return d ? this.apply(d.tagId, { resetCues: true }) : Promise.resolve(false);
  }

  private async apply(tagId: string, patch: { cues?: string[]; negatable?: boolean; resetCues?: boolean }): Promise<boolean> {
    const result = await this.wb.client.updateSuggestTag({ tagId, ...patch });
    if (!result.ok) {
      this.cueError = result.error.message;
      return false;
    }
    const saved = result.value;
    this.cues = { tagId, text: saved.cues.join('\n'), negatable: saved.negatable, saved };
    this.cueError = '';
    const name = this.wb.tagsById.get(tagId)?.name ?? tagId;
    this.wb.notices.say(patch.resetCues ? `Default cues restored for ${name}.` : `Saved ${saved.cues.length} cues for ${name}.`);
    this.onChange();
    return true;
  }

  async openLocalModel(): Promise<void> {
    this.localModelError = '';
    this.test = null;
    const result = await this.wb.client.getLocalModel({});
    if (!result.ok) {
      this.wb.notices.showError(result.error);
      return;
    }
    this.localModel = { ...result.value };
    this.localModelOpen = true;
  }

  closeLocalModel(): void {
    this.localModelOpen = false;
    this.test = null;
  }

  /** Saves the local model settings (main refuses a URL off this machine); answers whether saved. */
  async saveLocalModel(draft: LocalModelConfig): Promise<boolean> {
    const result = await this.wb.client.updateLocalModel(draft);
    if (!result.ok) {
      this.localModelError = result.error.message;
      return false;
    }
    this.localModel = { ...result.value };
    this.localModelError = '';
    this.wb.notices.say(result.value.enabled ? `Local model on: ${result.value.model} at ${result.value.url}.` : 'Local model off.');
    this.onChange();
    return true;
  }

  /** Asks the server in the draft one question; the answer is shown as it is. */
  async testLocalModel(draft: { url: string; model: string }): Promise<void> {
    this.testing = true;
    this.test = null;
    this.localModelError = '';
    try {
      const result = await this.wb.client.testLocalModel(draft);
      this.test = result.ok ? result.value : { ok: false, message: result.error.message };
    } finally {
      this.testing = false;
    }
  }
}

const KEY = Symbol('suggest-settings');

export function provideSuggestSettings(state: SuggestSettingsState): void {
  setContext(KEY, state);
}

export function useSuggestSettings(): SuggestSettingsState {
  return getContext<SuggestSettingsState>(KEY);
}
