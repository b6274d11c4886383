// The HTML digest's passages: collected in reading order and printed by tag or by document, each a quoted, cited card.
import type { GlossDocument, PlacedAnnotation, Tag, TextPosition } from '../../shared/types';
import { citation, citeParts, documentTitle } from './citation';
import { escapeMarkup as esc, safeColor, textOn, UNTAGGED_COLOR } from './charts-svg';
import { currentQuote, currentRange, passageKey, sortPassages } from './select';
import type { ExportSet } from './types';
import { memoHtmlUnder, type MemoPlacement } from './memo-sections';

export const UNTAGGED = 'Untagged';

/** A passage ready to print. `range` is null when it needs review. */
export interface Item {
  annotation: PlacedAnnotation;
  doc: GlossDocument;
  range: TextPosition | null;
  quote: string;
  key: string;
  /** Codebook tags in codebook order; ids not in the codebook are dropped, as in the Markdown digest. */
  tags: Tag[];
}

// ---- collecting -------------------------------------------------------------------------------

/** Passages in corpus then reading order (re-sorted: cheap, and keeps the page stable whatever the caller did). */
export function collect(set: ExportSet): { items: Item[]; orphans: number } {
  const docs = new Map<string, GlossDocument>();
  for (const doc of set.documents) if (!docs.has(doc.id)) docs.set(doc.id, doc);
  const items: Item[] = [];
  let orphans = 0;
  for (const annotation of sortPassages(set.documents, set.passages)) {
    const doc = docs.get(annotation.docId);
    if (doc === undefined) {
      orphans++;
      continue;
    }
    items.push({
      annotation,
      doc,
      range: currentRange(doc, annotation),
      quote: currentQuote(doc, annotation),
      key: passageKey(annotation),
      tags: set.tags.filter((tag) => annotation.tagIds.includes(tag.id)),
    });
  }
  return { items, orphans };
}

// ---- sections ---------------------------------------------------------------------------------

/** One section per tag with passages (codebook order), then Untagged; a subsection per document. */
export function tagSections(items: Item[], set: ExportSet, shown: readonly Tag[], memos: MemoPlacement): string[] {
  const sections: { name: string; color: string; items: Item[]; section: Tag | null }[] = [
    ...shown.map((tag) => ({ name: tag.name, color: tag.color, items: withTag(items, tag), section: tag })),
    { name: UNTAGGED, color: UNTAGGED_COLOR, items: items.filter((i) => i.tags.length === 0), section: null },
  ];
  return sections
    .filter((s) => s.items.length > 0)
    .flatMap((s) => {
      const count = `<span class="count">${s.items.length}</span>`;
      const memo = s.section ? memos.take({ kind: 'tag', tagId: s.section.id }) : null;
      const heading =
        `<h2 style="${tagVars(s.color)}"><span class="swatch"></span>${esc(s.name)}${count}</h2>` + (memo ? `\n${memoHtmlUnder(memo)}` : '');
      const runs = runsByDocument(s.items).map((run, r) => {
        const [first, ...rest] = run.map((item) => passage(item, set, s.color, alsoTagged(item, s.section)));
        // The headings travel with the first passage, so a page never ends on a heading.
        const lead = `${r === 0 ? heading : ''}<h3 dir="auto">${esc(documentTitle(run[0]?.doc as GlossDocument))}</h3>`;
        return [`<div class="keep">${lead}\n${first ?? ''}</div>`, ...rest].join('\n');
      });
      return [`<section>`, ...runs, '</section>'];
    });
}

/** One section per document with passages, in corpus order, each passage with all its tags. */
export function documentSections(items: Item[], set: ExportSet, memos: MemoPlacement): string[] {
  return runsByDocument(items).flatMap((run) => {
    const doc = run[0]?.doc as GlossDocument;
    const parts = citeParts(doc, null);
    const byline = [parts.author, parts.publisher, parts.date].filter((p) => p !== null).join(' · ');
    // The card's rule takes the first tag's colour; the chips show all of them.
    const [first, ...rest] = run.map((item) =>
      passage(item, set, item.tags[0]?.color ?? UNTAGGED_COLOR, allTags(item)),
    );
    const memo = memos.take({ kind: 'document', docId: doc.id });
    const lead =
      `<h2 dir="auto">${esc(parts.title)}</h2>${byline ? `\n<p class="byline">${esc(byline)}</p>` : ''}` +
      (memo ? `\n${memoHtmlUnder(memo)}` : '');
    return ['<section>', `<div class="keep">${lead}\n${first ?? ''}</div>`, ...rest, '</section>'];
  });
}

/** Items are sorted by document first, so each document's items form one run. */
function runsByDocument(items: Item[]): Item[][] {
  const runs: Item[][] = [];
  for (const item of items) {
    const last = runs[runs.length - 1];
    if (last && last[0]?.doc === item.doc) last.push(item);
    else runs.push([item]);
  }
  return runs;
}

export function withTag(items: Item[], tag: Tag): Item[] {
  return items.filter((i) => i.tags.some((t) => t.id === tag.id));
}

// ---- one passage ------------------------------------------------------------------------------

/** Quote, citation with the passage id, the tag line, and the note when the options include notes. */
function passage(item: Item, set: ExportSet, color: string, tagLine: string): string {
  const paragraphs = item.quote
    .split(/\n[ \t]*\n\s*/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    // dir="auto": a Persian or Arabic passage reads right to left, whatever the page's direction.
    .map((p) => `<p dir="auto">${esc(p).replace(/\n/g, '<br>')}</p>`);
  const note = item.annotation.note.trim();
  // "¶ 2" and "§ “…" must not be split at the end of a line.
  const cite = citation(item.doc, item.range).replace(/([¶§]) /g, '$1\u00a0');
  return [
    `<article class="passage${item.range === null ? ' review' : ''}" style="${tagVars(color)}">`,
    `<blockquote>${paragraphs.join('')}</blockquote>`,
    `<p class="cite">— ${esc(cite)}<span class="pid">${esc(item.key)}</span></p>`,
    ...(tagLine ? [tagLine] : []),
    ...(set.options.includeNotes && note !== ''
      ? [
          '<div class="note"><span class="note-label">Note</span>' +
            `<div class="note-text" dir="auto">${esc(note)}</div></div>`,
        ]
      : []),
    '</article>',
  ].join('\n');
}

/** Under one tag's section, the passage's other tags, so a reader sees the overlap. */
function alsoTagged(item: Item, section: Tag | null): string {
  const others = item.tags.filter((t) => t.id !== section?.id);
  return others.length > 0 ? `<p class="tagline">Also tagged ${others.map(chip).join('')}</p>` : '';
}

function allTags(item: Item): string {
  const chips = item.tags.length > 0 ? item.tags.map(chip) : [chip({ name: UNTAGGED, color: UNTAGGED_COLOR })];
  return `<p class="tagline">${chips.join('')}</p>`;
}

function chip(tag: { name: string; color: string }): string {
  return `<span class="chip" style="${tagVars(tag.color)}">${esc(tag.name)}</span>`;
}

/** The tag colour and a readable text colour on it; safeColor keeps user data out of the CSS. */
export function tagVars(color: string): string {
  const safe = safeColor(color);
  return `--tag:${safe};--on:${textOn(safe)}`;
}
