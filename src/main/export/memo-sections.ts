// Memos in the digests: document memos, tag memos and the journal as sections after the passages (Markdown and HTML).
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
import { documentTitle } from './citation';
import { escapeMarkup as esc } from './charts-svg';
import { escapeInline } from './markdown';
import type { ExportSet } from './types';

/** A memo section's heading and the memo's Markdown, made safe (see the header). */
interface MemoSection {
  title: string;
  memo: Memo;
}

interface MemoParts {
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
    const shown = set.options.tagIds.length > 0 ? set.tags.filter((t) => set.options.tagIds.includes(t.id)) : set.tags;
    for (const tag of shown) {
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

/** Markdown blocks: "## Document memos", "## Tag memos", "## Journal", each memo under its own "###". */
export function memoMarkdownSections(set: ExportSet): string[] {
  const parts = memoParts(set);
  const blocks: string[] = [];
  const section = (heading: string, items: MemoSection[]) => {
    if (items.length === 0) return;
    blocks.push(`## ${heading}`);
    for (const { title, memo } of items) blocks.push(`### ${escapeInline(title)}`, safeMemoMarkdown(memo.text, 3));
  };
  section('Document memos', parts.documents);
  section('Tag memos', parts.tags);
  section('Journal', parts.journal);
  return blocks;
}

/** HTML sections, as the Markdown ones, the memo text rendered by marked from its safe Markdown. */
export function memoHtmlSections(set: ExportSet): string[] {
  const parts = memoParts(set);
  const html: string[] = [];
  const section = (heading: string, items: MemoSection[]) => {
    if (items.length === 0) return;
    html.push(`<section class="memos">`, `<h2>${esc(heading)}</h2>`);
    for (const { title, memo } of items) html.push(`<h3><bdi>${esc(title)}</bdi></h3>`, `<div class="memo">${memoHtml(memo.text, 3)}</div>`);
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
    return `${'#'.repeat(level)} ${inert(heading.text.replace(/\n/g, ' '))}\n\n`;
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
