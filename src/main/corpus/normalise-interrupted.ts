// A sentence broken by a pull-quote printed inside it is joined again, and the pull-quote set after it.
import type { BlockKind } from '../../shared/types';
import type { Draft } from './normalise-reflow';
import { endsClause, joinLines, startsLowercase } from './normalise-text';

/** A block moved out of the flow: it was printed inside `host`, `at` characters into the host's text. */
export interface Interruption {
  /** Index of the moved block in the output. */
  block: number;
  /** Index of the block it was printed inside. */
  host: number;
  at: number;
}

export interface Mended {
  drafts: Draft[];
  kinds: BlockKind[];
  interruptions: Interruption[];
}

/**
 * Magazine layouts print a pull-quote inside the sentence it copies ("…Iran’s regional" /
 * pull-quote / "rivals. But…"). Left in place it splits that sentence in two paragraphs, so a
 * passage over the sentence swallows the pull-quote and cites two paragraphs. When the paragraph
 * before one or more pull-quotes stops mid-clause and the paragraph after them starts lowercase,
 * the two are one paragraph, and the pull-quotes follow it. Only whole blocks move and no
 * character changes; `interruptions` says where each moved block was printed.
 */
export function mendInterruptedSentences(drafts: readonly Draft[], kinds: readonly BlockKind[]): Mended {
  const out: Mended = { drafts: [], kinds: [], interruptions: [] };
  let i = 0;
  while (i < drafts.length) {
    let host = drafts[i]!;
    const kind = kinds[i]!;
    const moved: { draft: Draft; at: number }[] = [];
    let next = i + 1;
    while (kind === 'paragraph' && !endsClause(host.text)) {
      let j = next;
      while (kinds[j] === 'pullquote') j += 1;
      const after = drafts[j];
      if (j === next || after === undefined || kinds[j] !== 'paragraph' || !startsLowercase(after.text)) break;
      const text = joinLines(host.text, after.text);
      for (let k = next; k < j; k += 1) moved.push({ draft: drafts[k]!, at: text.length - after.text.length });
      host = { ...host, text, lines: host.lines + after.lines };
      next = j + 1;
    }
    const hostIndex = out.drafts.length;
    out.drafts.push(host);
    out.kinds.push(kind);
    for (const m of moved) {
      out.interruptions.push({ block: out.drafts.length, host: hostIndex, at: m.at });
      out.drafts.push(m.draft);
      out.kinds.push('pullquote');
    }
    i = next;
  }
  return out;
}
