// Metadata for documents the manifest does not describe, read off the normalised text; never guessed.
import type { Block, DocumentMeta } from '../../shared/types';

const TITLE_MAX_LENGTH = 90;
/** Section labels that open reports but do not name them. */
const GENERIC_HEADINGS = /^(executive summary|summary|abstract|introduction|(table of )?contents|key points|overview)$/i;

/** A personal name: two to five capitalised words ("Faezeh Foroutan", "Mohammad-Bagher Ghalibaf"). */
const NAME = String.raw`\p{Lu}[\p{L}’'-]*\.?(?:\s+\p{Lu}[\p{L}’'-]*\.?){1,4}`;
/** An organisation: capitalised words, possibly linked by "of", "on", "for", "and", "the", "&". */
const ORG = String.raw`\p{Lu}[\p{L}\p{N}’'&.-]*(?:\s+(?:(?:of|on|for|and|the|&)\s+)*\p{Lu}[\p{L}\p{N}’'&.-]*)*`;
const HONORIFIC = String.raw`(?:(?:Dr|Prof|Mr|Ms|Mrs)\.\s+)?`;

const BYLINE = new RegExp(String.raw`^By\s+(${NAME})$`, 'u');
/** "Dr. Samuel Ramani is an Associate Fellow at …": the bio that closes many think-tank pieces. */
const BIO = new RegExp(String.raw`(?:^|[.!?]\s+)${HONORIFIC}(${NAME})\s+is\s+(?:an?|the)\s+([^.]{0,80})`, 'gu');
const ROLES = ['fellow', 'analyst', 'researcher', 'professor', 'lecturer', 'journalist', 'director', 'scholar'];
const MORE_ROLES = ['expert', 'editor', 'consultant', 'specialist', 'correspondent', 'advis[eo]r', 'economist', 'associate'];
const BIO_ROLE = new RegExp(String.raw`\b(${[...ROLES, ...MORE_ROLES].join('|')})\b`, 'i');
const PUBLISHER_PATTERNS: readonly RegExp[] = [
  // "…do not necessarily reflect the views of Gulf International Forum."
  new RegExp(String.raw`not necessarily (?:reflect|represent) (?:the )?(?:views|positions|opinions) of (?:the )?(${ORG})`, 'u'),
  // "The European Council on Foreign Relations does not take collective positions."
  new RegExp(String.raw`(?:^|[.!?]\s+)(?:The\s+)?(${ORG}) does not take (?:any )?(?:collective|institutional) positions?`, 'u'),
];
/** A byline sits at the top, a bio or disclaimer at the end; between is the article's own prose. */
const HEAD_BLOCKS = 6;
const TAIL_BLOCKS = 6;

export function deriveMeta(blocks: readonly Block[], text: string, source: string): DocumentMeta {
  const texts = blocks.map((b) => text.slice(b.start, b.end));
  const tail = texts.slice(-TAIL_BLOCKS);
  return {
    title: titleOf(blocks, text) ?? source.replace(/\.[^.]*$/, ''),
    author: firstMatch(texts.slice(0, HEAD_BLOCKS), bylineOf) ?? firstMatch(tail, bioAuthorOf),
    publisher: firstMatch(tail, publisherOf),
    date: null,
    url: null,
    source,
  };
}

/** The heading at the top, unless it is a generic label; else the opening sentence of the body. */
function titleOf(blocks: readonly Block[], text: string): string | null {
  const slice = (b: Block): string => text.slice(b.start, b.end);
  const top = blocks.find((b) => b.kind !== 'chrome');
  if (top?.kind === 'heading' && !GENERIC_HEADINGS.test(slice(top))) return shorten(slice(top));
  const body = blocks.find((b) => b.kind === 'paragraph' || b.kind === 'list-item');
  if (body === undefined) return null;
  const sentence = /^.+?[.!?…](?=\s|$)/u.exec(slice(body))?.[0] ?? slice(body);
  return shorten(sentence);
}

/** Cuts at a word boundary so that the result, ellipsis included, fits the limit. */
export function shorten(s: string, max = TITLE_MAX_LENGTH): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const atWord = cut.lastIndexOf(' ') > 0 ? cut.slice(0, cut.lastIndexOf(' ')) : cut;
  return `${atWord.replace(/[\s,;:–—-]+$/u, '')}…`;
}

function firstMatch(texts: readonly string[], find: (t: string) => string | null): string | null {
  for (const t of texts) {
    const found = find(t);
    if (found !== null) return found;
  }
  return null;
}

const bylineOf = (t: string): string | null => BYLINE.exec(t)?.[1] ?? null;

function bioAuthorOf(t: string): string | null {
  for (const m of t.matchAll(BIO)) {
    if (m[1] !== undefined && BIO_ROLE.test(m[2] ?? '')) return m[1];
  }
  return null;
}

function publisherOf(t: string): string | null {
  for (const p of PUBLISHER_PATTERNS) {
    const name = p.exec(t)?.[1];
    if (name !== undefined) return name.replace(/\.$/u, '');
  }
  return null;
}
