// Where an imported passage belongs: which corpus document, and where in its text (or why neither can be told).
import type { GlossDocument, TextPosition } from '../../../shared/types';
import { MAX_PASSAGE_LENGTH } from '../../../shared/limits';
import { place, type PlaceOutcome } from '../../anchoring';
import type { IncomingPassage } from '../../interop/types';
import { codePointsToUtf16, DOC_URN } from '../../interop/webanno-export';

/** Context beyond this adds little evidence and only slows the fuzzy comparison. */
const CONTEXT_MAX = 64;

export type Placement = { doc: GlossDocument; range: TextPosition } | { reason: string; doc?: GlossDocument };

/**
 * Every passage's placement, in order. Passages that share a source address (`sourceKey`) are one
 * document's: that document is found once, from all their hints and quotes together, so a short
 * quote ("sanctions") found in several documents still lands where its neighbours are.
 */
export function locateAll(corpus: readonly GlossDocument[], passages: readonly IncomingPassage[]): Placement[] {
  const groups = new Map<string, IncomingPassage[]>();
  for (const p of passages) {
    if (p.sourceKey === undefined || !quotes(p)) continue;
    groups.set(p.sourceKey, [...(groups.get(p.sourceKey) ?? []), p]);
  }
  const docs = new Map<string, GlossDocument | { reason: string }>();
  for (const [key, group] of groups) docs.set(key, findDocument(corpus, group));
  return passages.map((p) => locate(corpus, p, p.sourceKey === undefined ? undefined : docs.get(p.sourceKey)));
}

const quotes = (p: IncomingPassage) => p.quote.exact.trim() !== '';

/** Pure: reads the corpus, writes nothing, so an import can place every passage before it writes any. */
export function locate(
  corpus: readonly GlossDocument[],
  p: IncomingPassage,
  resolved?: GlossDocument | { reason: string },
): Placement {
  const exact = p.quote.exact;
  if (exact.trim() === '') {
    return { reason: p.unquotable ?? 'it quotes no text (a page note, a reply, or a target that is not text)' };
  }
  if (exact.length > MAX_PASSAGE_LENGTH) {
    return { reason: `its quote is longer than the ${MAX_PASSAGE_LENGTH}-character limit for a passage` };
  }
  const doc = resolved ?? findDocument(corpus, [p]);
  if ('reason' in doc) return doc;
  const range = placeIn(doc, p);
  return 'reason' in range ? { reason: range.reason, doc } : { doc, range };
}

/**
 * Hints in order of certainty: our document id, the file name, our document URN, the page's URL,
 * its title; last, the one document whose text holds the quotes (of every passage sharing the
 * source, whitespace-insensitively). A hint naming no document (another corpus, a page never
 * downloaded) falls through to the next.
 */
function findDocument(all: readonly GlossDocument[], group: readonly IncomingPassage[]): GlossDocument | { reason: string } {
  const only = (docs: readonly GlossDocument[]) => (docs.length === 1 ? docs[0] : undefined);
  const byId = (id: string) => all.find((d) => d.id === id);
  for (const p of group) {
    const { docId, fileName, uri, title } = p.source;
    const doc =
      (docId ? byId(docId) : undefined) ??
      (fileName ? only(all.filter((d) => fileKey(d.source) === fileKey(fileName))) : undefined) ??
      (uri?.startsWith(DOC_URN) ? byId(uri.slice(DOC_URN.length)) : undefined) ??
      (uri ? only(all.filter((d) => d.url !== null && urlKey(d.url) === urlKey(uri))) : undefined) ??
      (title ? only(all.filter((d) => sameTitle(d.title, title))) : undefined);
    if (doc) return doc;
  }
  // The document holding the most of the group's quotes, when exactly one does.
  const exacts = [...new Set(group.map((p) => p.quote.exact))];
  const scored = all
    .map((d) => ({ d, n: exacts.filter((e) => d.text.includes(e) || findLoose(d.text, e).length > 0).length }))
    .filter((x) => x.n > 0);
  const most = Math.max(0, ...scored.map((x) => x.n));
  const best = scored.filter((x) => x.n === most);
  if (best.length === 1) return best[0]!.d;
  const { docId, fileName, uri, title } = group[0]!.source;
  const lead = docId || fileName || uri || title ? 'no document in this corpus matches its source' : 'it names no document';
  const others = group.length > 1 ? ` (nor do the ${group.length - 1} other passages from the same source narrow it down)` : '';
  return {
    reason:
      best.length === 0
        ? `${lead}, and its quote was not found in any document`
        : `${lead}, and its quote occurs in ${best.length} documents${others}`,
  };
}

/** The one document a source's hints name (our id, file name, our URN, URL, title); for memos, which quote nothing. */
export function documentNamedBy(all: readonly GlossDocument[], source: IncomingPassage['source']): GlossDocument | { reason: string } {
  const found = findDocument(all, [{ source, quote: { exact: '' }, tagNames: [], note: '' }]);
  if (!('reason' in found)) return found;
  const { docId, fileName, uri, title } = source;
  return { reason: docId || fileName || uri || title ? 'no document in this corpus matches its source' : 'it names no document' };
}

/** Whitespace-insensitive occurrences: a run of spaces or line breaks in the quote matches any run in the text. */
function findLoose(text: string, exact: string): { start: number; end: number }[] {
  const words = exact.trim().split(/\s+/);
  if (words.length < 2) return [];
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g');
  const found: { start: number; end: number }[] = [];
  for (const m of text.matchAll(pattern)) {
    found.push({ start: m.index, end: m.index + m[0].length });
    if (found.length >= 100) break;
  }
  return found;
}

/**
 * place() decides, with the checks a stored passage gets (its edges fall between words where the
 * source's did). The position is the source's selector: where it holds the quote it picks among
 * occurrences the context cannot tell apart (for REFI-QDA, only in the very text it counts in);
 * elsewhere it is a hint for the search only.
 */
function placeIn(doc: GlossDocument, p: IncomingPassage): TextPosition | { reason: string } {
  // Hypothesis and Recogito write one "\n" where a quote crosses a paragraph break; the reading text
  // has a blank line there. Such a quote is placed by the text it loosely matches.
  const loose = doc.text.includes(p.quote.exact) ? [] : findLoose(doc.text, p.quote.exact);
  const exact = loose.length > 0 ? doc.text.slice(loose[0]!.start, loose[0]!.end) : p.quote.exact;
  const quote = {
    exact,
    prefix: (p.quote.prefix ?? '').slice(-CONTEXT_MAX),
    suffix: (p.quote.suffix ?? '').slice(0, CONTEXT_MAX),
  };
  // contentHash "" never equals a document's hash: the source's text is not known to be this one.
  const target = { position: hintIn(doc.text, exact, loose.length === 1 ? loose[0] : p.position), quote, contentHash: '' };
  const positionSelects = p.positionIn === undefined || p.positionIn === doc.contentHash;
  const outcome = place(target, doc.text, null, { contentHash: doc.contentHash, positionSelects });
  return outcome.range ?? { reason: reasonFor(outcome, doc, exact) };
}

/** The outcome's doubt in an analyst's words, naming the document and how often the quote occurs. */
function reasonFor(outcome: PlaceOutcome, doc: GlossDocument, exact: string): string {
  const title = `“${doc.title}”`;
  const count = occurrences(doc.text, exact);
  switch (outcome.doubt) {
    case 'several':
      return `quote occurs in several places (${count}) in ${title} and neither its context nor its position says which`;
    case 'word':
      return `quote found in ${title} only inside longer words, where the passage began or ended between words`;
    case 'context':
      return count > 1
        ? `quote occurs in several places (${count}) in ${title}, but the text around none of them matches the passage's`
        : `quote found in ${title}, but the text around it differs too much to be sure it is the same passage`;
    case 'rewritten':
      return `quote not found in ${title}; the nearest text differs too much`;
    default:
      return `quote not found in ${title}`;
  }
}

/**
 * The hint in UTF-16 units. W3C sources count code points, other tools UTF-16 units; the two agree
 * unless emoji or other astral characters come first, and then only one reading lands on the quote.
 */
export function hintIn(text: string, exact: string, position: TextPosition | undefined): TextPosition {
  if (!position) return { start: 0, end: 0 };
  if (text.slice(position.start, position.end) === exact) return position;
  const converted = { start: codePointsToUtf16(text, position.start), end: codePointsToUtf16(text, position.end) };
  return text.slice(converted.start, converted.end) === exact ? converted : position;
}

function occurrences(text: string, exact: string): number {
  let count = 0;
  for (let at = text.indexOf(exact); at !== -1 && count < 100; at = text.indexOf(exact, at + 1)) count++;
  return count;
}

const fileKey = (name: string) => (name.split(/[\\/]/).pop() ?? name).normalize('NFC').toLowerCase();
const urlKey = (url: string) =>
  url.trim().replace(/#.*$/, '').replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/+$/, '').toLowerCase();
const titleKey = (t: string) =>
  t.normalize('NFKC').toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();

/** Equal, or the page title is the document title plus a site name ("Title | Site", "Title – Site"). */
function sameTitle(docTitle: string, incoming: string): boolean {
  const d = titleKey(docTitle);
  const t = titleKey(incoming);
  return d !== '' && (t === d || (t.startsWith(d) && /^ ?[|–—:·-] /.test(t.slice(d.length))));
}
