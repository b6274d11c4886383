// Aligns an old and a new version of a document text, so offsets can be carried across the edit.
import { diffArrays, diffChars } from 'diff';
import { dropStray, edgeUncertain, slide, uniqueInOrder, type Segment } from './text-diff-align';

export type { Segment } from './text-diff-align';

export interface TextDiff {
  /** New offset for a passage start at old offset `o`: a replaced stretch it starts in is included. */
  mapStart(o: number): number;
  /** New offset for a passage end at old offset `o`: a replaced stretch it ends in is included. */
  mapEnd(o: number): number;
  /**
   * Whether the passage character at an edge (the one at `o` for a start, before `o` for an end)
   * was replaced within a stretch of more than one word, space or sign on either side. The new
   * edge is then a guess: in "so far, primarily due to" → "so given to", "given" may stand for
   * "far" or for "primarily". One word for one word ("war" → "conflict") is no guess. Nor is
   * an edge kept as is, unless what holds it is a few common letters next to a larger change
   * inside the passage (unrelated sentences share a "the" and a full stop). `other` is the
   * passage's other edge.
   */
  uncertain(o: number, edge: 'start' | 'end', other: number): boolean;
  /** The stretch holding the passage character at an edge (at `o` for a start, before `o` for an end). */
  segmentAt(o: number, edge: 'start' | 'end'): Readonly<Segment> | undefined;
  /** New-text stretches not aligned with any old text (inserted or replaced), in order. */
  readonly fresh: readonly { start: number; end: number }[];
  /** Code units of new [start, end) inside fresh stretches. */
  freshIn(start: number, end: number): number;
  /** Code units of new [start, end) kept as they were at old offsets within [oldStart, oldEnd). */
  keptFrom(start: number, end: number, oldStart: number, oldEnd: number): number;
}

// Three levels, each cheap and exact where it runs: paragraphs first, so a moved paragraph is one
// deletion plus one insertion rather than a smear of common letters matched across unrelated
// prose; then word tokens inside the changed paragraphs; then characters inside a changed word
// that still looks like its old self (a typo fix), so the mapping is exact to the code unit.
// A paragraph's unit carries the blank line after it: separators compared on their own would
// match one another anywhere and tie unrelated paragraphs together.
const PARAGRAPHS = /(?<=\n\n)(?=[^\n])/;
// A word (letters, marks, digits) or one other code point, each with the whitespace after it;
// never half a surrogate pair. Spaces are not tokens of their own: as such they would match one
// another between any two sentences, and a word-by-word "alignment" of unrelated prose (every
// space kept, every word replaced) can then cost less than the insertion it really was.
const TOKENS = /^\s+|[\p{L}\p{M}\p{N}]+\s*|[^\p{L}\p{M}\p{N}\s]\s*/gu;
/** A replaced stretch is refined by characters only up to this size, and only if this similar. */
const REFINE_MAX = 64;
const REFINE_MIN_SHARED = 0.5;
/** Token diffs past this many edits give up (deterministically): the region stays one replacement. */
const MAX_TOKEN_EDITS = 20_000;
/**
 * Stretches of this many tokens or more are first checked for kinship: an edited text keeps most
 * of its tokens (a heavy paraphrase about 0.7), two articles on one subject share about 0.25–0.45.
 */
const LARGE_REGION = 1000;
const MIN_SHARED_TOKENS = 0.5;

/** Tokens the two lists have in common, counted with multiplicity (an upper bound on their LCS). */
function sharedTokens(a: readonly string[], b: readonly string[]): number {
  const left = new Map<string, number>();
  for (const t of a) left.set(t, (left.get(t) ?? 0) + 1);
  let shared = 0;
  for (const t of b) {
    const k = left.get(t) ?? 0;
    if (k === 0) continue;
    left.set(t, k - 1);
    shared++;
  }
  return shared;
}

export function diffTexts(oldText: string, newText: string): TextDiff {
  // The common head and tail are equal as they stand, cut back to where a paragraph starts: a
  // cut inside one would split a word ("cooperat|ion." and "sess|ion." share "ion.") or leave a
  // paragraph in the middle that no longer looks like its counterpart, so it cannot anchor.
  const paragraphStart = (t: string, i: number) => i === 0 || (t[i - 1] === '\n' && t[i - 2] === '\n' && t[i] !== '\n');
  let p = 0;
  const max = Math.min(oldText.length, newText.length);
  while (p < max && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
  if (p < oldText.length || p < newText.length) while (p > 0 && !paragraphStart(oldText, p)) p--;
  let q = 0;
  while (q < max - p && oldText.charCodeAt(oldText.length - 1 - q) === newText.charCodeAt(newText.length - 1 - q)) q++;
  if (q < oldText.length - p || q < newText.length - p) while (q > 0 && !paragraphStart(oldText, oldText.length - q)) q--;

  const out: Segment[] = [];
  push(out, 0, p, 0, p, true);
  const oldMid = oldText.slice(p, oldText.length - q);
  const newMid = newText.slice(p, newText.length - q);
  byParagraphs(out, oldMid, newMid, p, p);
  push(out, oldText.length - q, oldText.length, newText.length - q, newText.length, true);
  slide(out, oldText, newText);
  dropStray(out, oldText, newText);
  return offsetMap(merged(out), oldText, newText);
}

/** The segments without empty ones, neighbours of the same kind merged. */
function merged(segs: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) push(out, s.oldStart, s.oldEnd, s.newStart, s.newEnd, s.equal);
  return out;
}

/** Appends a segment, merging it into the last one when both are of the same kind. */
function push(out: Segment[], oldStart: number, oldEnd: number, newStart: number, newEnd: number, equal: boolean) {
  if (oldEnd === oldStart && newEnd === newStart) return;
  const last = out[out.length - 1];
  if (last && last.equal === equal && last.oldEnd === oldStart && last.newEnd === newStart) {
    last.oldEnd = oldEnd;
    last.newEnd = newEnd;
  } else out.push({ oldStart, oldEnd, newStart, newEnd, equal });
}

const units = (t: string) => (t === '' ? [] : t.split(PARAGRAPHS));
const joinedLength = (parts: readonly string[]) => parts.reduce((n, s) => n + s.length, 0);

/**
 * Paragraphs are matched patience-style: only paragraphs that occur once in both versions anchor
 * (the longest run of them in order), and matches then extend to identical neighbours. A repeated
 * paragraph (a title printed twice) is thus matched by where it sits, not by whichever copy a
 * longest-common-subsequence happens to pick; a moved paragraph, out of order, stays unmatched.
 */
function byParagraphs(out: Segment[], oldMid: string, newMid: string, o: number, n: number): void {
  const a = units(oldMid);
  const b = units(newMid);
  const oldAt = offsets(a, o);
  const newAt = offsets(b, n);
  const walk = (a0: number, a1: number, b0: number, b1: number, depth: number): void => {
    const anchors = depth < 4 ? uniqueInOrder(a, b, a0, a1, b0, b1) : [];
    let i = a0;
    let j = b0;
    for (const [ai, bj] of [...anchors, [a1, b1] as const]) {
      while (i < ai && j < bj && a[i] === b[j]) equal(i++, j++);
      let ei = ai;
      let ej = bj;
      while (ei > i && ej > j && a[ei - 1] === b[ej - 1]) [ei, ej] = [ei - 1, ej - 1];
      if (i < ei || j < ej) {
        if (anchors.length > 0) walk(i, ei, j, ej, depth + 1);
        else if (ei - i === ej - j) {
          // As many paragraphs on each side: edited one for one. Diffed pairwise, no word is
          // matched across a blank line ("…for Iran’s Interests" / "Iran’s official…").
          for (let k = 0; k < ei - i; k++) byTokens(out, a[i + k]!, b[j + k]!, oldAt[i + k]!, newAt[j + k]!);
        } else byTokens(out, a.slice(i, ei).join(''), b.slice(j, ej).join(''), oldAt[i]!, newAt[j]!);
      }
      for (; ei < ai; ei++, ej++) equal(ei, ej);
      if (ai < a1) equal(ai, bj);
      [i, j] = [ai + 1, bj + 1];
    }
  };
  const equal = (i: number, j: number) => push(out, oldAt[i]!, oldAt[i + 1]!, newAt[j]!, newAt[j + 1]!, true);
  walk(0, a.length, 0, b.length, 0);
}

function offsets(parts: readonly string[], from: number): number[] {
  const at = [from];
  for (const p of parts) at.push(at[at.length - 1]! + p.length);
  return at;
}

function byTokens(out: Segment[], oldPart: string, newPart: string, o: number, n: number): void {
  if (oldPart === '' || newPart === '') return push(out, o, o + oldPart.length, n, n + newPart.length, false);
  const a = oldPart.match(TOKENS) ?? [];
  const b = newPart.match(TOKENS) ?? [];
  // Myers costs O(length · edits): a large stretch that shares too few tokens to be an edited
  // version (a document replaced by another article) is one replacement, found in linear time.
  const unrelated = a.length + b.length >= LARGE_REGION && sharedTokens(a, b) < MIN_SHARED_TOKENS * Math.max(a.length, b.length);
  const changes = unrelated ? undefined : diffArrays(a, b, { maxEditLength: MAX_TOKEN_EDITS });
  if (changes === undefined) return push(out, o, o + oldPart.length, n, n + newPart.length, false);
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    if (!c.added && !c.removed) {
      const len = joinedLength(c.value);
      push(out, o, o + len, n, n + len, true);
      o += len;
      n += len;
      continue;
    }
    // jsdiff reports a replacement as a removal then an addition (or the reverse); take them together.
    const next = changes[i + 1];
    const pair = next !== undefined && (next.added || next.removed) && next.added !== c.added;
    const removed = (c.removed ? c : pair ? next : undefined)?.value.join('') ?? '';
    const added = (c.added ? c : pair ? next : undefined)?.value.join('') ?? '';
    if (pair) i++;
    byCharacters(out, removed, added, o, n);
    o += removed.length;
    n += added.length;
  }
}

function byCharacters(out: Segment[], removed: string, added: string, o: number, n: number): void {
  const small = removed !== '' && added !== '' && Math.max(removed.length, added.length) <= REFINE_MAX;
  const changes = small ? diffChars(removed, added) : [];
  const shared = changes.reduce((k, c) => k + (c.added || c.removed ? 0 : c.value.length), 0);
  if (!small || shared < REFINE_MIN_SHARED * Math.max(removed.length, added.length)) {
    return push(out, o, o + removed.length, n, n + added.length, false);
  }
  for (const c of changes) {
    const len = c.value.length;
    if (c.removed) push(out, o, (o += len), n, n, false);
    else if (c.added) push(out, o, o, n, (n += len), false);
    else push(out, o, (o += len), n, (n += len), true);
  }
}

function offsetMap(segs: Segment[], oldText: string, newText: string): TextDiff {
  const [oldLength, newLength] = [oldText.length, newText.length];
  // Pure insertions hold no old offsets: a start at their point maps through the next segment
  // (after the insertion), an end through the previous one (before it), so text added right at
  // a passage's edge stays outside it.
  const spans = segs.filter((s) => s.oldEnd > s.oldStart);
  const index = new Map(segs.map((s, i) => [s, i]));
  const fresh = segs.filter((s) => !s.equal && s.newEnd > s.newStart).map((s) => ({ start: s.newStart, end: s.newEnd }));
  /** First span whose old end is past `o` (or at least `o` when `inclusive`). */
  const find = (o: number, inclusive: boolean) => {
    let lo = 0;
    let hi = spans.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (inclusive ? spans[mid]!.oldEnd >= o : spans[mid]!.oldEnd > o) hi = mid;
      else lo = mid + 1;
    }
    return spans[lo];
  };
  return {
    fresh,
    mapStart(o) {
      const s = o >= oldLength ? undefined : find(o, false);
      if (!s) return newLength;
      return s.equal ? s.newStart + (o - s.oldStart) : s.newStart;
    },
    mapEnd(o) {
      const s = o <= 0 ? undefined : find(o, true);
      if (!s) return 0;
      return s.equal ? s.newStart + (o - s.oldStart) : s.newEnd;
    },
    segmentAt: (o, edge) => (edge === 'start' ? (o >= oldLength ? undefined : find(o, false)) : o <= 0 ? undefined : find(o, true)),
    uncertain(o, edge, other) {
      const s = this.segmentAt(o, edge);
      return s !== undefined && edgeUncertain(segs, index.get(s)!, oldText, newText, o, edge, other);
    },
    keptFrom(start, end, oldStart, oldEnd) {
      let n = 0;
      for (const s of segs) {
        if (s.newStart >= end) break;
        if (!s.equal || s.newEnd <= start) continue;
        // New [a, b) within this equal stretch, and the old offsets it came from.
        const [a, b] = [Math.max(start, s.newStart), Math.min(end, s.newEnd)];
        const [oa, ob] = [s.oldStart + (a - s.newStart), s.oldStart + (b - s.newStart)];
        n += Math.max(0, Math.min(ob, oldEnd) - Math.max(oa, oldStart));
      }
      return n;
    },
    freshIn(start, end) {
      let n = 0;
      for (const f of fresh) {
        if (f.start >= end) break;
        n += Math.max(0, Math.min(end, f.end) - Math.max(start, f.start));
      }
      return n;
    },
  };
}
