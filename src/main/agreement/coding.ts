// What agreement is computed from: each coder's placed passages in each document, and who coded which document.

import type { CodedSpan } from '../../shared/agreement';

export type { CodedSpan };
import { normalise, type Span } from './intervals';

/**
 * One document as the coders coded it. The `coders` map is the explicit missing-data input: a coder who is in
 * it judged every character of the document (an empty list means "coded nothing here", which counts as
 * "not coded" for every character); a coder who is not in it did not code the document, and their values are
 * missing — left out of κ and percent for this document, and out of α's pairable values.
 */
export interface DocumentCoding {
  docId: string;
  /** Characters (UTF-16 code units) of the document's text: the units of the character level. */
  length: number;
  coders: ReadonlyMap<string, readonly CodedSpan[]>;
}

/** A coder's coding of one tag in one document as merged runs: overlapping passages count once. */
export function tagLayer(passages: readonly CodedSpan[], tagId: string, length: number): Span[] {
  return normalise(
    passages.filter((p) => p.tagIds.includes(tagId)),
    length,
  );
}

/** The passages with the tag, clipped to the text, as the segments of the segment level (never merged). */
export function tagSegments(passages: readonly CodedSpan[], tagId: string, length: number): CodedSpan[] {
  const out: CodedSpan[] = [];
  for (const p of passages) {
    if (!p.tagIds.includes(tagId)) continue;
    const start = Math.max(0, Math.min(length, p.start));
    const end = Math.max(0, Math.min(length, p.end));
    if (end > start) out.push({ ...p, start, end });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
