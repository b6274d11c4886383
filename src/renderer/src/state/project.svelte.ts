// The open project as the analyst meets it: who they code as (the first-run coder dialog), which layer the reader shows, the notice of an open, and Save as project….
import type { Coder, CoderIdentity, CorpusInfo, PlacedAnnotation } from '../../../shared/types';
import type { Workbench } from './workbench.svelte';
import type { Corpora } from './corpora.svelte';

/** Which passages the reader shows: the analyst's own, one other coder's, every coder's, or the settled ones. */
export type LayerChoice = 'mine' | 'all' | 'adjudicated' | { coderId: string };

/** The layer as a <select> value: "mine", "all", "adjudicated" or "coder:<id>". */
export const layerKey = (choice: LayerChoice): string => (typeof choice === 'string' ? choice : `coder:${choice.coderId}`);

export function layerFromKey(key: string): LayerChoice {
  if (key === 'mine' || key === 'all' || key === 'adjudicated') return key;
  return { coderId: key.replace(/^coder:/, '') };
}

export class ProjectState {
  /** This machine's coder identity (null until a project needed one). */
  coder = $state<CoderIdentity | null>(null);
  /** The project's coders (empty for a plain corpus). */
  coders = $state.raw<Coder[]>([]);
  /** The coders by id, for stripes and hover cards. */
  coderMap = $derived(new Map(this.coders.map((c) => [c.id, c] as const)));
  /** The coder dialog is open: on first use of a project (identity not confirmed), or when asked. */
  dialogOpen = $state(false);
  layer = $state<LayerChoice>('mine');
  /** The passages of the chosen layer in the open document; null while the layer is the analyst's own. */
  passages = $state.raw<PlacedAnnotation[] | null>(null);
  /** Notices of opens the analyst dismissed (by folder and text), so one is shown once. */
  private dismissed = $state<string[]>([]);
  // Answers of earlier layer requests are dropped: only the last one may show.
  private request = 0;

  constructor(
    private readonly wb: Workbench,
    private readonly corpora: Corpora,
  ) {}

  /** The open corpus is a project. */
  get isProject(): boolean {
    return !!this.corpora.current?.project;
  }

  /** The reader shows someone else's (or the settled) passages: nothing can be tagged there. */
  get readOnly(): boolean {
    return this.layer !== 'mine';
  }

  /** The notice of this open (a migration, a folder that stayed plain), until dismissed. */
  get notice(): string | null {
    const current = this.corpora.current;
    const text = current?.notice ?? null;
    return text && !this.dismissed.includes(`${current!.path}\n${text}`) ? text : null;
  }

  dismissNotice(): void {
    const current = this.corpora.current;
    if (current?.notice) this.dismissed = [...this.dismissed, `${current.path}\n${current.notice}`];
  }

  /** After a corpus opened: its coders, this machine's identity, back to the analyst's own layer; asks for a name on first use. */
  async load(current: CorpusInfo | null): Promise<void> {
    this.layer = 'mine';
    this.passages = null;
    if (!current?.project) {
      this.coders = [];
      return;
    }
    const [coder, coders] = await Promise.all([this.wb.call(this.wb.client.getCoder({})), this.wb.call(this.wb.client.listCoders({}))]);
    this.coder = coder?.coder ?? null;
    this.coders = coders ?? [];
    if (!this.coder?.confirmed) this.dialogOpen = true;
  }

  /** Saves the analyst's name and colour (settings, and the project's coder.json); answers whether it did. */
  async saveCoder(name: string, color: string): Promise<boolean> {
    const saved = await this.wb.call(this.wb.client.setCoder({ name, color }));
    if (!saved) return false;
    this.coder = saved;
    this.dialogOpen = false;
    if (this.isProject) this.coders = (await this.wb.call(this.wb.client.listCoders({}))) ?? this.coders;
    this.wb.notices.say(`You code as ${saved.name}.`);
    return true;
  }

  /** The coder of a passage in a layer, for its stripe and hover card. */
  coderOf(id: string | undefined): Coder | null {
    if (id === undefined) return null;
    return this.coders.find((c) => c.id === id) ?? null;
  }

  async chooseLayer(choice: LayerChoice): Promise<void> {
    this.layer = choice;
    await this.refresh();
  }

  /** Fetches the chosen layer's passages of the open document again (after a document opened or a passage changed). */
  async refresh(): Promise<void> {
    const doc = this.wb.doc;
    const choice = this.layer;
    const request = ++this.request;
    if (choice === 'mine' || !doc) {
      this.passages = null;
      return;
    }
    const layer = choice === 'all' || choice === 'adjudicated' ? choice : { coderId: choice.coderId };
    const passages = await this.wb.call(this.wb.client.listLayerPassages({ docId: doc.id, layer }));
    if (request !== this.request) return;
    this.passages = passages ?? [];
  }

  /** Copies the open (read-only or plain) corpus into an empty folder main's dialog chooses, as a new project, and opens it. */
  async saveAsProject(): Promise<void> {
    if (this.isProject) {
      this.wb.notices.say(`${this.corpora.current?.name ?? 'This corpus'} is already a project.`);
      return;
    }
    const chosen = await this.wb.client.chooseProjectFolder({});
    if (!chosen.ok) {
      if (chosen.error.code === 'cancelled') this.wb.notices.say('No project was saved.');
      else this.wb.notices.showError(chosen.error);
      return;
    }
    const saved = await this.wb.client.saveAsProject({ token: chosen.value.token });
    if (!saved.ok) {
      this.wb.notices.showError(saved.error);
      return;
    }
    await this.corpora.load();
    // The answer carries the notice of what was copied; the listed corpus (found as a project) has none.
    if (this.corpora.current && saved.value.notice) this.corpora.current = { ...this.corpora.current, notice: saved.value.notice };
    await this.wb.switchCorpus();
    this.wb.notices.say(`Saved as project ${saved.value.name}.`);
  }
}
