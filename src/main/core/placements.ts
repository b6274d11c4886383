// Each document's placed passages and their counts, kept until that document's passages or text change.
//
// Placing a document's passages (re-anchoring every one against its text) and counting them is
// what the document list, the review queue and every export repeat after each edit, though one
// edit changes one document. An entry is keyed by the two things a placement depends on, so it
// needs no invalidation calls and no write path can forget one:
// - the annotation file's state object, which the store replaces on every write of that document
//   (add, update, delete, restore, import, merge or tag deletion, backup restore, start empty), and
// - the document's contentHash, which changes with its text.
// (Snapshot texts matter too, but only for passages made on other texts: those are loaded before a
// first placement and never change for a hash.)
import type { Annotation, PlacedAnnotation } from '../../shared/types';
import { addCount, tagSetKey } from '../../shared/counts';
import { DiffCache } from '../anchoring';

/** What the document list shows of a document's passages. */
export interface PassageCounts {
  passageCount: number;
  needsReview: number;
  /** Passages per tag id. */
  tagCounts: Record<string, number>;
  /** Tagged passages per set of tag ids (shared/counts.ts tagSetKey), so a view can roll sub-tags up under a parent counting each passage once. */
  tagSets: Record<string, number>;
}

/** A document's passages in reading order, frozen: shared by every caller until the next change. */
export interface Placement {
  readonly passages: readonly PlacedAnnotation[];
  readonly counts: Readonly<PassageCounts>;
}

interface Entry {
  file: object;
  contentHash: string;
  placement: Placement;
}

export function countPassages(passages: readonly PlacedAnnotation[]): PassageCounts {
  const tagCounts: Record<string, number> = {};
  const tagSets: Record<string, number> = {};
  let needsReview = 0;
  for (const a of passages) {
    for (const t of a.tagIds) addCount(tagCounts, t);
    if (a.tagIds.length > 0) addCount(tagSets, tagSetKey(a.tagIds));
    if (a.state === 'needs-review') needsReview++;
  }
  return { passageCount: passages.length, needsReview, tagCounts, tagSets };
}

/** Freezes a placed passage and its range; the annotation's own parts are frozen by the store. */
function freezePlaced(a: PlacedAnnotation): PlacedAnnotation {
  if (Object.isFrozen(a)) return a;
  if (a.range) Object.freeze(a.range);
  return Object.freeze(a);
}

export class PlacementCache {
  private readonly entries = new Map<string, Entry>();
  /**
   * Each stored passage's own placement, by the passage object. The store shares the frozen
   * objects of passages a save did not change, so after a tag on one passage of a long document
   * only that passage is placed again, not all of them; a changed text (another hash) places all.
   */
  private readonly single = new WeakMap<Annotation, { contentHash: string; placed: PlacedAnnotation }>();

  /** `annotation` placed on the text with `contentHash`, by `placeOne` unless it was placed there before. */
  placeOnce(annotation: Annotation, contentHash: string, placeOne: () => PlacedAnnotation): PlacedAnnotation {
    const known = this.single.get(annotation);
    if (known && known.contentHash === contentHash) return known.placed;
    const placed = freezePlaced(placeOne());
    // Only frozen (stored) passages can be trusted not to change under the key.
    if (Object.isFrozen(annotation)) this.single.set(annotation, { contentHash, placed });
    return placed;
  }
  /**
   * The old→new diffs the placements were made with: a document's passages share one diff per
   * edit, and an edited document is usually placed again soon (its next edit, an export).
   */
  readonly diffs = new DiffCache();

  /** The placement made for exactly this file state and text, if there is one. */
  get(docId: string, file: object, contentHash: string): Placement | undefined {
    const entry = this.entries.get(docId);
    return entry && entry.file === file && entry.contentHash === contentHash ? entry.placement : undefined;
  }

  /** Keeps `passages` (in reading order) for this file state and text, replacing what the document had. */
  set(docId: string, file: object, contentHash: string, passages: PlacedAnnotation[]): Placement {
    const frozen = Object.freeze(passages.map(freezePlaced));
    const counts = countPassages(frozen);
    Object.freeze(counts.tagCounts);
    Object.freeze(counts.tagSets);
    const placement: Placement = Object.freeze({ passages: frozen, counts: Object.freeze(counts) });
    this.entries.set(docId, { file, contentHash, placement });
    return placement;
  }
}
