// Alignment helpers for text-diff: segments, paragraph anchors, edit sliding, stray matches and unsure edges.

/** A stretch of old text and what became of it: kept as is (equal) or replaced by new text. */
export interface Segment {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
  equal: boolean;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
export const splitsPair = (t: string, i: number) => i > 0 && i < t.length && isHigh(t.charCodeAt(i - 1)) && isLow(t.charCodeAt(i));

/** Pairs [i, j] of paragraphs occurring once in a[a0..a1) and once in b[b0..b1), longest in-order run. */
export function uniqueInOrder(a: string[], b: string[], a0: number, a1: number, b0: number, b1: number): [number, number][] {
  const seen = new Map<string, { ca: number; cb: number; i: number; j: number }>();
  for (let i = a0; i < a1; i++) {
    const e = seen.get(a[i]!) ?? { ca: 0, cb: 0, i, j: -1 };
    e.ca++;
    seen.set(a[i]!, e);
  }
  for (let j = b0; j < b1; j++) {
    const e = seen.get(b[j]!);
    if (e) [e.cb, e.j] = [e.cb + 1, j];
  }
  const pairs = [...seen.values()].filter((e) => e.ca === 1 && e.cb === 1).map((e) => [e.i, e.j] as [number, number]);
  pairs.sort((x, y) => x[0] - y[0]);
  // Longest increasing subsequence of j (patience sorting), O(n log n).
  const tails: number[] = [];
  const back: number[] = [];
  pairs.forEach(([, j], k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < j) lo = mid + 1;
      else hi = mid;
    }
    back[k] = lo > 0 ? tails[lo - 1]! : -1;
    tails[lo] = k;
  });
  const run: [number, number][] = [];
  for (let k = tails.length > 0 ? tails[tails.length - 1]! : -1; k >= 0; k = back[k]!) run.push(pairs[k]!);
  return withoutMoved(run.reverse(), a0, a1, b0, b1);
}

/**
 * A paragraph that moved can still be in the run when those it jumped over were all edited (so
 * none of them anchors). Around it the unmatched paragraphs then lean opposite ways: more old than
 * new on one side, more new than old on the other, as the edited ones fall on either side of it.
 * Such an anchor is dropped; the moved paragraph is then a deletion and an insertion like any.
 */
function withoutMoved(run: [number, number][], a0: number, a1: number, b0: number, b1: number): [number, number][] {
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = 0; k < run.length; k++) {
      const [pa, pb] = k > 0 ? [run[k - 1]![0] + 1, run[k - 1]![1] + 1] : [a0, b0];
      const [na, nb] = k + 1 < run.length ? run[k + 1]! : [a1, b1];
      const [ai, bj] = run[k]!;
      const before = ai - pa - (bj - pb);
      const after = na - ai - 1 - (nb - bj - 1);
      if (before * after < 0 && Math.min(Math.abs(before), Math.abs(after)) >= 2) {
        run.splice(k, 1);
        changed = true;
        break;
      }
    }
  }
  return run;
}

/**
 * Boundary quality, as in diff-match-patch's semantic cleanup: an insertion or deletion that can
 * slide through identical text is placed where its edges fall on the strongest boundaries (blank
 * line > line break > sentence end > space > punctuation), so " New sentence." inserted after
 * "policy." is not recorded as "y. New polic" and a passage ending in "policy." keeps its end.
 */
function boundary(t: string, i: number): number {
  if (i <= 0 || i >= t.length) return 6;
  if (splitsPair(t, i)) return -100;
  const a = t[i - 1]!;
  const b = t[i]!;
  const alnumA = /[\p{L}\p{N}]/u.test(a);
  const alnumB = /[\p{L}\p{N}]/u.test(b);
  const wsA = /\s/.test(a);
  const wsB = /\s/.test(b);
  if (/\n\r?\n$/.test(t.slice(Math.max(0, i - 3), i)) || /^\r?\n\r?\n/.test(t.slice(i, i + 3))) return 5;
  if (a === '\n' || b === '\n') return 4;
  if (!alnumA && !wsA && wsB) return 3;
  if (wsA || wsB) return 2;
  return !alnumA || !alnumB ? 1 : 0;
}

export function slide(segs: Segment[], oldText: string, newText: string): void {
  for (let i = 1; i < segs.length - 1; i++) {
    const [a, c, b] = [segs[i - 1]!, segs[i]!, segs[i + 1]!];
    if (c.equal || !a.equal || !b.equal) continue;
    const inserted = c.oldStart === c.oldEnd;
    if (!inserted && c.newStart !== c.newEnd) continue;
    // The edit lives in one text; the other side is a single point.
    const t = inserted ? newText : oldText;
    const [s, e] = inserted ? [c.newStart, c.newEnd] : [c.oldStart, c.oldEnd];
    const [room1, room2] = inserted ? [a.newEnd - a.newStart, b.newEnd - b.newStart] : [a.oldEnd - a.oldStart, b.oldEnd - b.oldStart];
    let best = 0;
    let bestScore = boundary(t, s) + boundary(t, e);
    for (let k = 1; k <= room1 && t[s - k] === t[e - k]; k++) {
      const score = boundary(t, s - k) + boundary(t, e - k);
      if (score > bestScore) [best, bestScore] = [-k, score];
    }
    for (let k = 1; k <= room2 && t[s + k - 1] === t[e + k - 1]; k++) {
      const score = boundary(t, s + k) + boundary(t, e + k);
      if (score > bestScore) [best, bestScore] = [k, score];
    }
    if (best === 0) continue;
    a.oldEnd += best;
    a.newEnd += best;
    c.oldStart += best;
    c.oldEnd += best;
    c.newStart += best;
    c.newEnd += best;
    b.oldStart += best;
    b.newStart += best;
  }
}

/**
 * Below this share of aligned characters, a paragraph's few aligned stretches are coincidence:
 * unrelated prose shares spaces, "the" and "of". A moved or newly inserted paragraph lands near
 * 0–0.2; a paragraph reworded word by word keeps 0.3–0.8 of its text.
 */
export const MIN_ALIGNED_SHARE = 0.25;

/** Paragraph spans of a text (blank-line separated), for the shares below. */
function paragraphs(t: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /\n{2,}/g;
  let from = 0;
  for (let m = re.exec(t); m !== null; m = re.exec(t)) {
    out.push([from, m.index]);
    from = m.index + m[0].length;
  }
  out.push([from, t.length]);
  return out;
}

/** Turns equal stretches that lie inside a barely aligned paragraph (old or new side) into changes. */
export function dropStray(segs: Segment[], oldText: string, newText: string): void {
  const sides = [
    { paras: paragraphs(oldText), at: (s: Segment) => [s.oldStart, s.oldEnd] as const },
    { paras: paragraphs(newText), at: (s: Segment) => [s.newStart, s.newEnd] as const },
  ].map(({ paras, at }) => {
    const aligned = new Array<number>(paras.length).fill(0);
    const which = (x: number) => {
      let lo = 0;
      let hi = paras.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (paras[mid]![0] <= x) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    for (const s of segs) {
      if (!s.equal) continue;
      const [a, b] = at(s);
      for (let k = which(a); k < paras.length && paras[k]![0] < b; k++) {
        aligned[k]! += Math.max(0, Math.min(b, paras[k]![1]) - Math.max(a, paras[k]![0]));
      }
    }
    // A stretch inside one paragraph is stray if that paragraph is barely aligned.
    return (s: Segment) => {
      const [a, b] = at(s);
      const k = which(a);
      const [ps, pe] = paras[k]!;
      return b <= pe && pe > ps && aligned[k]! < MIN_ALIGNED_SHARE * (pe - ps);
    };
  });
  for (const s of segs) if (s.equal && sides.some((stray) => stray(s))) s.equal = false;
}
/**
 * An edge kept as is but held by fewer than 1/SHATTER_RATIO as many characters as the change
 * next to it inside the passage rests on coincidence: unrelated sentences share a "the" and a full
 * stop. A word kept beside a swapped word ("the [budget]" after "approved" → "endorsed") is not.
 */
export const SHATTER_RATIO = 4;

/** Words and signs, not spaces: what "one word for one word" counts. */
const WORDS_AND_SIGNS = /[\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}\s]/gu;
const tokenCount = (t: string) => t.match(WORDS_AND_SIGNS)?.length ?? 0;
const wordCount = (t: string) => t.match(/[\p{L}\p{M}\p{N}]+/gu)?.length ?? 0;
/** An equal stretch with a word or a sentence end in it separates changes; one of spaces and commas does not. */
const CLUSTER_END = /[\p{L}\p{M}\p{N}.!?]/u;

/** See TextDiff.uncertain; `k` is the index of the segment holding the edge character. */
export function edgeUncertain(segs: Segment[], k: number, oldText: string, newText: string, o: number, edge: 'start' | 'end', other: number): boolean {
  const s = segs[k]!;
  if (s.equal) {
    const kept = edge === 'start' ? Math.min(s.oldEnd, other) - o : o - Math.max(s.oldStart, other);
    const inner = segs[k + (edge === 'start' ? 1 : -1)];
    const inside = inner && !inner.equal && (edge === 'start' ? inner.oldEnd <= other : inner.oldStart >= other);
    return !!inside && kept * SHATTER_RATIO < Math.max(inner.oldEnd - inner.oldStart, inner.newEnd - inner.newStart);
  }
  const own = s.newEnd > s.newStart && (tokenCount(oldText.slice(s.oldStart, s.oldEnd)) > 1 || tokenCount(newText.slice(s.newStart, s.newEnd)) > 1);
  if (own) return true;
  // Changes separated only by spaces and signs (not a sentence end, which words do not cross)
  // are read together: in "from the" → "plainly", "the" may be the word deleted or the word
  // replaced; in "the Ukraine war" → "the conflict often", "conflict" may stand for either.
  // Only one word for one word (or a plain deletion) leaves no choice.
  let [i, j] = [k, k];
  const joins = (c: Segment) => !c.equal || !CLUSTER_END.test(oldText.slice(c.oldStart, c.oldEnd));
  while (i > 0 && joins(segs[i - 1]!)) i--;
  while (j < segs.length - 1 && joins(segs[j + 1]!)) j++;
  let [before, after] = [0, 0];
  for (const c of segs.slice(i, j + 1)) {
    if (c.equal) continue;
    before += wordCount(oldText.slice(c.oldStart, c.oldEnd));
    after += wordCount(newText.slice(c.newStart, c.newEnd));
  }
  return after > 0 && (before > 1 || after > 1);
}