// The Markdown digest: every passage with its quote, citation and note, grouped by tag or by document.
import type {
  DigestGroupBy,
  GlossDocument,
  PlacedAnnotation,
  Tag,
  TextPosition,
} from '../../shared/types';
import { citation, documentTitle } from './citation';
import { blockquote, escapeBlock, escapeInline } from './markdown';

export interface DigestInput {
  /** Corpus order: sections and subsections follow it. */
  documents: readonly GlossDocument[];
  /** Codebook order: sections and table rows follow it. */
  tags: readonly Tag[];
  annotations: readonly PlacedAnnotation[];
  groupBy: DigestGroupBy;
  /** Injected so the same input always gives the same bytes. */
  now: Date;
}

export interface BuiltDigest {
  markdown: string;
  /** Distinct passages in the digest (a passage under several tags counts once). */
  passageCount: number;
}

/** An annotation ready to print. `range` is null when the passage needs review. */
interface Passage {
  annotation: PlacedAnnotation;
  doc: GlossDocument;
  docIndex: number;
  range: TextPosition | null;
  quote: string;
  /** Codebook tags, in codebook order; ids not in the codebook are dropped. */
  tags: Tag[];
}

interface DocumentRun {
  doc: GlossDocument;
  passages: Passage[];
}

const UNTAGGED = 'Untagged';

export function buildDigest(input: DigestInput): BuiltDigest {
  const { passages, orphans } = collectPassages(input);
  const body =
    passages.length === 0
      ? ['No passages have been tagged yet.']
      : input.groupBy === 'tag'
        ? tagSections(passages, input.tags)
        : documentSections(passages);
  const blocks = [
    '# Glossator digest',
    summaryLine(input, passages),
    ...(orphans > 0 ? [orphanLine(orphans)] : []),
    countsTable(passages, input.tags),
    ...body,
  ];
  return { markdown: `${blocks.join('\n\n')}\n`, passageCount: passages.length };
}

/** "glossator-digest-by-tag-2026-11-22.md"; the date is UTC so it matches the digest's own stamp. */
export function digestFileName(now: Date, groupBy: DigestGroupBy): string {
  return `glossator-digest-by-${groupBy}-${now.toISOString().slice(0, 10)}.md`;
}

// ---- collecting -------------------------------------------------------------------------------

/** Passages in corpus order, then reading order. Annotations whose document is gone are counted, not printed. */
function collectPassages(input: DigestInput): { passages: Passage[]; orphans: number } {
  const indexById = new Map<string, number>();
  input.documents.forEach((doc, index) => {
    if (!indexById.has(doc.id)) indexById.set(doc.id, index);
  });
  const passages: Passage[] = [];
  let orphans = 0;
  for (const annotation of input.annotations) {
    const docIndex = indexById.get(annotation.docId);
    const doc = docIndex === undefined ? undefined : input.documents[docIndex];
    if (docIndex === undefined || doc === undefined) orphans++;
    else passages.push(toPassage(annotation, doc, docIndex, input.tags));
  }
  return { passages: passages.sort(readingOrder), orphans };
}

function toPassage(
  annotation: PlacedAnnotation,
  doc: GlossDocument,
  docIndex: number,
  tags: readonly Tag[],
): Passage {
  const range = usableRange(annotation.range, doc.text);
  return {
    annotation,
    doc,
    docIndex,
    range,
    // The current text is what the analyst saw when placing it; the stored quote is all we have otherwise.
    quote: range ? doc.text.slice(range.start, range.end) : annotation.target.quote.exact,
    tags: tags.filter((tag) => annotation.tagIds.includes(tag.id)),
  };
}

/** A range that does not fit the text cannot be quoted or cited, so it is treated as needing review. */
function usableRange(range: TextPosition | null, text: string): TextPosition | null {
  if (range === null) return null;
  const fits = 0 <= range.start && range.start < range.end && range.end <= text.length;
  return fits ? range : null;
}

/** Document, then placed passages by position, then passages needing review by stored position. */
function readingOrder(a: Passage, b: Passage): number {
  const pa = a.range ?? a.annotation.target.position;
  const pb = b.range ?? b.annotation.target.position;
  return (
    a.docIndex - b.docIndex ||
    Number(a.range === null) - Number(b.range === null) ||
    pa.start - pb.start ||
    pa.end - pb.end ||
    compareCodeUnits(a.annotation.id, b.annotation.id)
  );
}

/** Not localeCompare: the order must not depend on the machine's locale. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- header -----------------------------------------------------------------------------------

function summaryLine(input: DigestInput, passages: Passage[]): string {
  const parts = [`Generated ${utcStamp(input.now)}`, passageSummary(passages, input.documents.length)];
  const review = passages.filter((p) => p.range === null).length;
  if (review > 0) parts.push(`${review} ${review === 1 ? 'needs' : 'need'} review`);
  parts.push(`grouped by ${input.groupBy}`);
  return parts.join(' · ');
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

// ---- counts table -----------------------------------------------------------------------------

function countsTable(passages: Passage[], tags: readonly Tag[]): string {
  const rows = tags.map((tag) => countRow(tag.name, withTag(passages, tag)));
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
  const widths = header.map((cell, col) =>
    Math.max(3, cell.length, ...rows.map((row) => (row[col] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, col) => pad(cell, widths[col] ?? 0, col > 0)).join(' | ')} |`;
  const rule = `| ${widths.map((w, col) => (col > 0 ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function pad(cell: string, width: number, right: boolean): string {
  return right ? cell.padStart(width) : cell.padEnd(width);
}

// ---- sections ---------------------------------------------------------------------------------

/** One section per tag with passages (codebook order), then Untagged; a subsection per document. */
function tagSections(passages: Passage[], tags: readonly Tag[]): string[] {
  const blocks: string[] = [];
  for (const tag of tags) {
    const tagged = withTag(passages, tag);
    if (tagged.length === 0) continue;
    blocks.push(`## ${escapeInline(tag.name)} (${tagged.length})`);
    blocks.push(...documentSubsections(tagged, (p) => alsoTaggedLine(p, tag)));
  }
  const untagged = passages.filter((p) => p.tags.length === 0);
  if (untagged.length > 0) {
    blocks.push(`## ${UNTAGGED} (${untagged.length})`);
    blocks.push(...documentSubsections(untagged, () => null));
  }
  return blocks;
}

function documentSubsections(passages: Passage[], tagLine: (p: Passage) => string | null): string[] {
  return runsByDocument(passages).flatMap((run) => [
    `### ${escapeInline(documentTitle(run.doc))}`,
    ...run.passages.flatMap((p) => passageBlocks(p, tagLine(p))),
  ]);
}

/** One section per document with passages, in corpus order, each passage listing its tags. */
function documentSections(passages: Passage[]): string[] {
  return runsByDocument(passages).flatMap((run) => [
    `## ${escapeInline(documentTitle(run.doc))}`,
    ...run.passages.flatMap((p) => passageBlocks(p, tagsLine(p))),
  ]);
}

/** Passages are sorted by document first, so each document's passages form one run. */
function runsByDocument(passages: Passage[]): DocumentRun[] {
  const runs: DocumentRun[] = [];
  for (const passage of passages) {
    const last = runs[runs.length - 1];
    if (last && last.doc === passage.doc) last.passages.push(passage);
    else runs.push({ doc: passage.doc, passages: [passage] });
  }
  return runs;
}

function withTag(passages: Passage[], tag: Tag): Passage[] {
  return passages.filter((p) => p.tags.some((t) => t.id === tag.id));
}

// ---- one passage ------------------------------------------------------------------------------

/** Quote, citation, optional tag line, optional note: separate paragraphs so they never run together. */
function passageBlocks(p: Passage, tagLine: string | null): string[] {
  const blocks = [blockquote(p.quote), `— ${escapeInline(citation(p.doc, p.range))}`];
  if (tagLine !== null) blocks.push(tagLine);
  const note = escapeBlock(p.annotation.note);
  if (note !== '') blocks.push(`**Note:** ${note}`);
  return blocks;
}

function tagsLine(p: Passage): string {
  return `Tags: ${p.tags.length > 0 ? tagNames(p.tags) : 'none'}`;
}

/** Under one tag's section, the passage's other tags, so a reader sees the overlap. */
function alsoTaggedLine(p: Passage, section: Tag): string | null {
  const others = p.tags.filter((t) => t.id !== section.id);
  return others.length > 0 ? `Also tagged: ${tagNames(others)}` : null;
}

function tagNames(tags: Tag[]): string {
  return tags.map((t) => escapeInline(t.name)).join(', ');
}
