// How the document list is ordered and filtered: corpus order or by reading coverage.
import type { DocumentSummary } from '../../../shared/types';

export type CoverageSort = 'corpus' | 'least-read' | 'most-read';
export type CoverageFilter = 'all' | 'unread' | 'in-progress' | 'finished';

export const coverageOf = (d: DocumentSummary): number => (d.coverage.total === 0 ? 0 : d.coverage.read / d.coverage.total);

export class DocumentOrder {
  sort = $state<CoverageSort>('corpus');
  filter = $state<CoverageFilter>('all');

  apply(documents: readonly DocumentSummary[]): DocumentSummary[] {
    const kept = documents.filter((d) => {
      const c = coverageOf(d);
      if (this.filter === 'unread') return c === 0;
      if (this.filter === 'in-progress') return c > 0 && c < 1;
      if (this.filter === 'finished') return c === 1;
      return true;
    });
    if (this.sort === 'corpus') return kept;
    const sign = this.sort === 'least-read' ? 1 : -1;
    return [...kept].sort((a, b) => sign * (coverageOf(a) - coverageOf(b)));
  }
}
