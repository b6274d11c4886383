// PDF lines to blocks: drops running headers, footers and page numbers, then reflows hard-wrapped lines.
import { collapse, endsClause, startsMidSentence } from '../normalise-text';
import type { Draft } from './assemble';

/** One printed line: its text and where it sits, in PDF points (y grows upwards). */
export interface PdfLine {
  text: string;
  x: number;
  right: number;
  /** Baseline. */
  y: number;
  /** Font size of the line's longest run of text. */
  size: number;
}

export interface PdfPage {
  /** In the order the PDF draws them, which is the reading order its producer chose. */
  lines: PdfLine[];
}

/** Lines at the top and bottom of a page where running heads, footers and folios sit. */
const EDGE_LINES = 3;
/** A running head repeats at the same height give or take this much (points). */
const SAME_HEIGHT = 4;
const PAGE_NUMBER = /^(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|\/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$/iu;
/** "•", "▪", "1.", "2)" opening a line, followed by a space. */
const LIST_MARKER = /^([•▪◦●‣∙■]|\d{1,2}[.)])\s+(?=\S)/u;
/** Larger than body text by this factor reads as a heading. */
const HEADING_RATIO = 1.15;
const HEADING_MAX_LENGTH = 100;
/** A gap between baselines this much wider than the usual one separates paragraphs. */
const PARAGRAPH_GAP = 1.5;

/** Where the line sits among its page's lines, kept so a block can say which page it starts on. */
interface Placed extends PdfLine {
  page: number;
}

export function layout(pages: readonly PdfPage[]): Draft[] {
  const body = withoutFurniture(pages);
  const m = measure(body.flat());
  const vocab = vocabularyOf(body.flat());
  const runs: Placed[][] = [];
  for (const line of body.flat()) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    if (run !== undefined && prev !== undefined && continues(run, prev, line, m)) run.push(line);
    else runs.push([line]);
  }
  return runs.map((run, i) => toDraft(run, runs[i + 1], m, vocab));
}

/** Lines repeated at the same height on many pages, and bare page numbers, at a page's top or bottom. */
function withoutFurniture(pages: readonly PdfPage[]): Placed[][] {
  const placed = pages.map((p, i) => p.lines.filter((l) => /[\p{L}\p{N}]/u.test(l.text)).map((l) => ({ ...l, page: i + 1 })));
  const edges = placed.map((lines) => {
    const byHeight = [...lines].sort((a, b) => b.y - a.y);
    return new Set([...byHeight.slice(0, EDGE_LINES), ...byHeight.slice(-EDGE_LINES)]);
  });
  // Headers alternate between odd and even pages in many reports, so "many" is 40%, not most.
  const minPages = Math.max(2, Math.ceil(pages.length * 0.4));
  const seen = new Map<string, Placed[]>();
  for (const edge of edges) {
    for (const l of edge) {
      const key = l.text.toLowerCase().replace(/\d+/g, '#');
      const same = seen.get(key) ?? [];
      same.push(l);
      seen.set(key, same);
    }
  }
  const furniture = new Set<Placed>();
  for (const lines of seen.values()) {
    const ys = lines.map((l) => l.y).sort((a, b) => a - b);
    const mid = ys[Math.floor(ys.length / 2)] ?? 0;
    const aligned = lines.filter((l) => Math.abs(l.y - mid) <= SAME_HEIGHT);
    if (new Set(aligned.map((l) => l.page)).size >= minPages) aligned.forEach((l) => furniture.add(l));
  }
  return placed.map((lines, i) => lines.filter((l) => !furniture.has(l) && !(edges[i]?.has(l) && PAGE_NUMBER.test(l.text))));
}

interface Measures {
  bodySize: number;
  /** Usual distance between the baselines of two lines of body text. */
  leading: number;
  left: number;
  right: number;
}

function measure(lines: readonly Placed[]): Measures {
  const chars = new Map<number, number>();
  for (const l of lines) chars.set(round(l.size), (chars.get(round(l.size)) ?? 0) + l.text.length);
  const bodySize = [...chars.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 10;
  const body = lines.filter((l) => round(l.size) === bodySize);
  const gaps: number[] = [];
  body.forEach((l, i) => {
    const next = body[i + 1];
    const gap = next !== undefined && next.page === l.page ? l.y - next.y : 0;
    if (gap > 0.5 * bodySize && gap < 2.5 * bodySize) gaps.push(gap);
  });
  return {
    bodySize,
    leading: percentile(gaps, 0.5) ?? bodySize * 1.2,
    left: percentile(body.map((l) => l.x), 0.1) ?? 0,
    right: percentile(body.map((l) => l.right), 0.9) ?? 0,
  };
}

const isHeading = (l: PdfLine, m: Measures): boolean => l.size >= m.bodySize * HEADING_RATIO;
const isShort = (l: PdfLine, m: Measures): boolean => m.right - l.right > 0.15 * (m.right - m.left);

/** Whether `line` carries on the block whose last line is `prev`. */
function continues(run: readonly Placed[], prev: Placed, line: Placed, m: Measures): boolean {
  if (LIST_MARKER.test(line.text) || isHeading(prev, m) !== isHeading(line, m)) return false;
  if (Math.abs(prev.size - line.size) > 0.1 * m.bodySize) return false;
  if (line.page !== prev.page) {
    // Over a page break only prose that stops mid-sentence and resumes in lowercase.
    return !isHeading(line, m) && !endsClause(prev.text) && startsMidSentence(line.text);
  }
  const gap = prev.y - line.y;
  const leading = m.leading * (line.size / m.bodySize);
  if (gap < 0.5 * leading || gap > PARAGRAPH_GAP * leading) return false;
  const left = Math.min(...run.map((l) => l.x));
  const indented = line.x - left > 0.5 * line.size;
  return !(endsClause(prev.text) && (isShort(prev, m) || indented));
}

function toDraft(run: readonly Placed[], next: readonly Placed[] | undefined, m: Measures, vocab: Vocabulary): Draft {
  const first = run[0] as Placed;
  const joined = collapse(run.map((l) => l.text).reduce((a, b) => joinWrapped(a, b, vocab)));
  const marker = LIST_MARKER.exec(joined);
  if (marker?.[1] !== undefined) return { kind: 'list-item', text: joined.slice(marker[0].length), marker: marker[1], page: first.page };
  const heading = isHeading(first, m) || (run.length === 1 && looksLikeHeading(joined) && next !== undefined && !isHeading(next[0] as Placed, m));
  return { kind: heading ? 'heading' : 'paragraph', text: joined, page: first.page };
}

/** As normalise() judges a one-line block in body type: short, capitalised, no closing punctuation. */
function looksLikeHeading(text: string): boolean {
  return text.length <= HEADING_MAX_LENGTH && /^[\p{Lu}\p{N}"“‘'(]/u.test(text) && !endsClause(text) && !/[,;]$/u.test(text);
}

export interface Vocabulary {
  /** Words the document prints whole, lowercased. */
  words: Set<string>;
  /** Hyphenated compounds it prints within a line ("long-term"), lowercased. */
  compounds: Set<string>;
}

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
/** The word part before a hyphen that ends a line ("deter-", "COVID-"); "– " (a dash) is not one. */
const BROKEN_WORD = /(?:^|[^\p{L}\p{N}-])([\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*)-$/u;

/** Words as printed, leaving out the halves of words broken at a line end. */
function vocabularyOf(lines: readonly Placed[]): Vocabulary {
  const vocab: Vocabulary = { words: new Set(), compounds: new Set() };
  lines.forEach((l, i) => {
    const tokens = l.text.match(WORD) ?? [];
    const from = i > 0 && BROKEN_WORD.test(lines[i - 1]?.text ?? '') ? 1 : 0;
    const to = BROKEN_WORD.test(l.text) ? tokens.length - 1 : tokens.length;
    for (const t of tokens.slice(from, to)) (t.includes('-') ? vocab.compounds : vocab.words).add(t.toLowerCase());
  });
  return vocab;
}

/**
 * Joins two wrapped lines. A hyphen at the line end is the typesetter's ("deter-/mined" →
 * "determined") unless the document says otherwise: the next part is not lowercase ("post-/Soviet",
 * "COVID-/19"), the document prints the compound elsewhere ("long-term"), or a capitalised name is
 * joined to a word it prints on its own ("Russia-/led"). A soft hyphen (U+00AD) always closes up.
 */
export function joinWrapped(a: string, b: string, vocab: Vocabulary): string {
  if (a.endsWith('\u00ad')) return a.slice(0, -1) + b;
  const head = BROKEN_WORD.exec(a)?.[1];
  const tail = /^[\p{L}\p{N}]+/u.exec(b)?.[0];
  if (head === undefined || tail === undefined) return `${a} ${b}`;
  const keep = (): boolean => {
    // "state-of-the-/art" continues a compound; "post-/Soviet", "COVID-/19" are not one word.
    if (head.includes('-') || !/^\p{Ll}/u.test(tail)) return true;
    const joinedSeen = vocab.words.has(`${head}${tail}`.toLowerCase());
    if (vocab.compounds.has(`${head}-${tail}`.toLowerCase())) return !joinedSeen;
    if (joinedSeen) return false;
    return /^\p{Lu}/u.test(head) && head.length > 1 && vocab.words.has(tail.toLowerCase());
  };
  return keep() ? a + b : a.slice(0, -1) + b;
}

const round = (size: number): number => Math.round(size * 2) / 2;

function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
