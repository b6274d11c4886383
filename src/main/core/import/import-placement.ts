// Where an imported passage belongs: which corpus document, and where in its text (or why neither can be told).
import type { GlossDocument, TextPosition } from '../../../shared/types';
import { MAX_PASSAGE_LENGTH } from '../../../shared/limits';
import { place, type PlaceOutcome } from '../../anchoring';
import type { IncomingPassage } from '../../interop/types';
import { codePointsToUtf16, DOC_URN } from '../../interop/webanno-export';

/** Context beyond this adds little evidence and only slows the fuzzy comparison. */
const CONTEXT_MAX = 64;

export type Placement = { doc: GlossDocument; range: TextPosition } | { reason: string; doc?: GlossDocument };

/** Pure: reads the corpus, writes nothing, so an import can place every passage before it writes any. */
export function locate(corpus: readonly GlossDocument[], p: IncomingPassage): Placement {
  const exact = p.quote.exact;
  if (exact.trim() === '') return { reason: 'it quotes no text (a page note, a reply, or a target that is not text)' };
  if (exact.length > MAX_PASSAGE_LENGTH) {
    return { reason: `its quote is longer than the ${MAX_PASSAGE_LENGTH}-character limit for a passage` };
  }
  const doc = findDocument(corpus, p);
  if ('reason' in doc) return doc;
  const range = placeIn(doc, p);
  return 'reason' in range ? { reason: range.reason, doc } : { doc, range };
}

/**
 * Hints in order of certainty: our document id, the file name, our document URN, the page's URL,
 * its title; last, the one document whose text contains the quote. A hint naming no document
 * (another corpus, a page never downloaded) falls through to the next.
 */
function findDocument(all: readonly GlossDocument[], p: IncomingPassage): GlossDocument | { reason: string } {
  const { docId, fileName, uri, title } = p.source;
  const only = (docs: readonly GlossDocument[]) => (docs.length === 1 ? docs[0] : undefined);
  const byId = (id: string) => all.find((d) => d.id === id);
  const doc =
    (docId ? byId(docId) : undefined) ??
    (fileName ? only(all.filter((d) => fileKey(d.source) === fileKey(fileName))) : undefined) ??
    (uri?.startsWith(DOC_URN) ? byId(uri.slice(DOC_URN.length)) : undefined) ??
    (uri ? only(all.filter((d) => d.url !== null && urlKey(d.url) === urlKey(uri))) : undefined) ??
    (title ? only(all.filter((d) => sameTitle(d.title, title))) : undefined);
  if (doc) return doc;
  // One document holding the quote identifies it; where in that document is place()'s call.
  const containing = all.filter((d) => d.text.includes(p.quote.exact));
  if (containing.length === 1) return containing[0]!;
  const lead = docId || fileName || uri || title ? 'no document in this corpus matches its source' : 'it names no document';
  return {
    reason:
      containing.length === 0
        ? `${lead}, and its quote was not found in any document`
        : `${lead}, and its quote occurs in ${containing.length} documents`,
  };
}

/**
 * place() decides, with the checks a stored passage gets (its edges fall between words where the
 * source's did). The position is the source's selector: where it holds the quote it picks among
 * occurrences the context cannot tell apart (for REFI-QDA, only in the very text it counts in);
 * elsewhere it is a hint for the search only.
 */
function placeIn(doc: GlossDocument, p: IncomingPassage): TextPosition | { reason: string } {
  const exact = p.quote.exact;
  const quote = {
    exact,
    prefix: (p.quote.prefix ?? '').slice(-CONTEXT_MAX),
    suffix: (p.quote.suffix ?? '').slice(0, CONTEXT_MAX),
  };
  // contentHash "" never equals a document's hash: the source's text is not known to be this one.
  const target = { position: hintIn(doc.text, exact, p.position), quote, contentHash: '' };
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
