// Splits raw text into trimmed lines, grouped by blank lines, with list markers set apart from the words.
import { endsClause } from './normalise-text';

export interface Line {
  /** The line's words, trimmed, without its list marker. */
  body: string;
  /** List marker as printed ("•", "1."), when the line opens a list item. */
  marker?: string;
  /** Trimmed length including the marker: what wrap detection measures. */
  width: number;
}

/** A run of non-blank lines between blank lines. */
export interface Group {
  lines: Line[];
}

/** Bullet glyphs that never start prose, so they are markers wherever they appear. */
const BULLET = /^([•◦▪‣])\s+(?=\S)/u;
/**
 * Dashes, asterisks and numbers can also begin an ordinary wrapped line ("2021. The…",
 * "– and so on"), so they only count as markers where an item may start.
 */
const AMBIGUOUS_MARKER = /^([-*–]|\d{1,3}[.)])\s+(?=\S)/u;

export function toGroups(text: string): Group[] {
  const groups: Group[] = [];
  let current: string[] = [];
  for (const raw of [...text.split('\n'), '']) {
    const trimmed = raw.trim();
    if (trimmed !== '') current.push(trimmed);
    else if (current.length > 0) {
      groups.push({ lines: parseLines(current) });
      current = [];
    }
  }
  return groups;
}

function parseLines(trimmed: string[]): Line[] {
  const lines: Line[] = [];
  for (const t of trimmed) {
    const prev = lines[lines.length - 1];
    const mayOpenItem = prev === undefined || prev.marker !== undefined || endsClause(prev.body);
    const m = BULLET.exec(t) ?? (mayOpenItem ? AMBIGUOUS_MARKER.exec(t) : null);
    lines.push(
      m?.[1] === undefined
        ? { body: t, width: t.length }
        : { body: t.slice(m[0].length), marker: m[1], width: t.length },
    );
  }
  return lines;
}
