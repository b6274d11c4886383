// Edit operations with origin tracking for the re-anchoring suite: every character knows where it came from.
//
// A Draft is a text plus, per code unit, the offset it had in the seed text (-1 when inserted).
// Edits are planned against seed offsets and applied right to left, so each one's offsets are
// still seed offsets when it runs. The ground truth of a passage is then read off the origins:
// which characters of the new text came from the passage, and how much of it is left.
import { mulberry32 } from './prng';

export interface Draft {
  text: string;
  origin: number[];
}

/** One planned change at seed offset `at`: `remove` units go, `insert` comes in their place. */
export interface Op {
  at: number;
  remove: number;
  insert: string;
  /** Seed offsets of the inserted units (moved text keeps its own); default: -1 (new text). */
  origins?: number[];
  /** Keep the replaced units' origins for the new ones (typo fixes, word swaps). */
  substitute?: boolean;
}

export function seedDraft(text: string): Draft {
  return { text, origin: Array.from({ length: text.length }, (_, i) => i) };
}

export function apply(seed: Draft, ops: readonly Op[]): Draft {
  // Right to left; at one offset, removals before insertions so an insertion is not removed.
  const sorted = [...ops].sort((a, b) => b.at - a.at || b.remove - a.remove);
  let { text } = seed;
  const origin = [...seed.origin];
  for (const op of sorted) {
    let inserted: number[];
    if (op.origins) inserted = op.origins;
    else if (op.substitute && op.remove > 0) {
      // The k-th new unit stands for the k-th old one (the last old one for any extra): a swapped
      // word belongs to a passage exactly when the word it replaced did.
      inserted = [...op.insert].flatMap((ch, k) => Array(ch.length).fill(op.at + Math.min(k, op.remove - 1)));
    } else inserted = Array(op.insert.length).fill(-1);
    if (inserted.length !== op.insert.length) throw new Error(`op at ${op.at}: origins do not fit the text`);
    text = text.slice(0, op.at) + op.insert + text.slice(op.at + op.remove);
    origin.splice(op.at, op.remove, ...inserted);
  }
  return { text, origin };
}

/** Ops never touch the same seed text twice: later plans skip what an earlier one claimed. */
export class Claims {
  private readonly spans: [number, number][] = [];
  free(start: number, end: number): boolean {
    return this.spans.every(([s, e]) => end <= s || start >= e);
  }
  claim(start: number, end: number): boolean {
    if (!this.free(start, end)) return false;
    this.spans.push([start, end]);
    return true;
  }
}

/** Deterministic PRNG (mulberry32), so the suite is the same bytes on every run. */
export const prng = mulberry32;
export const pick = <T>(rng: () => number, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
export const between = (rng: () => number, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

export interface Span {
  start: number;
  end: number;
}

/** Sentences of [start, end): up to a terminator followed by closing quotes and a space or the end. */
export function sentences(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  const re = /\S[^]*?(?:[.!?][”’")\]]*(?=\s|$)|$)/gu;
  const part = text.slice(start, end);
  for (let m = re.exec(part); m !== null && m[0] !== ''; m = re.exec(part)) {
    out.push({ start: start + m.index, end: start + m.index + m[0].trimEnd().length });
  }
  return out;
}

/** Words of [start, end) as spans (letters and digits, with inner apostrophes and hyphens). */
export function words(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  const re = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
  const part = text.slice(start, end);
  for (let m = re.exec(part); m !== null; m = re.exec(part)) out.push({ start: start + m.index, end: start + m.index + m[0].length });
  return out;
}

const WORD = /[\p{L}\p{M}\p{N}]/u;
const wordAt = (t: string, i: number) => i >= 0 && i < t.length && WORD.test(String.fromCodePoint(t.codePointAt(i)!));
const wordBefore = (t: string, i: number) => {
  if (i <= 0) return false;
  const pair = i >= 2 && /[\udc00-\udfff]/.test(t[i - 1]!) && /[\ud800-\udbff]/.test(t[i - 2]!);
  return wordAt(t, i - (pair ? 2 : 1));
};
export const insideWord = (t: string, i: number) => wordBefore(t, i) && wordAt(t, i);

/** Plain edit distance in code units (the truth is computed without the engine's code). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), prev[j]! + 1, cur[j - 1]! + 1);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** A passage survives an edit if at least this share of its code units is unchanged. */
export const SURVIVAL_SIMILARITY = 0.75;

export type Truth =
  | { status: 'same' | 'edited'; start: number; end: number; similarity: number }
  | { status: 'gone'; similarity: number };

/**
 * Where the characters of seed [s, e) ended up. In new-text order they form runs; text from
 * elsewhere between two runs joins them (something was inserted or moved into the passage, and it
 * costs similarity) unless there is more of it than the whole passage, or the runs are out of
 * their order: then a part was moved away from the rest. The largest group is the passage; new text that took the place of its deleted
 * first or last characters belongs to it. Its range then follows two
 * conventions a reader would: an edge that was on a word boundary is on one again (a fixed first
 * letter belongs to the word) and whitespace the quote did not have at an edge is left out.
 * Similarity is measured against the whole quote.
 */
export function truthOf(seed: string, draft: Draft, s: number, e: number, minPos: number[], maxPos: number[]): Truth {
  const quote = seed.slice(s, e);
  const at: number[] = [];
  for (let o = s; o < e; o++) if (minPos[o]! >= 0) at.push(minPos[o]!, maxPos[o]!);
  if (at.length === 0) return copyInPlace(seed, draft, s, e, minPos, maxPos) ?? { status: 'gone', similarity: 0 };
  const sorted = [...new Set(at)].sort((a, b) => a - b);
  const foreign = (a: number, b: number) => draft.origin.slice(a, b).filter((o) => o >= 0 && (o < s || o >= e)).length;
  const groups: { lo: number; hi: number; n: number; first: number; last: number }[] = [];
  for (const p of sorted) {
    const g = groups[groups.length - 1];
    const o = draft.origin[p]!;
    if (g && foreign(g.hi, p) === 0) [g.hi, g.n, g.first, g.last] = [p + 1, g.n + 1, Math.min(g.first, o), Math.max(g.last, o)];
    else groups.push({ lo: p, hi: p + 1, n: 1, first: o, last: o });
  }
  // Join neighbouring runs across small foreign gaps, left to right, if still in their order.
  const joined: typeof groups = [];
  for (const g of groups) {
    const last = joined[joined.length - 1];
    if (last && last.last < g.first && foreign(last.hi, g.lo) <= e - s) [last.hi, last.n, last.last] = [g.hi, last.n + g.n, g.last];
    else joined.push({ ...g });
  }
  let { lo, hi } = joined.reduce((a, b) => (b.n > a.n ? b : a));
  // Text identical to the passage's deleted first (last) characters, standing right where they
  // were, is read as them: "the Trump Era, the U.S." → "the U.S." leaves the passage intact
  // whichever "the" the edit removed, and the texts alone cannot tell which.
  const o = draft.origin;
  const head = seed.slice(s, o[lo]!);
  if (head !== '' && draft.text.slice(lo - head.length, lo) === head) lo -= head.length;
  const tail = seed.slice(o[hi - 1]! + 1, e);
  if (tail !== '' && draft.text.slice(hi, hi + tail.length) === tail) hi += tail.length;
  // New text standing where the passage's deleted first (last) characters were, with nothing
  // kept between, replaced them: "Given their" → "notably their" is one word for another.
  if (o[lo]! > s) {
    let k = lo;
    while (k > 0 && o[k - 1] === -1) k--;
    if (k < lo && (k === 0 || o[k - 1]! < s)) lo = k;
  }
  if (o[hi - 1]! < e - 1) {
    let k = hi;
    while (k < o.length && o[k] === -1) k++;
    if (k > hi && (k === o.length || o[k]! >= e)) hi = k;
  }
  const t = draft.text;
  if (!insideWord(seed, s)) while (insideWord(t, lo)) lo--;
  if (!insideWord(seed, e)) while (insideWord(t, hi)) hi++;
  if (!/^\s/u.test(quote)) while (lo < hi && /\s/u.test(t[lo]!)) lo++;
  if (!/\s$/u.test(quote)) while (hi > lo && /\s/u.test(t[hi - 1]!)) hi--;
  const found = t.slice(lo, hi);
  if (found === quote) return { status: 'same', start: lo, end: hi, similarity: 1 };
  // Far longer than the quote (a long insertion inside it): no need to measure.
  const similarity = Math.abs(found.length - quote.length) > quote.length ? 0 : 1 - editDistance(found, quote) / quote.length;
  const rounded = Math.round(Math.max(0, similarity) * 1000) / 1000;
  return similarity >= SURVIVAL_SIMILARITY ? { status: 'edited', start: lo, end: hi, similarity: rounded } : { status: 'gone', similarity: rounded };
}

/**
 * A passage deleted whole while an identical copy of all that was deleted around it stays right
 * at the point of deletion (one of two identical paragraphs removed) cannot be told from the
 * passage kept and the copy removed: read so, it is the same passage there.
 */
function copyInPlace(seed: string, draft: Draft, s: number, e: number, minPos: number[], maxPos: number[]): Truth | null {
  let [d0, d1] = [s, e];
  while (d0 > 0 && minPos[d0 - 1]! < 0) d0--;
  while (d1 < seed.length && minPos[d1]! < 0) d1++;
  const gone = seed.slice(d0, d1);
  const at = d0 > 0 ? maxPos[d0 - 1]! + 1 : 0;
  for (const from of [at, at - gone.length]) {
    if (from >= 0 && draft.text.slice(from, from + gone.length) === gone) {
      return { status: 'same', start: from + s - d0, end: from + e - d0, similarity: 1 };
    }
  }
  return null;
}

/** Per seed offset, the first and last new offset holding a unit from it (-1: none). */
export function positions(seedLength: number, draft: Draft): { minPos: number[]; maxPos: number[] } {
  const minPos = Array<number>(seedLength).fill(-1);
  const maxPos = Array<number>(seedLength).fill(-1);
  draft.origin.forEach((o, i) => {
    if (o < 0) return;
    if (minPos[o]! < 0) minPos[o] = i;
    maxPos[o] = i;
  });
  return { minPos, maxPos };
}

/** Origins for a text that differs from the seed only in whitespace (a re-normalised re-wrap). */
export function alignWhitespace(seed: string, text: string): Draft {
  const origin = Array<number>(text.length).fill(-1);
  let i = 0;
  for (let j = 0; j < text.length; j++) {
    if (/\s/u.test(text[j]!)) continue;
    const from = i;
    while (i < seed.length && /\s/u.test(seed[i]!)) i++;
    if (seed[i] !== text[j]) throw new Error(`re-wrapped text differs from the seed beyond whitespace at ${j}`);
    // The whitespace run before this character takes the old run's origins, as far as they go.
    let k = j;
    while (k > 0 && /\s/u.test(text[k - 1]!)) k--;
    for (let w = k, o = from; w < j && o < i; w++, o++) origin[w] = o;
    origin[j] = i++;
  }
  return { text, origin };
}
