// Creates, places, edits and deletes passages: checks every request against the document text and codebook.
import type { Annotation, GlossDocument, PlacedAnnotation, Tag } from '../../shared/types';
import type { Args } from '../../shared/contract';
import { GlossatorError } from '../../shared/result';
import { checkRange, describe } from '../../shared/anchoring';
import { place, type DiffCache } from '../anchoring';
import type { SnapshotStore } from '../store/snapshots';
import type { AnnotationStore } from '../store/annotation-store';
import type { TagStore } from '../store/tag-store';
import type { CorpusService } from './corpus-service';
import { PlacementCache, type PassageCounts, type Placement } from './placements';

import type { Clock } from './ports';

/**
 * Where a passage sits in the document's current text. `oldText` is the text the passage was made
 * on (its target's contentHash), when a snapshot of it is at hand: re-anchoring then follows the
 * edit itself rather than searching for the quote. Without it, the quote search alone decides.
 */
export function placeAnnotation(
  doc: GlossDocument,
  annotation: Annotation,
  oldText: string | null = null,
  diffs?: DiffCache,
): PlacedAnnotation {
  const outcome = place(annotation.target, doc.text, oldText, { contentHash: doc.contentHash, diffs });
  return { ...annotation, state: outcome.state, range: outcome.range };
}

/** Reading order: by current start; passages that need review go last, by where they used to be. */
export function byReadingOrder(a: PlacedAnnotation, b: PlacedAnnotation): number {
  const ka = a.range ? [0, a.range.start, a.range.end] : [1, a.target.position.start, 0];
  const kb = b.range ? [0, b.range.start, b.range.end] : [1, b.target.position.start, 0];
  for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
  return a.created.localeCompare(b.created);
}

/** One passage and the tags it should carry. */
export interface TagSetting {
  docId: string;
  annotationId: string;
  tagIds: string[];
}

/** New tags for some passages of one document: annotation id → tag ids. */
export type TagWrites = ReadonlyMap<string, readonly string[]>;

/** Writes new tags (and the `modified` stamp) for passages of one document, in one durable write. */
export async function writeTags(
  store: AnnotationStore,
  docId: string,
  writes: TagWrites,
  modified: string,
): Promise<void> {
  const changes = new Map(
    [...writes].map(([id, tagIds]) => [id, (a: Annotation) => ({ ...a, tagIds: [...tagIds], modified })] as const),
  );
  await store.updateMany(docId, changes);
}

const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

// Every write runs in the TagStore's exclusive turn, shared with the codebook editor: a passage
// cannot gain a tag while a merge or deletion is taking that tag off every passage, and a
// merge's snapshot of the passages stays true until it has written them.
export class AnnotationService {
  constructor(
    private readonly corpus: CorpusService,
    private readonly store: AnnotationStore,
    private readonly tags: TagStore,
    private readonly clock: Clock,
    private readonly newId: () => string,
    // Last and optional so compositions that predate snapshots keep working: without one,
    // passages on changed text are placed by the quote search alone (nothing is lost, only the
    // diff step). The app's composition (core.ts, now workspace.ts) passes one.
    private readonly snapshots: SnapshotStore | null = null,
  ) {}

  // Snapshot texts by content hash (null: none on disk, or damaged), so a listing loads each
  // old version of a document once per session, not once per passage or per listing.
  private readonly texts = new Map<string, string | null>();

  // Placements are kept per document until its passages or its text change (see placements.ts).
  private readonly placements = new PlacementCache();

  /** The document's passages placed on its current text, in reading order (frozen; the array is the caller's). */
  async list(docId: string): Promise<PlacedAnnotation[]> {
    return [...(await this.placement(docId)).passages];
  }

  /** How many passages the document has, per tag and needing review, as list() places them. */
  async counts(docId: string): Promise<PassageCounts> {
    const { counts } = await this.placement(docId);
    return { ...counts, tagCounts: { ...counts.tagCounts }, tagSets: { ...counts.tagSets } };
  }

  /** The document's placement, shared and frozen: made once per state of its passages and text. */
  async placement(docId: string): Promise<Placement> {
    const doc = this.corpus.get(docId);
    const file = await this.store.current(docId);
    const annotations = file.annotations;
    // Passages made on the current text (retargeted in review, or from before snapshots
    // existed) need its snapshot for the next edit. Best effort: a listing must not fail on it,
    // and a missing snapshot only costs the diff step later; a failed save is tried again by
    // the next listing.
    if (this.texts.get(doc.contentHash) == null && annotations.some((a) => a.target.contentHash === doc.contentHash)) {
      await this.saveSnapshot(doc).catch(() => undefined);
    }
    const known = this.placements.get(docId, file, doc.contentHash);
    if (known) return known;
    const placed = (await this.placeAll(doc, annotations)).sort(byReadingOrder);
    return this.placements.set(docId, file, doc.contentHash, placed);
  }

  private async placeAll(doc: GlossDocument, annotations: readonly Annotation[]): Promise<PlacedAnnotation[]> {
    const old = new Set(annotations.map((a) => a.target.contentHash).filter((h) => h !== doc.contentHash));
    for (const hash of old) {
      if (this.texts.has(hash) || this.snapshots === null) continue;
      // A malformed hash in a hand-edited file is simply not found.
      this.texts.set(hash, await this.snapshots.load(hash).catch(() => null));
    }
    const { diffs } = this.placements;
    return annotations.map((a) =>
      this.placements.placeOnce(a, doc.contentHash, () => placeAnnotation(doc, a, this.texts.get(a.target.contentHash) ?? null, diffs)),
    );
  }

  /** Keeps the document's current text under its hash, once; later edits are diffed against it. */
  private async saveSnapshot(doc: GlossDocument): Promise<void> {
    if (this.snapshots === null) return;
    await this.snapshots.save(doc.contentHash, doc.text);
    this.texts.set(doc.contentHash, doc.text);
  }

  async create(args: Args<'createAnnotation'>): Promise<PlacedAnnotation> {
    return this.tags.exclusive(() => this.createNow(args));
  }

  private async createNow(args: Args<'createAnnotation'>): Promise<PlacedAnnotation> {
    const doc = this.corpus.get(args.docId);
    const problem = checkRange(doc.text, args.start, args.end);
    if (problem) throw new GlossatorError('out-of-range', problem);
    if (doc.text.slice(args.start, args.end) !== args.exact) {
      throw new GlossatorError(
        'quote-mismatch',
        'The selected text does not match the document at that position. Reload the document and select the passage again.',
      );
    }
    const tagIds = await this.checkTags(args.tagIds);
    const stamp = this.clock.now().toISOString();
    const annotation: Annotation = {
      id: this.newId(),
      docId: doc.id,
      target: describe(doc.text, args.start, args.end, doc.contentHash),
      tagIds,
      note: args.note ?? '',
      created: stamp,
      modified: stamp,
    };
    // Before the passage, so no stored passage waits on a snapshot that a crash prevented. A
    // disk that refuses this small write would refuse the passage too: the error is the same.
    await this.saveSnapshot(doc);
    await this.store.add(doc.id, annotation);
    return placeAnnotation(doc, annotation);
  }

  async update(args: Args<'updateAnnotation'>): Promise<PlacedAnnotation> {
    return this.tags.exclusive(() => this.updateNow(args));
  }

  private async updateNow(args: Args<'updateAnnotation'>): Promise<PlacedAnnotation> {
    const doc = this.corpus.get(args.docId);
    const tagIds = args.tagIds === undefined ? undefined : await this.checkTags(args.tagIds);
    const modified = this.clock.now().toISOString();
    const updated = await this.store.update(doc.id, args.annotationId, (a) => ({
      ...a,
      tagIds: tagIds ?? a.tagIds,
      note: args.note ?? a.note,
      modified,
    }));
    return (await this.placeAll(doc, [updated]))[0]!;
  }

  async remove(args: Args<'deleteAnnotation'>): Promise<{ annotationId: string }> {
    this.corpus.get(args.docId);
    await this.tags.exclusive(() => this.store.remove(args.docId, args.annotationId));
    return { annotationId: args.annotationId };
  }

  /** Puts back a deleted passage exactly as the renderer last received it (undo of a delete). */
  async restore(annotation: Annotation): Promise<PlacedAnnotation> {
    const doc = this.corpus.get(annotation.docId);
    return this.tags.exclusive(async () => {
      // Checked, not normalised: the passage comes back byte for byte, duplicates and all.
      await this.checkTags(annotation.tagIds);
      // The passage may come back onto text that changed since; later edits diff from this one.
      await this.saveSnapshot(doc);
      // The store refuses an id the document already has with 'invalid-argument'.
      await this.store.add(doc.id, annotation);
      return (await this.placeAll(doc, [annotation]))[0]!;
    });
  }

  /**
   * Sets the tags of many passages (undo of a merge or a tag deletion). Every document, passage
   * and tag is checked before anything is written; then each document is written in turn.
   * A passage listed twice gets the later tags. Answers how many passages' tags changed: passages
   * that already carry exactly those tags are not rewritten, so their `modified` stays.
   */
  async setTagsMany(changes: readonly TagSetting[]): Promise<{ updated: number }> {
    return this.tags.exclusive(async () => {
      for (const c of changes) this.corpus.get(c.docId);
      const known = new Set((await this.tags.list()).map((t) => t.id));
      const unknown = [...new Set(changes.flatMap((c) => c.tagIds.filter((t) => !known.has(t))))];
      if (unknown.length > 0) {
        throw new GlossatorError('not-found', `Unknown tag: ${unknown.map((u) => `"${u}"`).join(', ')}.`);
      }
      const wanted = new Map<string, Map<string, string[]>>();
      for (const c of changes) {
        const perDoc = wanted.get(c.docId) ?? new Map<string, string[]>();
        perDoc.set(c.annotationId, [...new Set(c.tagIds)]);
        wanted.set(c.docId, perDoc);
      }
      const writes = new Map<string, Map<string, string[]>>();
      for (const [docId, perDoc] of wanted) {
        const current = new Map((await this.store.list(docId)).map((a) => [a.id, a]));
        const changed = new Map<string, string[]>();
        for (const [annotationId, tagIds] of perDoc) {
          const a = current.get(annotationId);
          if (!a) throw new GlossatorError('not-found', `Document "${docId}" has no annotation ${annotationId}.`);
          if (!sameTags(a.tagIds, tagIds)) changed.set(annotationId, tagIds);
        }
        if (changed.size > 0) writes.set(docId, changed);
      }
      const modified = this.clock.now().toISOString();
      let updated = 0;
      for (const [docId, changed] of writes) {
        await writeTags(this.store, docId, changed, modified);
        updated += changed.size;
      }
      return { updated };
    });
  }

  /** Unknown tags are an error; duplicates collapse, keeping the analyst's order. */
  private async checkTags(ids: readonly string[]): Promise<string[]> {
    const known = new Map((await this.tags.list()).map((t: Tag) => [t.id, t]));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new GlossatorError('not-found', `Unknown tag: ${unknown.map((u) => `"${u}"`).join(', ')}.`);
    }
    return [...new Set(ids)];
  }
}
