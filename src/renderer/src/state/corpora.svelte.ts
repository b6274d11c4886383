// Which corpus is open, the recent ones, and switching between them.
import type { CorpusInfo } from '../../../shared/types';
import type { Workbench } from './workbench.svelte';

export class Corpora {
  current = $state<CorpusInfo | null>(null);
  recent = $state<CorpusInfo[]>([]);

  constructor(private readonly wb: Workbench) {}

  async load(): Promise<void> {
    const corpora = await this.wb.call(this.wb.client.listCorpora({}));
    if (!corpora) return;
    this.current = corpora.current;
    this.recent = corpora.recent;
  }

  /** Opens a listed corpus (by its folder, sent as its key), or the folder a dialog chooses, and shows its first document. */
  async open(path?: string): Promise<void> {
    const key = [this.current, ...this.recent].find((c) => c?.path === path)?.key;
    if (path !== undefined && key === undefined) return;
    const opened = await this.wb.client.openCorpus(key !== undefined ? { key } : {});
    if (!opened.ok) {
      if (opened.error.code === 'cancelled') this.wb.notices.say('No corpus was opened.');
      else this.wb.notices.showError(opened.error);
      return;
    }
    await this.load();
    await this.wb.switchCorpus();
    this.wb.notices.say(`Opened ${opened.value.name}: ${opened.value.documentCount} documents.`);
  }
}
