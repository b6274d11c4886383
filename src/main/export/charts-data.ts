// What the charts draw, computed once from an ExportSet: the tag series in use and the passages per document.
import type { GlossDocument, PlacedAnnotation, TextPosition } from '../../shared/types';
import { documentTitle } from './citation';
import { currentRange, sortPassages } from './select';
import { safeColor, UNTAGGED_COLOR } from './charts-svg';
import type { ExportSet } from './types';
import { INCL_SUB_TAGS, TagTree, shownTags } from '../../shared/tag-tree';

/** Sentinel series id for passages without a codebook tag (ids are never empty, so this cannot clash). */
export const UNTAGGED_ID = '';

export interface Series {
  id: string;
  name: string;
  /** Already validated: safe to put in markup. */
  color: string;
}

export interface ChartPassage {
  annotation: PlacedAnnotation;
  /** Current range if it fits the text; null when the passage needs review (no position to draw). */
  range: TextPosition | null;
  /** Series ids in codebook order; [UNTAGGED_ID] for a passage without codebook tags. */
  seriesIds: string[];
}

export interface DocumentRow {
  doc: GlossDocument;
  title: string;
  passages: ChartPassage[];
}

export interface ChartData {
  /** Codebook tags carried by at least one passage, in codebook order, then Untagged if any passage has no tag. */
  series: Series[];
  /** Documents with at least one passage, in corpus order. */
  rows: DocumentRow[];
  /** Documents the selection allows that have no passage: named in the description, not drawn. */
  idle: number;
  passageCount: number;
}

export function chartData(set: ExportSet): ChartData {
  const byDoc = new Map<string, ChartPassage[]>();
  // Re-sorted (cheap, idempotent) so the bytes never depend on the order the caller passed passages in.
  // A tag filter narrows the charts to the tags asked for, as it narrows the digest's table and sections.
  // One series per top of the shown tree (the chosen tags, or the top-level tags): each counts the
  // passages carrying it or any tag below it, once, so a stack never counts a passage twice for
  // one branch.
  const tree = new TagTree(set.tags);
  const shownIds = new Set(shownTags(tree, set.options.tagIds).map((t) => t.id));
  const shown = [...shownIds].map((id) => tree.get(id)!).filter((t) => !tree.ancestors(t.id).some((a) => shownIds.has(a.id)));
  const branch = new Map(shown.map((t) => [t.id, new Set([t.id, ...tree.descendants(t.id).map((d) => d.id)])] as const));
  for (const annotation of sortPassages(set.documents, set.passages)) {
    const list = byDoc.get(annotation.docId) ?? [];
    // Codebook order, not the order the analyst applied tags: charts must not depend on click history.
    const tagIds = shown.filter((t) => annotation.tagIds.some((id) => branch.get(t.id)!.has(id))).map((t) => t.id);
    list.push({
      annotation,
      range: null,
      seriesIds: tagIds.length > 0 ? tagIds : [UNTAGGED_ID],
    });
    byDoc.set(annotation.docId, list);
  }
  const rows: DocumentRow[] = [];
  const seen = new Set<string>();
  let idle = 0;
  for (const doc of set.documents) {
    if (seen.has(doc.id)) continue;
    seen.add(doc.id);
    const passages = byDoc.get(doc.id);
    if (!passages) {
      idle++;
      continue;
    }
    for (const p of passages) p.range = currentRange(doc, p.annotation);
    rows.push({ doc, title: documentTitle(doc), passages });
  }
  const used = new Set(rows.flatMap((row) => row.passages.flatMap((p) => p.seriesIds)));
  const series: Series[] = shown
    .filter((tag) => used.has(tag.id))
    .map((tag) => ({
      id: tag.id,
      name: branch.get(tag.id)!.size > 1 ? `${tag.name} (${INCL_SUB_TAGS})` : tag.name,
      color: safeColor(tag.color),
    }));
  if (used.has(UNTAGGED_ID)) series.push({ id: UNTAGGED_ID, name: 'Untagged', color: UNTAGGED_COLOR });
  const passageCount = rows.reduce((sum, row) => sum + row.passages.length, 0);
  return { series, rows, idle, passageCount };
}

/** Passages per series in one document. */
export function countsBySeries(row: DocumentRow, series: Series[]): number[] {
  return series.map((s) => row.passages.filter((p) => p.seriesIds.includes(s.id)).length);
}
