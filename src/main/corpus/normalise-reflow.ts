// Reflow: decides which source lines belong to one block (hard wraps, page breaks) and joins them.
import type { Group, Line } from './normalise-lines';
import {
  collapse,
  endsClause,
  endsSentence,
  endsWithWordHyphen,
  joinLines,
  startsLowercase,
  startsMidSentence,
} from './normalise-text';

/** A block before classification: its collapsed text and where it came from. */
export interface Draft {
  text: string;
  marker?: string;
  /** How many source lines were joined into it; headings are single lines. */
  lines: number;
  /** Index of the blank-line group its first line sits in. */
  group: number;
}

interface Measure {
  wrapped: boolean;
  /** Typical length of a full wrapped line (median of non-final lines). */
  width: number;
}

/** Wrapped prose keeps most lines within this fraction of the typical width. */
const SIMILAR = 0.25;
/** A wrapped line shorter than this fraction of the width ended its paragraph. */
const FULL_LINE = 0.75;
/** Hard wraps fall in this range; longer "lines" are whole paragraphs (web copy). */
const WRAP_WIDTHS = { min: 30, max: 140 };

/**
 * Hard-wrapped text has lines of similar length that mostly stop mid-sentence; only lines
 * followed by another line of the same group count, since last lines are naturally short.
 */
function measure(groups: readonly Group[]): Measure {
  const inner = groups.flatMap((g) => g.lines.filter((_, i) => isInner(g.lines, i)));
  const widths = inner.map((l) => l.width).sort((a, b) => a - b);
  const width = widths[Math.floor(widths.length / 2)] ?? 0;
  if (inner.length < 3 || width < WRAP_WIDTHS.min || width > WRAP_WIDTHS.max) return { wrapped: false, width };
  const similar = widths.filter((w) => Math.abs(w - width) <= SIMILAR * width).length / widths.length;
  const open = inner.filter((l) => !endsSentence(l.body)).length / inner.length;
  return { wrapped: similar >= 0.6 && open >= 0.5, width };
}

/** A line followed, in its group, by a line that is not a new list item. */
function isInner(lines: readonly Line[], i: number): boolean {
  const next = lines[i + 1];
  return next !== undefined && next.marker === undefined;
}

/** Inside a group: does `next` carry on the block that `prev` belongs to? */
function continues(prev: Line, next: Line, m: Measure): boolean {
  if (!m.wrapped) {
    // One paragraph per line, unless the line visibly runs on.
    return /[,;]$/u.test(prev.body) || endsWithWordHyphen(prev.body) || startsMidSentence(next.body);
  }
  const short = prev.width < FULL_LINE * m.width;
  return !(short && (endsSentence(prev.body) || !startsMidSentence(next.body)));
}

/**
 * Across blank lines (a page break in PDF text): only a full line that stops mid-sentence,
 * followed by lowercase. "Full" is judged against both neighbouring groups, so a narrow
 * pull-quote column can run on within itself but not into the wider body text after it.
 */
function continuesAcrossGap(prev: Line, before: Group, after: Group): boolean {
  const next = after.lines[0];
  if (next === undefined) return false;
  if (endsClause(prev.body) || !startsLowercase(next.body)) return false;
  const widths = [...before.lines, ...after.lines.slice(0, -1)].map((l) => l.width);
  return prev.width >= FULL_LINE * Math.max(...widths);
}

/** Source lines that make one block. */
interface Run {
  lines: Line[];
  group: number;
}

export function reflow(groups: readonly Group[]): Draft[] {
  const doc = measure(groups);
  const runs: Run[] = [];
  groups.forEach((group, gi) => {
    const m = doc.wrapped ? doc : measure([group]);
    const before = groups[gi - 1];
    group.lines.forEach((line, li) => {
      const run = runs[runs.length - 1];
      const prev = run?.lines[run.lines.length - 1];
      const joins =
        prev !== undefined &&
        line.marker === undefined &&
        (li > 0 ? continues(prev, line, m) : before !== undefined && continuesAcrossGap(prev, before, group));
      if (run !== undefined && joins) run.lines.push(line);
      else runs.push({ lines: [line], group: gi });
    });
  });
  return runs.map(toDraft);
}

function toDraft({ lines, group }: Run): Draft {
  const text = lines.map((l) => l.body).reduce(joinLines);
  const draft: Draft = { text: collapse(text), lines: lines.length, group };
  const marker = lines[0]?.marker;
  if (marker !== undefined) draft.marker = marker;
  return draft;
}
