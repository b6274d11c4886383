// The HTML digest: one self-contained, print-ready page with counts, the three charts and every passage.
//
// No scripts and no external resources (a CSP meta says so too), so the file can be mailed,
// archived or printed to PDF and shows the same everywhere. All document and note text is escaped;
// the chart SVGs are inlined as built by charts.ts, which escapes their text itself. The passages
// themselves are printed by html-passages.ts, the stylesheet lives in html-style.ts.
import { CHART_FIGURES } from '../../shared/chart-figures';
import type { Charts, Tag } from '../../shared/types';
import { citeParts, documentTitle } from './citation';
import { escapeMarkup as esc, plural, UNTAGGED_COLOR } from './charts-svg';
import { collect, documentSections, tagSections, tagVars, UNTAGGED, withTag, type Item } from './html-passages';
import { HTML_STYLE } from './html-style';
import type { ExportSet } from './types';
import { MemoPlacement, memoHtmlSections } from './memo-sections';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function renderHtml(set: ExportSet, charts: Charts): string {
  const { items, orphans } = collect(set);
  const title = 'Glossator digest';
  // As in the Markdown digest, a tag filter narrows the table and sections to the tags asked for.
  const shown = shownTags(set);
  const filters = filterLine(set);
  const memos = new MemoPlacement(set);
  const body = [
    '<header>',
    `<h1>${title}</h1>`,
    `<p class="meta">${esc(summary(set, items))}</p>`,
    ...(filters === null ? [] : [`<p class="meta">${esc(filters)}</p>`]),
    ...(orphans > 0 ? [`<p class="meta">${esc(orphanLine(orphans))}</p>`] : []),
    countsTable(items, shown),
    '</header>',
    '<section aria-label="Charts">',
    ...figures(charts),
    '</section>',
    ...(items.length === 0
      ? [`<p class="empty">${filters === null ? 'No passages have been tagged yet.' : 'No passages match the filters.'}</p>`]
      : set.options.groupBy === 'tag'
        ? tagSections(items, set, shown, memos)
        : documentSections(items, set, memos)),
    ...memoHtmlSections(memos.rest()),
    ...sources(items),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // A constant with no double quote: written as is, so the policy reads (and greps) as written.
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<meta name="generator" content="${esc(`${set.generator.name} ${set.generator.version}`)}">`,
    `<title>${esc(`${title} — ${set.now.toISOString().slice(0, 10)}`)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ---- header -----------------------------------------------------------------------------------

function summary(set: ExportSet, items: Item[]): string {
  const iso = set.now.toISOString();
  const { name, version } = set.generator;
  const parts = [`Generated ${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC by ${name} ${version}`];
  const corpus = set.documents.length;
  if (items.length === 0) parts.push(`no passages in ${plural(corpus, 'document')}`);
  else {
    const used = new Set(items.map((i) => i.doc.id)).size;
    const from = `${used < corpus ? `${used} of ` : ''}${plural(corpus, 'document')}`;
    parts.push(`${plural(items.length, 'passage')} from ${from}`);
  }
  const review = items.filter((i) => i.range === null).length;
  if (review > 0) parts.push(`${review} ${review === 1 ? 'needs' : 'need'} review`);
  parts.push(`grouped by ${set.options.groupBy}`);
  if (!set.options.includeNotes) parts.push('notes omitted');
  return parts.join(' · ');
}

/** "Filtered to tags Cooperation or Hedging · 2 documents · text “drones”.", worded as in the Markdown digest. */
function filterLine(set: ExportSet): string | null {
  const { tagIds, docIds, text } = set.options;
  const parts: string[] = [];
  if (tagIds.length > 0) {
    const names = tagIds.map((id) => set.tags.find((t) => t.id === id)?.name ?? id);
    const list =
      names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
    parts.push(`${tagIds.length === 1 ? 'tag' : 'tags'} ${list}`);
  }
  if (docIds.length === 1) {
    const doc = set.documents.find((d) => d.id === docIds[0]);
    parts.push(`document “${doc ? documentTitle(doc) : (docIds[0] ?? '')}”`);
  } else if (docIds.length > 1) parts.push(plural(docIds.length, 'document'));
  if (text.trim() !== '') parts.push(`text “${text.trim()}”`);
  return parts.length > 0 ? `Filtered to ${parts.join(' · ')}.` : null;
}

function shownTags(set: ExportSet): readonly Tag[] {
  const { tagIds } = set.options;
  return tagIds.length > 0 ? set.tags.filter((t) => tagIds.includes(t.id)) : set.tags;
}

function orphanLine(count: number): string {
  return `${plural(count, 'passage')} on documents no longer in the corpus ${count === 1 ? 'is' : 'are'} not included.`;
}

function countsTable(items: Item[], tags: readonly Tag[]): string {
  const rows = tags.map((tag) => countRow(tag.name, tag.color, withTag(items, tag)));
  const untagged = items.filter((i) => i.tags.length === 0);
  if (untagged.length > 0) rows.push(countRow(UNTAGGED, UNTAGGED_COLOR, untagged));
  return [
    '<table>',
    '<thead><tr><th scope="col">Tag</th><th scope="col" class="n">Passages</th>' +
      '<th scope="col" class="n">Documents</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
    '</table>',
  ].join('\n');
}

function countRow(name: string, color: string, items: Item[]): string {
  const documents = new Set(items.map((i) => i.doc.id)).size;
  return (
    `\n<tr><th scope="row" style="${tagVars(color)}"><span class="swatch"></span>${esc(name)}</th>` +
    `<td class="n">${items.length}</td><td class="n">${documents}</td></tr>`
  );
}

/** The charts in CHART_FIGURES' order, the preview's too; each caption under its chart says how to read it. */
function figures(charts: Charts): string[] {
  return CHART_FIGURES.map(
    ({ chart, title, detail }, i) =>
      `<figure>\n${charts[chart]}\n<figcaption><b>Figure ${i + 1}. ${esc(title)}</b> ${esc(detail)}</figcaption>\n</figure>`,
  );
}

// ---- sources ----------------------------------------------------------------------------------

/** The documents quoted, with what the citations abbreviate: where each came from (URL as text, not a link). */
function sources(items: Item[]): string[] {
  const docs = [...new Set(items.map((i) => i.doc))];
  if (docs.length === 0) return [];
  const entries = docs.map((doc) => {
    const p = citeParts(doc, null);
    const byline = [p.author, p.publisher, p.date].filter((x) => x !== null).join(', ');
    const url = doc.url ? `<br><span class="url">${esc(doc.url)}</span>` : '';
    const file = `<br><span class="file">${esc(doc.source)}</span>`;
    return `<li><b><bdi>${esc(p.title)}</bdi></b>${byline ? ` — ${esc(byline)}` : ''}${url}${file}</li>`;
  });
  return ['<section>', '<h2>Sources</h2>', `<ol class="sources">\n${entries.join('\n')}\n</ol>`, '</section>'];
}
