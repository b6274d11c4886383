// The text normaliser: raw article text in, reading text plus typed blocks out. Annotations anchor on it.
import type { Block, BlockKind, NormaliserVersion } from '../../shared/types';
import { classify } from './normalise-classify';
import { toGroups } from './normalise-lines';
import { mendInterruptedSentences, type Interruption } from './normalise-interrupted';
import { reflow, type Draft } from './normalise-reflow';

/**
 * Annotations store offsets into the normalised text, so ANY change to normalise()'s output
 * (text, block ranges, kinds, para numbers or markers) must bump this version, or stored
 * annotations silently point at the wrong words. Re-generate the goldens in the same change.
 * 2: a sentence a pull-quote was printed inside is one paragraph again, the pull-quote after it.
 */
export const NORMALISER_VERSION: NormaliserVersion = 'glossator-text/2';

/** Kinds that readers cite by paragraph number. */
const NUMBERED: ReadonlySet<BlockKind> = new Set(['paragraph', 'list-item', 'quote']);
const SEPARATOR = '\n\n';

/**
 * Reflows and classifies `raw` without changing one word: the non-whitespace characters of
 * `text`, with each block's marker put back before it and each moved pull-quote put back where it
 * was printed (normaliseTraced), are exactly those of `raw`.
 */
export function normalise(raw: string): { text: string; blocks: Block[] } {
  const { text, blocks } = normaliseTraced(raw);
  return { text, blocks };
}

/** normalise(), also saying which blocks were moved out of the sentence they were printed in. */
export function normaliseTraced(raw: string): { text: string; blocks: Block[]; interruptions: Interruption[] } {
  const unified = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const drafts = reflow(toGroups(unified));
  const mended = mendInterruptedSentences(drafts, classify(drafts));
  return { ...assemble(mended.drafts, mended.kinds), interruptions: mended.interruptions };
}

function assemble(drafts: readonly Draft[], kinds: readonly BlockKind[]): { text: string; blocks: Block[] } {
  const blocks: Block[] = [];
  let offset = 0;
  let para = 0;
  for (const [index, d] of drafts.entries()) {
    const kind = kinds[index] ?? 'paragraph';
    const numbered = NUMBERED.has(kind);
    if (numbered) para += 1;
    const block: Block = { index, kind, start: offset, end: offset + d.text.length, para: numbered ? para : null };
    if (d.marker !== undefined) block.marker = d.marker;
    blocks.push(block);
    offset = block.end + SEPARATOR.length;
  }
  return { text: drafts.map((d) => d.text).join(SEPARATOR), blocks };
}
