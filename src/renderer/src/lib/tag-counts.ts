// Passage counts per tag for the codebook and the document list: a tag's own, and rolled up (its sub-tags' passages too, each passage once).
import { addCount, tagSetIds } from '../../../shared/counts';
import type { TagTree, TreeNode } from '../../../shared/tag-tree';
import type { DocumentSummary } from '../../../shared/types';

type Counted = Pick<DocumentSummary, 'tagCounts' | 'tagSets'>;

/** Passages per tag id over these documents, each tag's own (a sub-tag's passages not under its parent). */
export function ownCounts(docs: readonly Counted[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const d of docs) for (const [tag, n] of Object.entries(d.tagCounts)) addCount(sum, tag, n);
  return sum;
}

/**
 * Per tag id, the passages of these documents carrying it or any tag below it, each passage once
 * (a passage with two sub-tags of one parent counts once under that parent), from each document's
 * tag sets, so a move in the codebook needs no new counts from main.
 */
export function rolledUpCounts(tree: TagTree<TreeNode>, docs: readonly Counted[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const d of docs) {
    for (const [key, n] of Object.entries(d.tagSets)) for (const id of tree.withAncestors(tagSetIds(key))) addCount(sum, id, n);
  }
  return sum;
}

/** "3 passages", "1 passage". */
export const passagesText = (n: number): string => `${n} ${n === 1 ? 'passage' : 'passages'}`;
