// Which passages an export contains and in what order, plus the short stable id each one is cited by.
import { hash } from 'node:crypto';
import type { DigestOptions, GlossDocument, PlacedAnnotation, TextPosition } from '../../shared/types';
import { foldKey } from '../search/tokenise';

export interface Selection {
  /** The documents the options allow, in corpus order (even those without passages). */
  documents: GlossDocument[];
  /** The passages that pass every filter, in corpus order then reading order. */
  passages: PlacedAnnotation[];
}

/**
 * Applies options.docIds, options.tagIds and options.text. Filters combine with AND; within
 * tagIds a passage needs any one of the tags. A tag filter excludes untagged passages, since the
 * analyst asked for passages coded a certain way. Passages of documents outside the selection
 * (or no longer in the corpus) are left out.
 */
export function selectPassages(input: {
  documents: readonly GlossDocument[];
  annotations: readonly PlacedAnnotation[];
  options: DigestOptions;
}): Selection {
  const { options } = input;
  const wantedDocs = new Set(options.docIds);
  const documents = input.documents.filter((doc) => wantedDocs.size === 0 || wantedDocs.has(doc.id));
  const byId = new Map(documents.map((doc) => [doc.id, doc] as const));
  const wantedTags = new Set(options.tagIds);
  const needle = foldForMatch(options.text);

  const passages = input.annotations.filter((a) => {
    const doc = byId.get(a.docId);
    if (doc === undefined) return false;
    if (wantedTags.size > 0 && !a.tagIds.some((id) => wantedTags.has(id))) return false;
    if (needle === '') return true;
    return foldForMatch(currentQuote(doc, a)).includes(needle) || foldForMatch(a.note).includes(needle);
  });
  return { documents, passages: sortPassages(documents, passages) };
}

/**
 * The id a passage is cited and diffed by: "p-" + 8 lowercase hex digits, a pure function of the
 * annotation id, so it stays the same across exports, filters and edits.
 *
 * For a UUID it is the LAST 8 hex digits: random in v4 and v7 alike, whereas the first 8 of a v7
 * UUID are a timestamp shared by everything created within the same minute. Any other id (imports
 * and tests use free-form ids) gets the first 8 hex digits of its SHA-256. Either way two passages
 * share a key with odds of about 1 in 4 billion per pair; the full id is in the CSV and JSON
 * exports for anyone who needs certainty.
 */
export function passageKey(a: { id: string }): string {
  const hex = UUID.test(a.id)
    ? a.id.replace(/-/g, '').slice(-8)
    : hash('sha256', a.id, 'hex').slice(0, 8); // one-shot: a third of createHash's cost, same digest (UTF-8)
  return `p-${hex.toLowerCase()}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where the passage sits in the document's current text, or null when it needs review. A range
 * that does not fit the text cannot be quoted or cited, so it counts as needing review too.
 */
export function currentRange(doc: GlossDocument, a: PlacedAnnotation): TextPosition | null {
  const range = a.range;
  if (range === null) return null;
  const fits = 0 <= range.start && range.start < range.end && range.end <= doc.text.length;
  return fits ? range : null;
}

/** The current text is what the analyst sees when placing it; the stored quote is all there is otherwise. */
export function currentQuote(doc: GlossDocument, a: PlacedAnnotation): string {
  const range = currentRange(doc, a);
  return range ? doc.text.slice(range.start, range.end) : a.target.quote.exact;
}

/**
 * Corpus order, then placed passages by start (then end), then passages needing review by their
 * stored position; the id breaks ties so the order never depends on the order passages arrived in.
 * Passages whose document is not in `documents` go last, in id order (renderers count them apart).
 */
export function sortPassages<T extends PlacedAnnotation>(
  documents: readonly GlossDocument[],
  passages: readonly T[],
): T[] {
  const index = new Map<string, number>();
  documents.forEach((doc, i) => {
    if (!index.has(doc.id)) index.set(doc.id, i);
  });
  const keyed = passages.map((a) => {
    const docIndex = index.get(a.docId);
    const doc = docIndex === undefined ? undefined : documents[docIndex];
    const range = doc === undefined ? null : currentRange(doc, a);
    return { a, docIndex: docIndex ?? documents.length, range, at: range ?? a.target.position };
  });
  type Keyed = (typeof keyed)[number];
  const order = (x: Keyed, y: Keyed) =>
    x.docIndex - y.docIndex ||
    Number(x.range === null) - Number(y.range === null) ||
    x.at.start - y.at.start ||
    x.at.end - y.at.end ||
    compareCodeUnits(x.a.id, y.a.id);
  // Renderers sort what selectPassages already sorted: one pass tells, and spares the sort.
  if (!keyed.every((k, i) => i === 0 || order(keyed[i - 1]!, k) <= 0)) keyed.sort(order);
  return keyed.map((k) => k.a);
}

/** Not localeCompare: the order must not depend on the machine's locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Case- and diacritic-insensitive, as the search box is ("tehran" finds "Tehrān"). Typographic
 * apostrophes and quotes compare equal to typed ones, and whitespace runs (a passage spanning two
 * paragraphs holds "\n\n") to one space, so a phrase copied from a quote still finds it.
 */
function foldForMatch(text: string): string {
  return foldKey(text)
    .replace(/[‘’ʼ′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}
