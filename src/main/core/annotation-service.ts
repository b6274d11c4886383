// Creates, places, edits and deletes passages: checks every request against the document text and codebook.
import type { Annotation, GlossDocument, PlacedAnnotation, Tag } from '../../shared/types';
import type { Args } from '../../shared/contract';
import { GlossatorError } from '../../shared/result';
import { anchor, checkRange, describe } from '../../shared/anchoring';
import type { AnnotationStore } from '../store/annotation-store';
import type { TagStore } from '../store/tag-store';
import type { CorpusService } from './corpus-service';

export interface Clock {
  now(): Date;
}

export function place(doc: GlossDocument, annotation: Annotation): PlacedAnnotation {
  const outcome = anchor(doc.text, doc.contentHash, annotation.target);
  return { ...annotation, state: outcome.state, range: outcome.range };
}

/** Reading order: by current start; passages that need review go last, by where they used to be. */
export function byReadingOrder(a: PlacedAnnotation, b: PlacedAnnotation): number {
  const ka = a.range ? [0, a.range.start, a.range.end] : [1, a.target.position.start, 0];
  const kb = b.range ? [0, b.range.start, b.range.end] : [1, b.target.position.start, 0];
  for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
  return a.created.localeCompare(b.created);
}

export class AnnotationService {
  constructor(
    private readonly corpus: CorpusService,
    private readonly store: AnnotationStore,
    private readonly tags: TagStore,
    private readonly clock: Clock,
    private readonly newId: () => string,
  ) {}

  async list(docId: string): Promise<PlacedAnnotation[]> {
    const doc = this.corpus.get(docId);
    const annotations = await this.store.list(docId);
    return annotations.map((a) => place(doc, a)).sort(byReadingOrder);
  }

  async create(args: Args<'createAnnotation'>): Promise<PlacedAnnotation> {
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
    await this.store.add(doc.id, annotation);
    return place(doc, annotation);
  }

  async update(args: Args<'updateAnnotation'>): Promise<PlacedAnnotation> {
    const doc = this.corpus.get(args.docId);
    const tagIds = args.tagIds === undefined ? undefined : await this.checkTags(args.tagIds);
    const modified = this.clock.now().toISOString();
    const updated = await this.store.update(doc.id, args.annotationId, (a) => ({
      ...a,
      tagIds: tagIds ?? a.tagIds,
      note: args.note ?? a.note,
      modified,
    }));
    return place(doc, updated);
  }

  async remove(args: Args<'deleteAnnotation'>): Promise<{ annotationId: string }> {
    this.corpus.get(args.docId);
    await this.store.remove(args.docId, args.annotationId);
    return { annotationId: args.annotationId };
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
