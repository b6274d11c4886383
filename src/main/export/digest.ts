// The Markdown digest: front matter, counts, then every passage with quote, citation and note, by tag or by document.
import type { DigestGroupBy, ExportFormat, GlossDocument, PlacedAnnotation, Tag, TextPosition } from '../../shared/types';
import { documentTitle } from './citation';
import { escapeInline, hashtag, yamlString } from './markdown';
import { passageText } from './passage-text';
import { currentQuote, currentRange, sortPassages } from './select';
import type { ExportSet } from './types';
import { MemoPlacement, memoMarkdownSections, memoMarkdownUnder } from './memo-sections';
import { INCL_SUB_TAGS, TagTree, shownTags } from '../../shared/tag-tree';

/** An annotation ready to print. `range` is null when the passage needs review. */
interface Passage {
  annotation: PlacedAnnotation;
  doc: GlossDocument;
  range: TextPosition | null;
  quote: string;
  /** Codebook tags, in codebook order; ids not in the codebook are dropped. */
  tags: Tag[];
}

const UNTAGGED = 'Untagged';

export function renderMarkdown(set: ExportSet): string {
  return renderMarkdownParts(set).markdown;
}

/**
 * The digest, and where its passages begin: after the front matter, summary and counts. The
 * preview shows the charts there, where the HTML and PDF digests have them.
 */
export function renderMarkdownParts(set: ExportSet): { markdown: string; bodyStart: number } {
  const { passages, orphans } = collectPassages(set);
  // A tag filter narrows the table and the sections to the tags asked for; "Also tagged" lines
  // still show a passage's other tags.
  // Sub-tags of a chosen tag are shown too; sections follow the tree (each heading names the path).
  const tree = new TagTree(set.tags);
  const shown = shownTags(tree, set.options.tagIds);
  const memos = new MemoPlacement(set);
  const body =
    passages.length === 0
      ? [hasFilters(set) ? 'No passages match the filters.' : 'No passages have been tagged yet.']
      : set.options.groupBy === 'tag'
        ? tagSections(set, passages, shown, tree, memos)
        : documentSections(set, passages, memos);
  const filters = filterLine(set);
  const head = [
    frontMatter(set, passages),
    '# Glossator digest',
    summaryLine(set, passages),
    ...(filters === null ? [] : [filters]),
    ...(orphans > 0 ? [orphanLine(orphans)] : []),
    countsTable(passages, shown, tree),
  ];
  const top = `${head.join('\n\n')}\n\n`;
  body.push(...memoMarkdownSections(memos.rest()));
  return { markdown: `${top}${body.join('\n\n')}\n`, bodyStart: top.length };
}

/**
 * "glossator-digest-by-tag-2026-11-22.md"; interchange formats are named for what they hold
 * ("glossator-annotations-…jsonld", "glossator-project-…qdpx", "glossator-codebook-…qdc"). The date
 * is UTC so it matches the stamp inside the file. Every format's extension is its own name.
 */
export function exportFileName(now: Date, format: ExportFormat, groupBy: DigestGroupBy): string {
  const what =
    format === 'jsonld' ? 'annotations' : format === 'qdpx' ? 'project' : format === 'qdc' ? 'codebook' : `digest-by-${groupBy}`;
  return `glossator-${what}-${now.toISOString().slice(0, 10)}.${format}`;
}

// ---- collecting -------------------------------------------------------------------------------

/** Passages in corpus order, then reading order. Annotations whose document is absent are counted, not printed. */
function collectPassages(set: ExportSet): { passages: Passage[]; orphans: number } {
  const byId = new Map<string, GlossDocument>();
  for (const doc of set.documents) if (!byId.has(doc.id)) byId.set(doc.id, doc);
  const passages: Passage[] = [];
  let orphans = 0;
  for (const annotation of sortPassages(set.documents, set.passages)) {
    const doc = byId.get(annotation.docId);
    if (doc === undefined) orphans++;
    else {
      const tags = set.tags.filter((tag) => annotation.tagIds.includes(tag.id));
      passages.push({ annotation, doc, range: currentRange(doc, annotation), quote: currentQuote(doc, annotation), tags });
    }
  }
  return { passages, orphans };
}

// ---- header -----------------------------------------------------------------------------------

/** Metadata for note-taking apps and scripts; every string double-quoted so no value can break the YAML. */
function frontMatter(set: ExportSet, passages: Passage[]): string {
  const { options } = set;
  const list = (items: string[]) => `[${items.map(yamlString).join(', ')}]`;
  const filters: string[] = [];
  if (options.tagIds.length > 0) filters.push(`  tags: ${list(options.tagIds.map((id) => tagName(set, id)))}`);
  if (options.docIds.length > 0) filters.push(`  documents: ${list(options.docIds.map((id) => docName(set, id)))}`);
  if (options.text.trim() !== '') filters.push(`  text: ${yamlString(options.text.trim())}`);
  return [
    '---',
    `title: ${yamlString('Glossator digest')}`,
    `generator: ${yamlString(`${set.generator.name} ${set.generator.version}`)}`,
    `generated: ${yamlString(set.now.toISOString())}`,
    `grouping: ${yamlString(options.groupBy)}`,
    filters.length > 0 ? `filters:\n${filters.join('\n')}` : 'filters: {}',
    `include_notes: ${options.includeNotes}`,
    // The summary line's counts, named: "passage_count passages from document_count of documents_in_scope documents".
    `passage_count: ${passages.length}  # passages in this digest`,
    `document_count: ${new Set(passages.map((p) => p.doc.id)).size}  # documents these passages come from`,
    `documents_in_scope: ${set.documents.length}  # the corpus, or the documents a filter chose`,
    `needs_review: ${passages.filter((p) => p.range === null).length}`,
    '---',
  ].join('\n');
}

function summaryLine(set: ExportSet, passages: Passage[]): string {
  const parts = [`Generated ${utcStamp(set.now)}`, passageSummary(passages, set.documents.length)];
  const review = passages.filter((p) => p.range === null).length;
  if (review > 0) parts.push(`${review} ${review === 1 ? 'needs' : 'need'} review`);
  parts.push(`grouped by ${set.options.groupBy}`);
  if (!set.options.includeNotes) parts.push('notes omitted');
  return parts.join(' · ');
}

function hasFilters(set: ExportSet): boolean {
  const { tagIds, docIds, text } = set.options;
  return tagIds.length > 0 || docIds.length > 0 || text.trim() !== '';
}

/** "Filtered to tags Cooperation or Hedging · 2 documents · text “drones”": a reader must know what was left out. */
function filterLine(set: ExportSet): string | null {
  if (!hasFilters(set)) return null;
  const { tagIds, docIds, text } = set.options;
  const parts: string[] = [];
  if (tagIds.length > 0) parts.push(`${tagIds.length === 1 ? 'tag' : 'tags'} ${joinOr(tagIds.map((id) => tagName(set, id)))}`);
  if (docIds.length > 0) parts.push(docIds.length === 1 ? `document “${docName(set, docIds[0] ?? '')}”` : plural(docIds.length, 'document'));
  if (text.trim() !== '') parts.push(`text “${text.trim()}”`);
  return `Filtered to ${escapeInline(parts.join(' · '))}.`;
}

function tagName(set: ExportSet, id: string): string {
  return set.tags.find((t) => t.id === id)?.name ?? id;
}

function docName(set: ExportSet, id: string): string {
  const doc = set.documents.find((d) => d.id === id);
  return doc ? documentTitle(doc) : id;
}

function passageSummary(passages: Passage[], corpusSize: number): string {
  if (passages.length === 0) return `no passages in ${plural(corpusSize, 'document')}`;
  const used = new Set(passages.map((p) => p.doc.id)).size;
  const from = used < corpusSize ? `${used} of ${plural(corpusSize, 'document')}` : plural(used, 'document');
  return `${plural(passages.length, 'passage')} from ${from}`;
}

function orphanLine(count: number): string {
  const verb = count === 1 ? 'is' : 'are';
  return `${plural(count, 'passage')} on documents no longer in the corpus ${verb} not included.`;
}

/** "2026-11-22 10:00 UTC": minutes are enough to tell two exports apart. */
function utcStamp(now: Date): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function joinOr(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

// ---- counts table -----------------------------------------------------------------------------

/**
 * One row per shown tag in tree order, named by its path. A tag with sub-tags counts the passages
 * carrying it or any sub-tag, each once, and says so: no passage is silently counted twice.
 */
function countsTable(passages: Passage[], tags: readonly Tag[], tree: TagTree): string {
  const rows = tags.map((tag) => {
    const below = new Set(tree.descendants(tag.id).map((d) => d.id));
    if (below.size === 0) return countRow(tree.pathName(tag.id), withTag(passages, tag));
    below.add(tag.id);
    const rolled = passages.filter((p) => p.annotation.tagIds.some((id) => below.has(id)));
    return countRow(`${tree.pathName(tag.id)} (${INCL_SUB_TAGS})`, rolled);
  });
  const untagged = passages.filter((p) => p.tags.length === 0);
  if (untagged.length > 0) rows.push(countRow(UNTAGGED, untagged));
  return table(['Tag', 'Passages', 'Documents'], rows);
}

function countRow(name: string, passages: Passage[]): string[] {
  const documents = new Set(passages.map((p) => p.doc.id)).size;
  return [escapeInline(name), String(passages.length), String(documents)];
}

/** Columns padded so the table also reads well as plain text; counts right-aligned. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, col) => Math.max(3, cell.length, ...rows.map((row) => (row[col] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, col) => pad(cell, widths[col] ?? 0, col > 0)).join(' | ')} |`;
  const rule = `| ${widths.map((w, col) => (col > 0 ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function pad(cell: string, width: number, right: boolean): string {
  return right ? cell.padStart(width) : cell.padEnd(width);
}

// ---- sections ---------------------------------------------------------------------------------

// The sections push their blocks onto one array: a large corpus has hundreds of thousands of
// blocks, too many to spread into a call's arguments (the stack limit) or to copy run by run.

/**
 * One section per shown tag with passages of its own, in tree order and headed by its path
 * ("Friction › Sanctions"), its memo under the heading, then Untagged; a subsection per document.
 */
function tagSections(set: ExportSet, passages: Passage[], tags: readonly Tag[], tree: TagTree, memos: MemoPlacement): string[] {
  const blocks: string[] = [];
  const line = (section: Tag | null) => (p: Passage) =>
    set.options.hashtags ? hashtagLine(p) : section === null ? null : alsoTaggedLine(p, section);
  for (const tag of tags) {
    const tagged = withTag(passages, tag);
    if (tagged.length === 0) continue;
    blocks.push(`## ${escapeInline(tree.pathName(tag.id))} (${tagged.length})`);
    const memo = memos.take({ kind: 'tag', tagId: tag.id });
    if (memo) blocks.push(...memoMarkdownUnder(memo));
    documentSubsections(set, tagged, line(tag), blocks);
  }
  const untagged = passages.filter((p) => p.tags.length === 0);
  if (untagged.length > 0) {
    blocks.push(`## ${UNTAGGED} (${untagged.length})`);
    documentSubsections(set, untagged, line(null), blocks);
  }
  return blocks;
}

function documentSubsections(set: ExportSet, passages: Passage[], tagLine: (p: Passage) => string | null, blocks: string[]): void {
  for (const run of runsByDocument(passages)) {
    blocks.push(`### ${escapeInline(documentTitle(run[0]!.doc))}`);
    for (const p of run) passageBlocks(set, p, tagLine(p), blocks);
  }
}

/** One section per document with passages, in corpus order, its memo under its heading, each passage listing its tags. */
function documentSections(set: ExportSet, passages: Passage[], memos: MemoPlacement): string[] {
  const line = (p: Passage) => (set.options.hashtags ? hashtagLine(p) : null) ?? tagsLine(p);
  const blocks: string[] = [];
  for (const run of runsByDocument(passages)) {
    blocks.push(`## ${escapeInline(documentTitle(run[0]!.doc))}`);
    const memo = memos.take({ kind: 'document', docId: run[0]!.doc.id });
    if (memo) blocks.push(...memoMarkdownUnder(memo));
    for (const p of run) passageBlocks(set, p, line(p), blocks);
  }
  return blocks;
}

/** Passages are sorted by document first, so each document's passages form one run. */
function runsByDocument(passages: Passage[]): Passage[][] {
  const runs: Passage[][] = [];
  for (const passage of passages) {
    const last = runs[runs.length - 1];
    if (last && last[0]!.doc === passage.doc) last.push(passage);
    else runs.push([passage]);
  }
  return runs;
}

function withTag(passages: Passage[], tag: Tag): Passage[] {
  return passages.filter((p) => p.tags.some((t) => t.id === tag.id));
}

// ---- one passage ------------------------------------------------------------------------------

/**
 * Quote, citation with the passage's stable id, optional tag line, optional note: separate
 * paragraphs so they never run together. The id needs no escaping: "[p-…]" is only a link when a
 * matching definition exists, and every user text in the digest is escaped, so none can.
 */
function passageBlocks(set: ExportSet, p: Passage, tagLine: string | null, blocks: string[]): void {
  const text = passageText(p.doc, p.annotation, p.range, p.quote);
  blocks.push(text.quote, text.cite);
  if (tagLine !== null) blocks.push(tagLine);
  if (set.options.includeNotes && text.note !== '') blocks.push(`**Note:** ${text.note}`);
}

function tagsLine(p: Passage): string {
  return `Tags: ${p.tags.length > 0 ? p.tags.map((t) => escapeInline(t.name)).join(', ') : 'none'}`;
}

/** Under one tag's section, the passage's other tags, so a reader sees the overlap. */
function alsoTaggedLine(p: Passage, section: Tag): string | null {
  const others = p.tags.filter((t) => t.id !== section.id);
  return others.length > 0 ? `Also tagged: ${others.map((t) => escapeInline(t.name)).join(', ')}` : null;
}

/** Every tag of the passage, even the section's own, so a note app indexes the passage under each. */
function hashtagLine(p: Passage): string | null {
  return p.tags.length > 0 ? `Tags: ${p.tags.map((t) => `#${hashtag(t.name)}`).join(' ')}` : null;
}
