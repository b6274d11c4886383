// The Markdown of one passage's quote, citation line and note, kept per placed passage from one digest to the next.
//
// Escaping quotes and working out citations is most of a digest's cost, and the preview rebuilds
// the digest whenever an option changes while the passages stay the same. AnnotationService hands
// out frozen placed passages that it keeps until their document's passages or text change, so
// the text made for such a passage stays true as long as it is rendered against the same
// document object (documents are never changed in place; new metadata is a new object).
import type { GlossDocument, PlacedAnnotation, TextPosition } from '../../shared/types';
import { citation } from './citation';
import { blockquote, escapeBlock, escapeInline } from './markdown';
import { passageKey } from './select';

export interface PassageText {
  /** The quote as a Markdown blockquote. */
  quote: string;
  /** "— Title — Author, ¶ 3 [p-1a2b3c4d]". */
  cite: string;
  /** The note as escaped Markdown paragraphs ('' for none). */
  note: string;
}

interface Kept extends PassageText {
  doc: GlossDocument;
}

const kept = new WeakMap<PlacedAnnotation, Kept>();

/** Frozen all the way down to what the text is made from, so it cannot change behind the memo. */
function settled(a: PlacedAnnotation): boolean {
  return Object.isFrozen(a) && Object.isFrozen(a.target) && Object.isFrozen(a.target.quote) && (a.range === null || Object.isFrozen(a.range));
}

/**
 * `range` and `quote` are where the passage sits in `doc`'s text and what it says there, as
 * select.ts's currentRange/currentQuote give them: both follow from `doc` and `a`.
 */
export function passageText(doc: GlossDocument, a: PlacedAnnotation, range: TextPosition | null, quote: string): PassageText {
  const known = kept.get(a);
  if (known !== undefined && known.doc === doc) return known;
  const text: Kept = {
    doc,
    quote: blockquote(quote),
    cite: `— ${escapeInline(citation(doc, range))} [${passageKey(a)}]`,
    note: escapeBlock(a.note),
  };
  if (settled(a)) kept.set(a, text);
  return text;
}
