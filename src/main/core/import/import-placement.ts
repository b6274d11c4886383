// Where an imported passage belongs: which corpus document, and where in its text (or why neither can be told).
import type { GlossDocument, TextPosition } from '../../../shared/types';
import { MAX_PASSAGE_LENGTH } from '../../../shared/limits';
import { anchor } from '../../../shared/anchoring';
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
  // One document holding the quote identifies it; where in that document is anchor()'s call.
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

/** anchor() decides, exactly as for a stored passage whose text changed; the position is a hint only. */
function placeIn(doc: GlossDocument, p: IncomingPassage): TextPosition | { reason: string } {
  const exact = p.quote.exact;
  const quote = {
    exact,
    prefix: (p.quote.prefix ?? '').slice(-CONTEXT_MAX),
    suffix: (p.quote.suffix ?? '').slice(0, CONTEXT_MAX),
  };
  // contentHash "" never equals a document's hash, so the hash shortcut cannot vouch for the hint.
  const outcome = anchor(doc.text, doc.contentHash, { position: hintIn(doc.text, exact, p.position), quote, contentHash: '' });
  if (outcome.range !== null) return outcome.range;
  const title = `“${doc.title}”`;
  const count = occurrences(doc.text, exact);
  if (count > 1) return { reason: `quote occurs in several places (${count}) in ${title} and its context does not say which` };
  if (count === 1) {
    return { reason: `quote found in ${title}, but the text around it differs too much to be sure it is the same passage` };
  }
  if (outcome.candidates > 0) return { reason: `quote not found in ${title}; the nearest text differs too much` };
  return { reason: `quote not found in ${title}` };
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
