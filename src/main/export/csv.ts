// CSV export: one row per passage and tag, RFC 4180, for spreadsheets, pivot tables and scripts.
//
// Format: UTF-8; a header row; CRLF after every record (the last one too, as RFC 4180 allows);
// fields are quoted when they hold a comma, a semicolon, a tab, a double quote, CR or LF, and
// quotes inside are doubled. Line breaks inside a quote or note are kept, within the quoted field.
// Optional "\uFEFF" byte-order mark first (options.bom) because Excel otherwise reads UTF-8 as the
// local code page and garbles "’", "–" and non-Latin text.
//
// Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell beginning with = + - @ (or
// a tab or CR) as a formula, so a passage or note reading "=HYPERLINK(…)" could act when the file
// is opened. Text that comes from documents, notes or the codebook gets an apostrophe before such
// a character, which spreadsheets show as text. Not only at the start: where the list separator is
// ";" (most of Europe) Excel splits each line at every ";" and honours quotes only at the start of
// a cell, so inside "a;=1+1" a new cell begins at "=1+1", and a line break inside a quoted field
// begins a new row. So the guard also goes after every ";", tab, CR and LF (with any spaces or
// quote marks between), and such a file holds no formula cell read either way. Scripts reading the
// file should drop an apostrophe that follows the start of a field or one of those characters in
// those columns. Values Glossator makes itself (ids, numbers, dates, states) are never altered.
import type { GlossDocument, PlacedAnnotation, Tag } from '../../shared/types';
import { citeParts } from './citation';
import { currentQuote, currentRange, passageKey, sortPassages } from './select';
import type { ExportSet } from './types';
import { codePointCounter } from '../interop/webanno-export';

export const CSV_COLUMNS = [
  'passage_id',
  'document_id',
  'document_title',
  'author',
  'publisher',
  'date',
  'section',
  'paragraph',
  'page',
  'tag',
  'quote',
  'note',
  'state',
  'start',
  'end',
  'offset_unit',
  'created',
  'modified',
] as const;

type Column = (typeof CSV_COLUMNS)[number];

/** Columns whose text comes from outside Glossator and so gets the formula guard. */
const FOREIGN: ReadonlySet<Column> = new Set<Column>([
  'document_id',
  'document_title',
  'author',
  'publisher',
  'date',
  'section',
  'paragraph',
  'page',
  'tag',
  'quote',
  'note',
]);

const CRLF = '\r\n';

export function renderCsv(set: ExportSet): string {
  const docs = new Map<string, GlossDocument>();
  for (const doc of set.documents) if (!docs.has(doc.id)) docs.set(doc.id, doc);
  const lines = [CSV_COLUMNS.map(field).join(',')];
  for (const passage of sortPassages(set.documents, set.passages)) {
    const doc = docs.get(passage.docId);
    // A passage whose document is not in the set cannot be cited; the digest counts those apart.
    if (doc === undefined) continue;
    for (const row of rowsOf(set, doc, passage)) {
      lines.push(CSV_COLUMNS.map((col) => field(FOREIGN.has(col) ? guardFormula(row[col]) : row[col])).join(','));
    }
  }
  return (set.options.bom ? '\uFEFF' : '') + lines.map((line) => line + CRLF).join('');
}

/**
 * One row per codebook tag the passage carries (codebook order; ids not in the codebook are
 * dropped, as in the digest), or a single row with an empty tag when it carries none. All of a
 * passage's tags are listed even under a tag filter: the filter chose the passage, not its tags.
 */
function rowsOf(set: ExportSet, doc: GlossDocument, a: PlacedAnnotation): Record<Column, string>[] {
  const range = currentRange(doc, a);
  const toUnit = unitOf(set, doc);
  const cite = citeParts(doc, range);
  const base: Record<Column, string> = {
    passage_id: passageKey(a),
    document_id: doc.id,
    document_title: cite.title,
    author: cite.author ?? '',
    publisher: cite.publisher ?? '',
    date: cite.date ?? '',
    section: cite.section ?? '',
    paragraph: cite.paragraph ?? '',
    page: cite.page ?? '',
    tag: '',
    quote: currentQuote(doc, a),
    note: set.options.includeNotes ? a.note : '',
    state: range === null ? 'needs-review' : a.state,
    // Offsets in the unit the other exports use (code points unless the options ask for UTF-16
    // units), named in offset_unit on every row; empty when the passage needs review.
    start: range === null ? '' : String(toUnit(range.start)),
    end: range === null ? '' : String(toUnit(range.end)),
    offset_unit: set.options.offsets === 'utf16' ? 'utf16' : 'codepoint',
    created: a.created,
    modified: a.modified,
  };
  const tags: Tag[] = set.tags.filter((tag) => a.tagIds.includes(tag.id));
  return tags.length === 0 ? [base] : tags.map((tag) => ({ ...base, tag: tag.name }));
}

const counters = new WeakMap<GlossDocument, (offset: number) => number>();

/** UTF-16 offset → the export's unit; one code-point counter per document text, reused across its passages. */
function unitOf(set: ExportSet, doc: GlossDocument): (offset: number) => number {
  if (set.options.offsets === 'utf16') return (n) => n;
  let count = counters.get(doc);
  if (!count) counters.set(doc, (count = codePointCounter(doc.text)));
  return count;
}

/**
 * RFC 4180 quoting when needed, inner quotes doubled. ";" and tab count as needing it: spreadsheets
 * whose separator is one of them then keep the cell whole when it starts their field.
 */
export function field(value: string): string {
  return /[",;\t\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A formula character at the start of the text, or after a separator a spreadsheet might split
 * at (with spaces or quote marks between), gets an apostrophe before it; a leading tab or CR too.
 * See the header. One pass, no backtracking: each character is looked at once or twice.
 */
export function guardFormula(value: string): string {
  let out = /^[\t\r]/.test(value) ? "'" : '';
  let cellStart = true;
  for (const ch of value) {
    if (cellStart && '=+-@'.includes(ch)) out += "'";
    out += ch;
    if (ch === ';' || ch === '\t' || ch === '\r' || ch === '\n') cellStart = true;
    else if (ch !== ' ' && ch !== '"') cellStart = false;
  }
  return out;
}
