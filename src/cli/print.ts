// How the CLI prints results: aligned plain-text tables, or JSON for scripts.
import type { CorpusProblem, DocumentSummary, ImportReport, Tag } from '../shared/types';
import { countOf } from '../shared/counts';

type Out = { write(text: string): unknown };

// Terminal escape sequences (CSI, OSC and other ESC forms), then any control character left over: C0, DEL,
// C1 (U+0080–U+009F, which some terminals act on like ESC [) and the bidi embeddings, overrides and isolates
// that can make a title print as something else. Line breaks and tabs go too: each row is one line.
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-_])?/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A document-derived string made safe to print on a terminal: no escape sequences, no control characters. */
export function printable(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, ' ');
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/**
 * The corpus's documents on `out`; files that could not be read go to `err` (one "not loaded" line
 * each), so a script reading stdout gets the table alone. With `json`, one object holding both.
 */
export function printList(
  out: Out,
  err: Out,
  docs: DocumentSummary[],
  tags: Tag[],
  notLoaded: CorpusProblem[],
  json: boolean | undefined,
): void {
  if (json) {
    out.write(`${JSON.stringify({ documents: docs, notLoaded }, null, 2)}\n`);
    return;
  }
  for (const p of notLoaded) err.write(`not loaded: ${printable(p.source)}: ${printable(p.message)}\n`);
  const head = ['ID', 'WORDS', 'PASSAGES', ...tags.map((t) => printable(t.name.toUpperCase())), 'TITLE'];
  const rows = docs.map((d) => [
    printable(d.id),
    String(d.wordCount),
    String(d.passageCount),
    ...tags.map((t) => String(countOf(d.tagCounts, t.id))),
    printable(d.title) + (d.storeError ? '  [annotations unreadable]' : ''),
  ]);
  out.write(`${table([head, ...rows])}\n`);
}

export function printStats(out: Out, docs: DocumentSummary[], tags: Tag[], json: boolean | undefined): void {
  const perTag = Object.fromEntries(tags.map((t) => [t.name, docs.reduce((n, d) => n + countOf(d.tagCounts, t.id), 0)]));
  const passages = docs.reduce((n, d) => n + d.passageCount, 0);
  const review = docs.reduce((n, d) => n + d.needsReview, 0);
  const read = docs.reduce((n, d) => n + d.coverage.read, 0);
  const total = docs.reduce((n, d) => n + d.coverage.total, 0);
  const unreadable = docs.filter((d) => d.storeError).map((d) => ({ id: d.id, problem: d.storeError }));
  const stats = { documents: docs.length, passages, needsReview: review, perTag, coverage: { read, total }, unreadable };
  if (json) {
    out.write(`${JSON.stringify(stats, null, 2)}\n`);
    return;
  }
  const lines = [
    `${docs.length} documents, ${passages} passages, ${review} needing review`,
    `Reading coverage: ${read} of ${total} blocks (${total ? Math.round((100 * read) / total) : 0}%)`,
    '',
    table([['TAG', 'PASSAGES'], ...Object.entries(perTag).map(([name, n]) => [printable(name), String(n)])]),
    ...unreadable.map((u) => `\nUnreadable annotations for ${printable(u.id)}: ${printable(String(u.problem))}`),
  ];
  out.write(`${lines.join('\n')}\n`);
}

export function printImport(out: Out, report: ImportReport): void {
  out.write(`Imported ${report.imported}, merged ${report.merged}, not placed ${report.unmatched.length}.\n`);
  if (report.tagsAdded.length > 0) out.write(`New tags: ${printable(report.tagsAdded.join(', '))}\n`);
  for (const c of report.coders) out.write(`From ${printable(c.name)}: ${c.passages} ${c.passages === 1 ? 'passage' : 'passages'}\n`);
  for (const c of report.changes) out.write(`  changed: ${printable(c.what)} (${printable(c.why)})\n`);
  for (const u of report.unmatched) {
    const who = u.coder ? `, by ${printable(u.coder)}` : '';
    out.write(`  not placed: "${printable(u.quote.slice(0, 80))}" (${printable(u.source)}${who}): ${printable(u.reason)}\n`);
  }
  const memos = report.memos;
  if (memos) {
    out.write(`Memos: imported ${memos.imported}, merged ${memos.merged}, not stored ${memos.unmatched.length}.\n`);
    for (const u of memos.unmatched) out.write(`  memo not stored: ${printable(u.subject)}: ${printable(u.reason)}\n`);
  }
}
