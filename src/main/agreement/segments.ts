// Segment-level agreement, as MAXQDA's "segment overlap" criterion: a coder's segment agrees when the other
// coder has a segment with the same tag that overlaps it by at least the threshold.

import type { CodedSpan } from './coding';

/** Overlap of two segments: shared characters over the characters either covers (intersection over union). */
export function overlapRatio(a: CodedSpan, b: CodedSpan): number {
  const inter = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (inter <= 0) return 0;
  return inter / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
}

export interface SegmentTally {
  /** Segments (of either coder of each pair) that found a partner. */
  agreed: number;
  /** Segments considered: each coder's segments once per pair they are compared in. */
  total: number;
}

export const EMPTY_SEGMENTS: SegmentTally = Object.freeze({ agreed: 0, total: 0 });

export function addSegments(x: SegmentTally, y: SegmentTally): SegmentTally {
  return { agreed: x.agreed + y.agreed, total: x.total + y.total };
}

export function segmentPercent(t: SegmentTally): number | null {
  return t.total === 0 ? null : t.agreed / t.total;
}

/** How many of `a`'s segments (sorted by start) have a partner in `b` (sorted by start) at the threshold (0–1]. */
function matched(a: readonly CodedSpan[], b: readonly CodedSpan[], threshold: number): number {
  // prefixEnd[i] = the furthest end among b[0..i]: the first b that can reach past a.start is found by bisection.
  const prefixEnd: number[] = [];
  let furthest = -Infinity;
  for (const s of b) prefixEnd.push((furthest = Math.max(furthest, s.end)));
  let count = 0;
  for (const s of a) {
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (prefixEnd[mid]! > s.start) hi = mid;
      else lo = mid + 1;
    }
    for (let j = lo; j < b.length && b[j]!.start < s.end; j++) {
      if (overlapRatio(s, b[j]!) >= threshold) {
        count++;
        break;
      }
    }
  }
  return count;
}

/** Both directions of one coder pair: each side's segments, and how many found a partner on the other. */
export function segmentTally(a: readonly CodedSpan[], b: readonly CodedSpan[], threshold: number): SegmentTally {
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError('The overlap threshold is a share in (0, 1].');
  return { agreed: matched(a, b, threshold) + matched(b, a, threshold), total: a.length + b.length };
}
