// W3C Web Annotation export: the selected passages as one JSON-LD AnnotationCollection.
//
// Shape, following the Web Annotation Data Model (W3C Recommendation, 23 February 2017):
// - §5.1/§5.2: an AnnotationCollection whose single AnnotationPage is embedded as `first` (the
//   collection itself never lists items); the embedded page carries no @context, and an empty
//   export has `total: 0` and no `first`, since a page MUST hold at least one annotation.
// - §3.1: each Annotation has id "urn:uuid:<id>" (UUIDs are what Glossator mints), type, target.
// - §3.3.5: exactly one motivation ("commenting" when there is a note, "tagging" when only tags,
//   "highlighting" for a bare passage); each body says its own role with `purpose`.
// - §3.2.4: one TextualBody per tag (value = tag name) and one for the note, format text/plain.
// - §3.3.1/§3.3.2: created/modified in UTC with "Z"; Glossator is the `generator` (Software); the
//   `creator` is the coder (a Person, id "urn:glossator:coder:<id>"): the passage's own coder in a
//   team project, else this machine's coder identity; none before the analyst has one.
// - §4: the target is a SpecificResource; its source is the normalised document text, an External
//   Web Resource (§3.2.1/§3.2.2: id "urn:glossator:doc:<docId>", type Text, format text/plain).
//   Title, file name and original URL use dcterms CURIEs, as the Vocabulary's Extensions section
//   recommends for terms of ontologies already in the anno.jsonld context (no extra context needed).
// - §4.2.4/§4.2.5: TextQuoteSelector, plus a TextPositionSelector counted in Unicode code points,
//   converted here from Glossator's UTF-16 offsets (or left in UTF-16 units when the export option
//   `offsets: 'utf16'` asks, for tools that count that way); the collection's dcterms:description
//   names the unit. A passage that needs review has no trustworthy position, so it gets the stored
//   quote alone.
// - Memos (document, tag, journal) follow the passages as `commenting` annotations on the whole
//   resource: see webanno-memos.ts.
import type { GlossDocument, PlacedAnnotation, Tag, TextQuote } from '../../shared/types';
import { checkRange, describe } from '../../shared/anchoring';
import { currentRange, sortPassages } from '../export/select';
import type { ExportSet } from '../export/types';
import { memoAnnotations } from './webanno-memos';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const DOC_URN = 'urn:glossator:doc:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The offset unit, stated on the collection (TextPositionSelector itself has no property for it). */
export const OFFSETS_CODE_POINTS =
  'TextPositionSelector start and end count Unicode code points of the document\'s reading text, as the Web Annotation Data Model (§4.2.4) says.';
export const OFFSETS_UTF16 =
  'TextPositionSelector start and end count UTF-16 code units of the document\'s reading text (as JavaScript and Recogito count), ' +
  'not the code points the Web Annotation Data Model (§4.2.4) names; the two differ only after emoji and other characters beyond U+FFFF.';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Pretty JSON-LD; the same set always gives the same bytes (the clock reading comes in `set.now`). */
export function renderWebAnnotation(set: ExportSet): string {
  const stamp = set.now.toISOString();
  const id = `urn:glossator:export:${stamp}`;
  const docs = new Map<string, GlossDocument>();
  for (const doc of set.documents) if (!docs.has(doc.id)) docs.set(doc.id, doc);
  const names = new Map(set.tags.map((t: Tag) => [t.id, t.name] as const));
  const counters = new Map<string, (offset: number) => number>();
  const utf16 = set.options.offsets === 'utf16';
  const counterOf = (doc: GlossDocument) => {
    // Glossator's own offsets already count UTF-16 units; only code points need converting.
    if (utf16) return (offset: number) => offset;
    let count = counters.get(doc.id);
    if (!count) counters.set(doc.id, (count = codePointCounter(doc.text)));
    return count;
  };
  const creators = creatorsOf(set);
  const generator: JsonObject = {
    type: 'Software',
    name: set.generator.name,
    'schema:softwareVersion': set.generator.version,
  };

  const items = sortPassages(set.documents, set.passages).map((a) => {
    const doc = docs.get(a.docId);
    return annotationOf(a, doc, doc ? counterOf(doc) : null, {
      names,
      includeNotes: set.options.includeNotes,
      generator,
      generated: stamp,
      creator: creators(a.coderId),
    });
  });

  // Memos after the passages: comments on a whole document, a tag or the journal (webanno-memos.ts).
  items.push(...memoAnnotations(set, { sourceOf, generator, generated: stamp }));

  const collection: JsonObject = {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: `Glossator passages, exported ${stamp.slice(0, 10)}`,
    'dcterms:description': utf16 ? OFFSETS_UTF16 : OFFSETS_CODE_POINTS,
    total: items.length,
  };
  if (items.length > 0) {
    collection.first = { id: `${id}#page1`, type: 'AnnotationPage', partOf: id, startIndex: 0, items };
  }
  return `${JSON.stringify(collection, null, 2)}\n`;
}

interface Context {
  names: ReadonlyMap<string, string>;
  includeNotes: boolean;
  generator: JsonObject;
  generated: string;
  creator: JsonObject | null;
}

export const CODER_URN = 'urn:glossator:coder:';

/** The §3.3.1 Agent for a passage's coder id: named from the export's coders, else by its id; this machine's coder for none. */
function creatorsOf(set: ExportSet): (coderId: string | undefined) => JsonObject | null {
  const named = new Map((set.coders ?? []).filter((c) => c.id.trim() !== '').map((c) => [c.id, c.name.trim() || c.id] as const));
  const mine = (set.coders ?? []).find((c) => c.id.trim() !== '')?.id;
  return (coderId) => {
    const id = coderId !== undefined && coderId.trim() !== '' ? coderId : mine;
    if (id === undefined) return null;
    return { id: `${CODER_URN}${encodeURIComponent(id)}`, type: 'Person', name: named.get(id) ?? id, nickname: id };
  };
}

function annotationOf(
  a: PlacedAnnotation,
  doc: GlossDocument | undefined,
  toCodePoint: ((offset: number) => number) | null,
  ctx: Context,
): JsonObject {
  // Tags keep the passage's own order so a round trip gives back the same list; ids missing from
  // the codebook are dropped, as in the digest.
  const tags = [...new Set(a.tagIds)].flatMap((tagId) => {
    const name = ctx.names.get(tagId);
    return name === undefined ? [] : [name];
  });
  const note = ctx.includeNotes && a.note.trim() !== '' ? a.note : null;
  const body: JsonObject[] = tags.map((name) => ({ type: 'TextualBody', purpose: 'tagging', value: name }));
  if (note !== null) body.push({ type: 'TextualBody', purpose: 'commenting', value: note, format: 'text/plain' });

  const annotation: JsonObject = {
    id: UUID.test(a.id) ? `urn:uuid:${a.id}` : `urn:glossator:annotation:${encodeURIComponent(a.id)}`,
    type: 'Annotation',
    motivation: note !== null ? 'commenting' : tags.length > 0 ? 'tagging' : 'highlighting',
  };
  const created = utc(a.created);
  const modified = utc(a.modified);
  if (created !== null) annotation.created = created;
  if (modified !== null) annotation.modified = modified;
  if (ctx.creator !== null) annotation.creator = ctx.creator;
  annotation.generator = ctx.generator;
  annotation.generated = ctx.generated;
  // §3.2.6: a passage with neither tags nor note is a plain highlight with no body. It is written
  // as an empty list, which adds nothing in JSON-LD, rather than left out: Recogito's parser
  // (@annotorious/core parseW3CBodies) destructures every body and throws when `body` is missing.
  annotation.body = body;
  annotation.target = targetOf(a, doc, toCodePoint);
  return annotation;
}

function targetOf(
  a: PlacedAnnotation,
  doc: GlossDocument | undefined,
  toCodePoint: ((offset: number) => number) | null,
): JsonObject {
  const range = doc ? currentRange(doc, a) : null;
  const usable = doc && range && checkRange(doc.text, range.start, range.end) === null ? range : null;
  // Quote and context come from the current text when the passage is placed (it may have moved),
  // and from what was stored when it needs review.
  const quote: TextQuote =
    doc && usable ? describe(doc.text, usable.start, usable.end, doc.contentHash).quote : a.target.quote;
  const selector: JsonObject[] = [
    { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
  ];
  if (usable && toCodePoint) {
    selector.push({ type: 'TextPositionSelector', start: toCodePoint(usable.start), end: toCodePoint(usable.end) });
  }
  return { type: 'SpecificResource', source: sourceOf(a.docId, doc), selector };
}

function sourceOf(docId: string, doc: GlossDocument | undefined): Json {
  const id = `${DOC_URN}${docId}`;
  // A passage whose document left the corpus keeps what is certain: the document's identity.
  if (!doc) return id;
  const source: JsonObject = { id, type: 'Text', format: 'text/plain', 'dcterms:title': doc.title };
  source['dcterms:identifier'] = doc.source;
  if (doc.url) source['dcterms:source'] = { id: doc.url };
  return source;
}

/** §3.3.1 wants xsd:dateTime in UTC with "Z"; a stamp that does not parse is left out rather than guessed. */
function utc(stamp: string): string | null {
  const time = Date.parse(stamp);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * UTF-16 offset → code point offset for one text. Each surrogate pair wholly before the offset
 * is one code point in two units; lone surrogates count as one code point each, as in JavaScript's
 * own string iteration. The pair starts are found once per document and searched by bisection.
 */
export function codePointCounter(text: string): (offset: number) => number {
  const pairs: number[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) pairs.push(i++);
  }
  return (offset) => {
    let lo = 0;
    let hi = pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[mid]! + 2 <= offset) lo = mid + 1;
      else hi = mid;
    }
    return offset - lo;
  };
}

/** Code point offset → UTF-16 offset (clamped to the text), the inverse used when importing. */
export function codePointsToUtf16(text: string, codePoints: number): number {
  let units = 0;
  for (let seen = 0; seen < codePoints && units < text.length; seen++) {
    units += isHigh(text.charCodeAt(units)) && isLow(text.charCodeAt(units + 1)) ? 2 : 1;
  }
  return units;
}
