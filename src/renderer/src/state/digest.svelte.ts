// The digest preview: chosen grouping, the Markdown from main, its sanitised HTML, and saving.
import type { DigestGroupBy } from '../../../shared/types';
import type { Digest } from '../../../shared/contract';
import { api } from '../lib/api';
import { renderMarkdown } from '../lib/markdown';
import type { Notices } from './notices.svelte';

export class DigestPreview {
  open = $state(false);
  groupBy = $state<DigestGroupBy>('tag');
  digest = $state<Digest | null>(null);
  savedTo = $state<string | null>(null);
  busy = $state(false);
  html = $derived(this.digest ? renderMarkdown(this.digest.markdown) : '');

  constructor(private readonly notices: Notices) {}

  async show(): Promise<void> {
    this.open = true;
    await this.refresh();
  }

  async setGrouping(groupBy: DigestGroupBy): Promise<void> {
    this.groupBy = groupBy;
    await this.refresh();
  }

  async refresh(): Promise<void> {
    this.busy = true;
    this.savedTo = null;
    const result = await api().buildDigest({ groupBy: this.groupBy });
    this.busy = false;
    if (result.ok) this.digest = result.value;
    else this.notices.showError(result.error);
  }

  async save(): Promise<void> {
    this.busy = true;
    const result = await api().saveDigest({ groupBy: this.groupBy });
    this.busy = false;
    if (result.ok) {
      this.savedTo = result.value.path;
      this.notices.say(`Digest saved to ${result.value.path}.`);
    } else if (result.error.code === 'cancelled') {
      this.notices.say('Digest not saved.');
    } else {
      this.notices.showError(result.error);
    }
  }

  close(): void {
    this.open = false;
  }
}
