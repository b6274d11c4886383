// Groups consecutive list items so the reader can render them as one list.
import type { Block } from '../../../shared/types';

export type BlockGroup = { key: number; kind: 'list'; blocks: Block[] } | { key: number; kind: 'single'; block: Block };

export function groupBlocks(blocks: readonly Block[]): BlockGroup[] {
  const groups: BlockGroup[] = [];
  for (const block of blocks) {
    const last = groups.at(-1);
    if (block.kind === 'list-item' && last?.kind === 'list') last.blocks.push(block);
    else if (block.kind === 'list-item') groups.push({ key: block.index, kind: 'list', blocks: [block] });
    else groups.push({ key: block.index, kind: 'single', block });
  }
  return groups;
}
