// Joins reader drafts into reading text and blocks, numbered the way normalise() numbers them.
import type { Block, BlockKind } from '../../../shared/types';

/** One block before offsets are known; `text` is already collapsed to single spaces. */
export interface Draft {
  kind: BlockKind;
  text: string;
  marker?: string;
  page?: number;
}

/** Kinds cited by paragraph number, as in normalise(): body paragraphs and list items. */
const NUMBERED: ReadonlySet<BlockKind> = new Set(['paragraph', 'list-item', 'quote']);
const SEPARATOR = '\n\n';

/** Empty drafts are dropped, so no block is ever empty and no "\n\n\n\n" appears in the text. */
export function assemble(drafts: readonly Draft[]): { text: string; blocks: Block[] } {
  const kept = drafts.filter((d) => d.text !== '');
  const blocks: Block[] = [];
  let offset = 0;
  let para = 0;
  for (const [index, d] of kept.entries()) {
    const numbered = NUMBERED.has(d.kind);
    if (numbered) para += 1;
    const block: Block = { index, kind: d.kind, start: offset, end: offset + d.text.length, para: numbered ? para : null };
    if (d.marker !== undefined) block.marker = d.marker;
    if (d.page !== undefined) block.page = d.page;
    blocks.push(block);
    offset = block.end + SEPARATOR.length;
  }
  return { text: kept.map((d) => d.text).join(SEPARATOR), blocks };
}
