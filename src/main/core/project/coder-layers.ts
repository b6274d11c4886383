// A project's coder layers: every coder's passages (from their own files), placed on the current text like the analyst's own, and the adjudicated layer.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CoderInfo } from '../../../shared/agreement';
import type { CoderIdentity, PlacedAnnotation } from '../../../shared/types';
import { GlossatorError } from '../../../shared/result';
import { AnnotationStore } from '../../store/annotation-store';
import type { StoreIo } from '../../store/json-store';
import { type CorpusPaths, coderPaths, projectPaths } from '../../store/layout';
import { PATH_PART, assertPathPart } from '../../store/path-part';
import { coderFileStore } from '../../store/project-files';
import type { SnapshotStore } from '../../store/snapshots';
import type { TagStore } from '../../store/tag-store';
import type { CoderLayers } from '../agreement-service';
import { AnnotationService } from '../annotation-service';
import type { CorpusService } from '../corpus-service';
import type { Clock } from '../ports';

export interface ProjectLayersDeps {
  dir: string;
  /** This machine's coder: their layer is the workspace's own AnnotationService (one cache, live edits). */
  me: () => CoderIdentity;
  mine: AnnotationService;
  /** The analyst's own paths: other coders' differ only in the passages folder. */
  paths: CorpusPaths;
  corpus: CorpusService;
  tags: TagStore;
  snapshots: SnapshotStore;
  clock: Clock;
  io?: StoreIo;
}

/** Which passages the reader shows: one coder's, every coder's, or the settled layer. */
export type LayerChoice = 'all' | 'adjudicated' | { coderId: string };

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

/** A colour for a coder whose coder.json is missing or unreadable: grey, so it reads as "unknown". */
const UNKNOWN_COLOUR = '#767676';

export class ProjectCoderLayers implements CoderLayers {
  // Other coders' passages, read-only: one AnnotationService each, so placements are cached like ours.
  private readonly services = new Map<string, AnnotationService>();

  constructor(private readonly deps: ProjectLayersDeps) {}

  /**
   * Every coder with a folder in the project (whoever synced passages in), and this machine's coder even
   * before their first passage. Names and colours come from each coder.json; an unreadable one still
   * lists the coder, by id, in grey: their passages are not hidden because a name did not read.
   * This machine's coder comes first.
   */
  async coders(): Promise<CoderInfo[]> {
    const me = this.deps.me();
    let names: string[] = [];
    try {
      names = (await readdir(projectPaths(this.deps.dir).coders, { withFileTypes: true })).filter((e) => e.isDirectory() && PATH_PART.test(e.name)).map((e) => e.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (!names.includes(me.id)) names.push(me.id);
    const out: CoderInfo[] = [];
    for (const id of names.sort()) {
      if (id === me.id) {
        out.push({ id, name: me.name, color: me.color });
        continue;
      }
      try {
        const file = coderFileStore(coderPaths(this.deps.dir, id).coderFile, { damaged: 'report' });
        const data = await file.read();
        out.push(file.onDisk ? { id, name: data.name, color: data.color } : { id, name: id, color: UNKNOWN_COLOUR });
      } catch {
        out.push({ id, name: id, color: UNKNOWN_COLOUR });
      }
    }
    // The analyst first, then the others by name: the order the reader's layer list and legend show.
    return out.sort((a, b) => (a.id === me.id ? -1 : b.id === me.id ? 1 : a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)));
  }

  private serviceOf(coderId: string): AnnotationService {
    if (coderId === this.deps.me().id) return this.deps.mine;
    if (!PATH_PART.test(coderId)) throw new GlossatorError('invalid-argument', `"${coderId}" is not a coder id.`);
    return this.readOnlyService(coderId, coderPaths(this.deps.dir, coderId).passages);
  }

  private readOnlyService(key: string, folder: string): AnnotationService {
    let service = this.services.get(key);
    if (!service) {
      const paths = { ...this.deps.paths, annotations: folder };
      // Never written through: the renderer's edits go to the analyst's own layer only.
      const store = new AnnotationStore({ paths }, { ...this.deps.io, damaged: 'report' });
      service = new AnnotationService(this.deps.corpus, store, this.deps.tags, this.deps.clock, () => '', this.deps.snapshots);
      this.services.set(key, service);
    }
    return service;
  }

  private adjudicatedService(): AnnotationService {
    // Keyed by a name no coder id can have (ids start with a letter or digit).
    return this.readOnlyService('~adjudicated', projectPaths(this.deps.dir).adjudicatedPassages);
  }

  async layer(coderId: string, docId: string): Promise<{ passages: readonly PlacedAnnotation[]; touched: boolean }> {
    if (!PATH_PART.test(coderId)) throw new GlossatorError('invalid-argument', `"${coderId}" is not a coder id.`);
    assertPathPart('document id', docId);
    const coder = coderPaths(this.deps.dir, coderId);
    const touched = (await exists(join(coder.passages, `${docId}.jsonl`))) || (await exists(join(coder.coverage, `${docId}.json`)));
    if (!touched) return { passages: [], touched };
    return { passages: await this.serviceOf(coderId).list(docId), touched };
  }

  /** The passages a reader layer shows for a document, each marked with its coder. */
  async passages(choice: LayerChoice, docId: string): Promise<PlacedAnnotation[]> {
    if (choice === 'adjudicated') {
      assertPathPart('document id', docId);
      const file = join(projectPaths(this.deps.dir).adjudicatedPassages, `${docId}.jsonl`);
      return (await exists(file)) ? this.adjudicatedService().list(docId) : [];
    }
    const coders = choice === 'all' ? (await this.coders()).map((c) => c.id) : [choice.coderId];
    if (choice !== 'all' && !(await this.coders()).some((c) => c.id === choice.coderId)) {
      throw new GlossatorError('not-found', `This project has no coder "${choice.coderId}".`);
    }
    const out: PlacedAnnotation[] = [];
    const seen = new Set<string>();
    for (const coderId of coders) {
      const { passages } = await this.layer(coderId, docId);
      for (const p of passages) {
        // Two coders may hold a passage of one id (a copied file, one import made twice): the reader
        // keys highlights by id, so the second is shown under an id of its own (the layer is read-only).
        const id = seen.has(p.id) ? `${p.id}~${coderId}` : p.id;
        seen.add(id);
        out.push({ ...p, id, coderId });
      }
    }
    return out;
  }
}
