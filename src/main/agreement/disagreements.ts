// Where coders differ: per tag, the stretches of text some coders coded, grouped so each can be settled at once.
//
// A cluster is a maximal stretch covered by at least one chosen coder's passages with the tag (overlapping or
// touching passages of any coder join one cluster). It is agreed when every coder who coded the document covers
// all of it, and a disagreement otherwise; adjudication accepts one coder's passages of a cluster, or all of
// an agreed cluster's.

import type { Cluster, CodedSpan } from '../../shared/agreement';

export type { Cluster };
import { coverageRuns, normalise } from './intervals';
import { tagLayer, tagSegments, type DocumentCoding } from './coding';

/** The clusters of one tag in one document, in text order; empty when fewer than two chosen coders coded it. */
export function clustersOf(doc: DocumentCoding, coders: readonly string[], tagId: string): Cluster[] {
  const present = coders.filter((c) => doc.coders.has(c));
  if (present.length < 2) return [];
  const layers = present.map((c) => tagLayer(doc.coders.get(c) ?? [], tagId, doc.length));
  const segments = present.map((c) => tagSegments(doc.coders.get(c) ?? [], tagId, doc.length));
  const extents = normalise(layers.flat(), doc.length);
  const runs = coverageRuns(layers);
  const out: Cluster[] = [];
  let r = 0;
  // Each segment lies inside exactly one extent (extents are the union of all segments) and both are sorted by
  // start, so one cursor per coder hands every segment to its extent.
  const cursors = present.map(() => 0);
  for (const extent of extents) {
    const covered = new Array<number>(present.length).fill(0);
    let differing = 0;
    while (r < runs.length && runs[r]!.start < extent.end) {
      const run = runs[r++]!;
      const len = run.end - run.start;
      for (const i of run.members) covered[i]! += len;
      if (run.count < present.length) differing += len;
    }
    out.push({
      docId: doc.docId,
      tagId,
      start: extent.start,
      end: extent.end,
      agreed: differing === 0,
      differing,
      sides: present.map((coderId, i) => ({
        coderId,
        covered: covered[i]!,
        passages: takeWhile(segments[i]!, cursors, i, extent.end),
      })),
    });
  }
  return out;
}

function takeWhile(list: readonly CodedSpan[], cursors: number[], i: number, before: number): CodedSpan[] {
  const out: CodedSpan[] = [];
  let k = cursors[i]!;
  while (k < list.length && list[k]!.start < before) out.push(list[k++]!);
  cursors[i] = k;
  return out;
}

/** Clusters of every tag in every document, in document then text order. */
export function allClusters(
  documents: readonly DocumentCoding[],
  coders: readonly string[],
  tagIds: readonly string[],
): Cluster[] {
  const out: Cluster[] = [];
  for (const doc of documents) {
    const perDoc = tagIds.flatMap((tagId) => clustersOf(doc, coders, tagId));
    perDoc.sort((a, b) => a.start - b.start || a.end - b.end || a.tagId.localeCompare(b.tagId));
    out.push(...perDoc);
  }
  return out;
}
