// Memos in the digests (Markdown and HTML): a document's memo under its heading, a tag's under its heading, the journal in its own section.
//
// Where the digest has a heading for a memo's subject (a document's section when grouped by
// document, a tag's when grouped by tag), the memo is written right under it, labelled. A memo
// whose subject has no heading here (a document without passages in the digest, a tag when
// grouping by document) goes to a "Document memos" or "Tag memos" section after the passages,
// so nothing the options include is left out. The journal is always its own section, last.
//
// A memo is the analyst's own Markdown, so it is kept as Markdown, with three changes that keep it
// inside its section and inert: its headings are moved below the section's (so a "# Idea" never
// becomes a top-level heading of the digest), raw HTML is turned into text ("<" as "&lt;" outside
// code), and links to anything but http(s), mailto or a fragment lose their target. The HTML digest
// renders that text with marked; with no raw HTML left and every other target refused, nothing in
// it can run (and the page's CSP forbids scripts besides).
import { marked, type Token, type Tokens } from 'marked';
import type { Memo } from '../../shared/memos';
import { journalEntries, memoOf } from '../../shared/memos';
import { TagTree, shownTags } from '../../shared/tag-tree';
import { documentTitle } from './citation';
import { escapeMarkup as esc } from './charts-svg';
import { escapeInline } from './markdown';
import type { ExportSet } from './types';

/** A memo section's heading and the memo's Markdown, made safe (see the header). */
interface MemoSection {
  title: string;
  memo: Memo;
}

export interface MemoParts {
  documents: MemoSection[];
  tags: MemoSection[];
  journal: MemoSection[];
}

const SAFE_HREF = /^(https?:|mailto:|#)/i;

/** The memos a digest shows: of documents in scope, of tags shown, and the journal (oldest first), per the options. */
export function memoParts(set: ExportSet): MemoParts {
  const memos = set.memos ?? [];
  const withText = (m: Memo | undefined): m is Memo => m !== undefined && m.text.trim() !== '';
  const parts: MemoParts = { documents: [], tags: [], journal: [] };
  if (set.options.includeMemos !== false) {
    for (const doc of set.documents) {
      const memo = memoOf(memos, { kind: 'document', docId: doc.id });
      if (withText(memo)) parts.documents.push({ title: documentTitle(doc), memo });
    }
    // The tags the digest shows: those asked for and their sub-tags, in tree order (as its sections).
    for (const tag of shownTags(new TagTree(set.tags), set.options.tagIds)) {
      const memo = memoOf(memos, { kind: 'tag', tagId: tag.id });
      if (withText(memo)) parts.tags.push({ title: tag.name, memo });
    }
  }
  if (set.options.includeJournal !== false) {
    for (const memo of journalEntries(memos).reverse()) if (withText(memo)) parts.journal.push({ title: stamp(memo.created), memo });
  }
  return parts;
}

/** "2026-12-07 10:00 UTC". */
function stamp(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Memo headings below this level: a memo's "# Idea" becomes "#### Idea", under any digest heading. */
const MEMO_DEPTH = 3;

type HeadedSubject = { kind: 'document'; docId: string } | { kind: 'tag'; tagId: string };

/**
 * Which memos went under a heading of the digest: each is taken once, by the section that shows
 * its subject; what no section took, and the journal, are the sections after the passages.
 */
export class MemoPlacement {
  private readonly parts: MemoParts;
  private readonly taken = new Set<string>();

  constructor(set: ExportSet) {
    this.parts = memoParts(set);
  }

  /** The memo to write under this document's or tag's heading, once; null when it has none in scope. */
  take(subject: HeadedSubject): Memo | null {
    const list = subject.kind === 'document' ? this.parts.documents : this.parts.tags;
    const found = list.find(({ memo }) =>
      subject.kind === 'document'
        ? memo.subject.kind === 'document' && memo.subject.docId === subject.docId
        : memo.subject.kind === 'tag' && memo.subject.tagId === subject.tagId,
    );
    if (!found || this.taken.has(found.memo.id)) return null;
    this.taken.add(found.memo.id);
    return found.memo;
  }

  /** The memos no heading took, and the journal. */
  rest(): MemoParts {
    const left = (items: MemoSection[]) => items.filter(({ memo }) => !this.taken.has(memo.id));
    return { documents: left(this.parts.documents), tags: left(this.parts.tags), journal: this.parts.journal };
  }
}

const LABEL = { document: 'Document memo', tag: 'Tag memo', journal: 'Journal' } as const;

/** Markdown blocks for under a document's or tag's heading: a label, then the memo. */
export function memoMarkdownUnder(memo: Memo): string[] {
  return [`*${LABEL[memo.subject.kind]}:*`, safeMemoMarkdown(memo.text, MEMO_DEPTH)];
}

/** The same in HTML: a labelled note holding the rendered memo. */
export function memoHtmlUnder(memo: Memo): string {
  const label = LABEL[memo.subject.kind];
  return `<div class="memo" role="note" aria-label="${label}"><p class="memo-label">${label}</p>\n${memoHtml(memo.text, MEMO_DEPTH)}</div>`;
}

/** Markdown blocks after the passages: "## Document memos", "## Tag memos" (what no heading took), "## Journal", each memo under its own "###". */
export function memoMarkdownSections(parts: MemoParts): string[] {
  const blocks: string[] = [];
  const section = (heading: string, items: MemoSection[]) => {
    if (items.length === 0) return;
    blocks.push(`## ${heading}`);
    for (const { title, memo } of items) blocks.push(`### ${escapeInline(title)}`, safeMemoMarkdown(memo.text, MEMO_DEPTH));
  };
  section('Document memos', parts.documents);
  section('Tag memos', parts.tags);
  section('Journal', parts.journal);
  return blocks;
}

/** HTML sections, as the Markdown ones, the memo text rendered by marked from its safe Markdown. */
export function memoHtmlSections(parts: MemoParts): string[] {
  const html: string[] = [];
  const section = (heading: string, items: MemoSection[]) => {
    if (items.length === 0) return;
    html.push(`<section class="memos">`, `<h2>${esc(heading)}</h2>`);
    for (const { title, memo } of items) html.push(`<h3><bdi>${esc(title)}</bdi></h3>`, `<div class="memo">${memoHtml(memo.text, MEMO_DEPTH)}</div>`);
    html.push('</section>');
  };
  section('Document memos', parts.documents);
  section('Tag memos', parts.tags);
  section('Journal', parts.journal);
  return html;
}

/** The memo as HTML: marked on the safe Markdown, links kept only to safe targets, images as their text. */
export function memoHtml(text: string, depth: number): string {
  const renderer = new marked.Renderer();
  renderer.link = function (token: Tokens.Link) {
    const inner = this.parser.parseInline(token.tokens);
    return SAFE_HREF.test(token.href.trim()) ? `<a href="${esc(token.href.trim())}">${inner}</a>` : inner;
  };
  renderer.image = (token: Tokens.Image) => esc(token.text);
  renderer.html = (token: Tokens.HTML | Tokens.Tag) => esc(token.text);
  return marked.parse(safeMemoMarkdown(text, depth), { async: false, gfm: true, renderer });
}

/**
 * The memo's Markdown made safe to place under a heading of level `depth`: headings demoted,
 * raw HTML turned to text, unsafe link targets replaced by "#" (see the header).
 */
export function safeMemoMarkdown(text: string, depth: number): string {
  const tokens = marked.lexer(text.replace(/\r\n?/g, '\n'), { gfm: true });
  return tokens
    .map((token) => safeBlock(token, depth))
    .join('')
    .trim();
}

function safeBlock(token: Token, depth: number): string {
  if (token.type === 'code') return token.raw;
  if (token.type === 'heading') {
    const heading = token as Tokens.Heading;
    const level = Math.min(6, heading.depth + depth);
    // The heading's own line breaks, as the lexer read them (a blank line after it is a space token of its own).
    const breaks = /\n*$/.exec(heading.raw)![0];
    return `${'#'.repeat(level)} ${inert(heading.text.replace(/\n/g, ' '))}${breaks}`;
  }
  if (token.type === 'html') return `${inert(token.raw)}`;
  return inert(token.raw);
}

/** Raw HTML and unsafe link targets out of one block's Markdown; code spans are left as they are (marked escapes them). */
function inert(raw: string): string {
  return raw
    .split(/(`+[^`]*?`+)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;').replace(LINK_TARGET, '$1#').replace(DEFINITION, '$1#')))
    .join('');
}

// "](javascript:…" and "[ref]: javascript:…": the target becomes "#", the text stays.
const UNSAFE_SCHEME = '(?:javascript|vbscript|data|file):[^)\\s]*';
const LINK_TARGET = new RegExp(`(\\]\\(\\s*(?:&lt;)?\\s*)${UNSAFE_SCHEME}`, 'gi');
const DEFINITION = new RegExp(`(^\\s{0,3}\\[[^\\]]+\\]:\\s*(?:&lt;)?\\s*)${UNSAFE_SCHEME}`, 'gim');
