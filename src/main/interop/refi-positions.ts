// How a REFI-QDA source's positions count line breaks, told from the codings themselves, and codings whose positions miss their text.
//
// QDA-XML does not say whether "\r\n" is one position or two. Most tools count the characters of
// the file (two); ATLAS.ti and MAXQDA count one, and QualCoder's "MAXQDA line endings" export writes
// the text with "\r\n" while keeping positions counted over "\n" (refi.py, export_project). Read the
// wrong way, every coding after the first line break lands a few characters off, on real text, so
// nothing fails: the shift must be looked for. The evidence is the coded text where the project
// carries it (QualCoder writes it as the PlainTextSelection's `name`), else where the edges fall:
// a tool's codings begin and end between words far more often than a shifted reading does.
import type { ImportChange } from '../../shared/types';
import { readSourceText, type SourceText } from './refi-text';

export interface Selection {
  start: number;
  end: number;
  /** The selection's `name`: the coded text in QualCoder's exports, a label (or nothing) in others. */
  name: string;
}

export interface Reading {
  text: SourceText;
  /** Per selection: the name is the coded text and the positions hold other text (place it by the name instead). */
  byName: boolean[];
  changes: ImportChange[];
}

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The name says the same as the quote: equal, or (Glossator's own labels) its start followed by "…". */
function sameText(name: string, quote: string): boolean {
  const n = flat(name);
  const q = flat(quote);
  if (n === '' || q === '') return false;
  return n === q || (n.endsWith('…') && n.length > 1 && q.startsWith(n.slice(0, -1).trimEnd()));
}

/** A name long enough, and not cut, to be the coded text rather than a label. */
const looksLikeText = (name: string) => flat(name).length >= 12 && !flat(name).endsWith('…');

const WORD = /[\p{L}\p{N}]/u;
function atEdge(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return true;
  return !(WORD.test(text[offset - 1]!) && WORD.test(text[offset]!));
}

function quoteOf(text: SourceText, s: Selection): string | null {
  const start = text.offsetOf(s.start);
  const end = text.offsetOf(s.end);
  return start === null || end === null || start >= end ? null : text.text.slice(start, end);
}

interface Score {
  names: number;
  edges: number;
}

function score(text: SourceText, selections: readonly Selection[]): Score {
  let names = 0;
  let edges = 0;
  for (const s of selections) {
    const quote = quoteOf(text, s);
    if (quote === null) continue;
    if (sameText(s.name, quote)) names++;
    if (atEdge(text.text, text.offsetOf(s.start)!) && atEdge(text.text, text.offsetOf(s.end)!)) edges++;
  }
  return { names, edges };
}

const short = (s: string) => {
  const f = flat(s);
  return f.length > 60 ? `${f.slice(0, 59)}…` : f;
};

/**
 * The reading of `raw` that fits the source's selections: "\r\n" as `crlfIsOne` says (the
 * project's origin), unless the other count makes clearly more codings hold their own text (or,
 * with no coded text to compare, begin and end between words). Each change is reported.
 */
export function chooseReading(raw: string, crlfIsOne: boolean, selections: readonly Selection[], sourceName: string): Reading {
  const usual = readSourceText(raw, crlfIsOne);
  let text = usual;
  const changes: ImportChange[] = [];
  if (raw.includes('\r\n') && selections.length > 0) {
    const other = readSourceText(raw, !crlfIsOne);
    const a = score(usual, selections);
    const b = score(other, selections);
    const named = selections.filter((s) => looksLikeText(s.name)).length;
    const better = named > 0 ? b.names > a.names : b.edges > a.edges && b.edges - a.edges >= Math.max(1, selections.length / 4);
    if (better) {
      text = other;
      const evidence =
        named > 0
          ? `counted the other way, ${a.names} of ${selections.length} codings hold the text the file gives for them; counted this way, ${b.names} do`
          : `counted the other way, ${a.edges} of ${selections.length} codings begin and end between words; counted this way, ${b.edges} do`;
      changes.push({
        what: `Positions in “${sourceName}” were read counting each line break (CRLF) as ${crlfIsOne ? 'two characters' : 'one character'}`,
        why: `${evidence} (MAXQDA and ATLAS.ti count a CRLF as one, as does QualCoder's "MAXQDA line endings" export)`,
      });
    }
  }
  const byName = selections.map((s) => {
    const quote = quoteOf(text, s);
    if (!looksLikeText(s.name) || (quote !== null && sameText(s.name, quote))) return false;
    changes.push({
      what: `A coding in “${sourceName}” was placed by its coded text “${short(s.name)}”, not by its positions ${s.start}–${s.end}`,
      why: quote === null ? 'those positions lie outside the source text' : `in the file's own text those positions hold “${short(quote)}”`,
    });
    return true;
  });
  return { text, byName, changes };
}
