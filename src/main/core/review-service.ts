// The review queue: passages that moved, need review or lost their document, and the analyst's fixes for them.
import type { Annotation, GlossDocument, PlacedAnnotation, ReviewItem, TextTarget } from '../../shared/types';
import type { Args } from '../../shared/contract';
import { GlossatorError } from '../../shared/result';
import { checkRange, describe } from '../../shared/anchoring';
import { place } from '../anchoring';
import type { AnnotationStore } from '../store/annotation-store';
import type { TagStore } from '../store/tag-store';
import { documentTitle } from '../export/citation';
import { byReadingOrder, placeAnnotation, type AnnotationService } from './annotation-service';
import type { Clock } from './ports';
import type { CorpusService } from './corpus-service';

export const REASONS = {
  moved: 'moved: found again after the text changed; confirm it is the right place',
  'needs-review': 'needs review: the quoted text could not be found with confidence',
  orphaned: 'its document was removed from the corpus',
} as const;

export interface ReviewDeps {
  corpus: CorpusService;
  annotations: AnnotationService;
  store: AnnotationStore;
  tags: TagStore;
  clock: Clock;
}

// Writes take the TagStore's exclusive turn, like every AnnotationService write, so a re-targeting
// cannot interleave with a create, retag or codebook merge on the same file.
export class ReviewService {
  constructor(private readonly deps: ReviewDeps) {}

  /** Whether the open corpus holds this document (else its stored passages are orphans). */
  inCorpus(docId: string): boolean {
    return this.deps.corpus.all().some((d) => d.id === docId);
  }

  /** Moved and needs-review passages in corpus and reading order, then orphans by document id. */
  async list(): Promise<ReviewItem[]> {
    const { corpus, annotations, store } = this.deps;
    const items: ReviewItem[] = [];
    for (const doc of corpus.all()) {
      // Placed by AnnotationService, so the queue agrees with what the reader shows.
      const placed = await skipUnreadable(() => annotations.list(doc.id));
      for (const p of placed) {
        if (p.state === 'moved' || p.state === 'needs-review') {
          items.push({ passage: p, docTitle: documentTitle(doc), reason: REASONS[p.state] });
        }
      }
    }
    const present = new Set(corpus.all().map((d) => d.id));
    for (const docId of await store.documentIds()) {
      if (present.has(docId)) continue;
      const stored = await skipUnreadable(() => store.list(docId));
      // No text to place them on: place() calls them orphaned, like any passage without its document.
      const orphans = stored.map((a): PlacedAnnotation => {
        const { state, range } = place(a.target, null);
        return { ...a, state, range };
      });
      // The document is gone, so its title is too; the id is all that is left to name it by.
      for (const p of orphans.sort(byReadingOrder)) {
        items.push({ passage: p, docTitle: docId, reason: REASONS.orphaned });
      }
    }
    return items;
  }

  /** Accepts a moved passage where it now sits: its selectors are remade against the current text. */
  async confirmMove(docId: string, annotationId: string): Promise<PlacedAnnotation> {
    const doc = this.deps.corpus.get(docId);
    // Placed outside the exclusive turn: AnnotationService.list is free to take that turn itself.
    const placed = (await this.deps.annotations.list(docId)).find((p) => p.id === annotationId);
    if (!placed) throw new GlossatorError('not-found', `Document "${docId}" has no annotation ${annotationId}.`);
    if (placed.state !== 'moved' || placed.range === null) {
      throw new GlossatorError('invalid-argument', 'Only a moved passage can be confirmed.');
    }
    const { start, end } = placed.range;
    // A write since the placement (a reattach, say) would make that placement stale: refuse.
    return this.retarget(doc, annotationId, start, end, placed.target);
  }

  /** Attaches a passage to newly selected text of its document, checked like a new passage. */
  async reattach(args: Args<'reattach'>): Promise<PlacedAnnotation> {
    const doc = this.deps.corpus.get(args.docId);
    const problem = checkRange(doc.text, args.start, args.end);
    if (problem) throw new GlossatorError('out-of-range', problem);
    if (doc.text.slice(args.start, args.end) !== args.exact) {
      throw new GlossatorError(
        'quote-mismatch',
        'The selected text does not match the document at that position. Reload the document and select the passage again.',
      );
    }
    return this.retarget(doc, args.annotationId, args.start, args.end, null);
  }

  /** Deletes a passage whose document is no longer in the corpus. */
  async removeOrphan(docId: string, annotationId: string): Promise<void> {
    if (this.inCorpus(docId)) {
      throw new GlossatorError(
        'invalid-argument',
        `Document "${docId}" is still in the corpus; its passages are not orphans.`,
      );
    }
    // documentIds() lists only valid ids, so this also refuses path-like ids before the disk is touched.
    if (!(await this.deps.store.documentIds()).includes(docId)) {
      throw new GlossatorError('not-found', `There is no document "${docId}" in this corpus.`);
    }
    await this.deps.tags.exclusive(() => this.deps.store.remove(docId, annotationId));
  }

  /**
   * Rewrites a passage's target at [start, end) of the current text; tags, note and created stay.
   * With `expected`, the write is refused unless the stored target is still that one.
   */
  private async retarget(
    doc: GlossDocument,
    annotationId: string,
    start: number,
    end: number,
    expected: TextTarget | null,
  ): Promise<PlacedAnnotation> {
    const target = describe(doc.text, start, end, doc.contentHash);
    const updated = await this.deps.tags.exclusive(() => {
      const modified = this.deps.clock.now().toISOString();
      return this.deps.store.update(doc.id, annotationId, (a): Annotation => {
        if (expected !== null && !sameTarget(a.target, expected)) {
          throw new GlossatorError('invalid-argument', 'The passage changed meanwhile; look at it again before confirming.');
        }
        return { ...a, target, modified };
      });
    });
    return placeAnnotation(doc, updated);
  }
}

function sameTarget(a: TextTarget, b: TextTarget): boolean {
  return (
    a.contentHash === b.contentHash &&
    a.position.start === b.position.start &&
    a.position.end === b.position.end &&
    a.quote.exact === b.quote.exact &&
    a.quote.prefix === b.quote.prefix &&
    a.quote.suffix === b.quote.suffix
  );
}

/** A document whose annotation file cannot be read is left out; the document list reports it. */
async function skipUnreadable<T>(read: () => Promise<T[]>): Promise<T[]> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof GlossatorError && err.code === 'store-unreadable') return [];
    throw err;
  }
}
