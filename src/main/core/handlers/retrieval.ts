// Handler for the cross-corpus "Passages" view: every passage carrying any of the chosen tags (or their sub-tags), with citations.
import type { Handlers } from '../../../shared/contract';
import type { GlossDocument, PassageRow, PlacedAnnotation, TextPosition } from '../../../shared/types';
import { GlossatorError } from '../../../shared/result';
import { citation, documentTitle } from '../../export/citation';
import type { AnnotationService } from '../annotation-service';
import type { CorpusService } from '../corpus-service';
import type { TagStore } from '../../store/tag-store';
import { expandWithDescendants } from '../../../shared/tag-tree';

export interface RetrievalDeps {
  corpus: CorpusService;
  annotations: AnnotationService;
  tags: TagStore;
}

/** Paragraph number of the block the range starts in (the next block if it starts between blocks). */
export function paraAt(doc: GlossDocument, range: TextPosition | null): number | null {
  if (range === null) return null;
  // Blocks are in text order, so the first one reaching past the start is where the passage begins.
  const block = doc.blocks.find((b) => b.end > range.start && b.start < Math.max(range.end, range.start + 1));
  return block?.para ?? null;
}

export function toRow(doc: GlossDocument, a: PlacedAnnotation): PassageRow {
  return { ...a, docTitle: documentTitle(doc), citation: citation(doc, a.range), para: paraAt(doc, a.range) };
}

export function retrievalHandlers(deps: RetrievalDeps): Pick<Handlers, 'listPassages'> {
  return {
    // An empty filter lists everything. An unknown tag id simply matches nothing: these deps do not
    // see the codebook, and a tag just deleted in another window should empty the view, not fail it.
    // A tag stands for itself and everything below it: "Friction" lists "Friction › Sanctions" too.
    listPassages: async ({ tagIds }) => {
      const wanted = new Set(tagIds.length === 0 ? [] : expandWithDescendants(await deps.tags.list(), tagIds));
      const perDoc = await Promise.all(
        deps.corpus.all().map(async (doc) => {
          let placed: PlacedAnnotation[];
          try {
            placed = await deps.annotations.list(doc.id);
          } catch (error) {
            // A document whose annotation file is unreadable is skipped rather than failing the
            // whole view: the document list already flags it (DocumentSummary.storeError).
            if (error instanceof GlossatorError && error.code === 'store-unreadable') return [];
            throw error;
          }
          const chosen = wanted.size === 0 ? placed : placed.filter((a) => a.tagIds.some((t) => wanted.has(t)));
          return chosen.map((a) => toRow(doc, a));
        }),
      );
      // Corpus order, then each document's reading order as AnnotationService.list gives it.
      return perDoc.flat();
    },
  };
}
