// Run-length interval algebra for agreement: sorted, disjoint, half-open character ranges and sweeps over them.
//
// Agreement is computed on characters, but never character by character: a coder's coding of one tag in one
// document is a handful of runs, so every count below costs O(runs), not O(document length).

import type { Span } from '../../shared/agreement';

export type { Span };
/** Clips to [0, length], drops empty ranges, sorts and merges overlapping or touching ones. */
export function normalise(spans: Iterable<Span>, length: number): Span[] {
  const clipped: Span[] = [];
  for (const s of spans) {
    const start = Math.max(0, Math.min(length, s.start));
    const end = Math.max(0, Math.min(length, s.end));
    if (end > start) clipped.push({ start, end });
  }
  clipped.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of clipped) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** Characters covered by normalised spans. */
export function totalLength(spans: readonly Span[]): number {
  let n = 0;
  for (const s of spans) n += s.end - s.start;
  return n;
}

/** Characters covered by both of two normalised span lists (a two-pointer walk). */
export function intersectionLength(a: readonly Span[], b: readonly Span[]): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const lo = Math.max(x.start, y.start);
    const hi = Math.min(x.end, y.end);
    if (hi > lo) n += hi - lo;
    if (x.end < y.end) i++;
    else j++;
  }
  return n;
}

/** The ranges covered by exactly one of two normalised span lists, each labelled with which one. */
export function symmetricDifference(a: readonly Span[], b: readonly Span[]): (Span & { side: 'a' | 'b' })[] {
  const out: (Span & { side: 'a' | 'b' })[] = [];
  for (const run of coverageRuns([a, b])) {
    if (run.count === 1) out.push({ start: run.start, end: run.end, side: run.members[0] === 0 ? 'a' : 'b' });
  }
  return out;
}

/** A maximal run over which the same layers cover every character. */
export interface CoverageRun extends Span {
  /** How many layers cover the run (≥ 1; uncovered characters are not listed). */
  count: number;
  /** Indices of the layers that cover it, ascending. */
  members: number[];
}

/**
 * Sweeps several normalised span lists at once and returns the runs covered by at least one, with how many
 * (and which) layers cover each. O(total runs · log) — the sort of the boundaries.
 */
export function coverageRuns(layers: readonly (readonly Span[])[]): CoverageRun[] {
  const events: { at: number; layer: number; delta: 1 | -1 }[] = [];
  layers.forEach((spans, layer) => {
    for (const s of spans) {
      events.push({ at: s.start, layer, delta: 1 });
      events.push({ at: s.end, layer, delta: -1 });
    }
  });
  events.sort((x, y) => x.at - y.at);
  const active = new Array<boolean>(layers.length).fill(false);
  let count = 0;
  const out: CoverageRun[] = [];
  let k = 0;
  while (k < events.length) {
    const at = events[k]!.at;
    while (k < events.length && events[k]!.at === at) {
      const e = events[k++]!;
      active[e.layer] = e.delta === 1;
      count += e.delta;
    }
    if (count > 0 && k < events.length) {
      const members: number[] = [];
      active.forEach((on, i) => {
        if (on) members.push(i);
      });
      out.push({ start: at, end: events[k]!.at, count, members });
    }
  }
  return out;
}
