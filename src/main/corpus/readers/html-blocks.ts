// Walks an HTML tree into reading text and typed blocks; the .md, .html and .docx readers share it.
import { parseHTML } from 'linkedom';
import type { Block, BlockKind } from '../../../shared/types';
import { collapse } from '../normalise-text';
import { assemble, type Draft } from './assemble';

/**
 * Elements whose content is never article prose. Only text nodes outside these ever reach the
 * reading text, and no markup or attribute does, so script code, event handlers and javascript:
 * URLs cannot end up in a document whatever the input holds. This is the sanitising step, and it
 * suffices because readers output plain text, never HTML. (DOMPurify is not used: it needs a full
 * DOM such as jsdom, and given linkedom's window it reports isSupported false and returns its input
 * unchanged.)
 */
const SKIPPED: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'svg', 'math', 'canvas', 'video', 'audio', 'map', 'head', 'title', 'meta', 'link', 'base',
  'form', 'button', 'input', 'select', 'option', 'textarea', 'label', 'dialog', 'nav',
]);

/** Elements that end the block before them and start a new one after them. */
const BREAKS: ReadonlySet<string> = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'figure', 'address', 'center',
  'ul', 'ol', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'hr', 'pre', 'details', 'summary',
  'body', 'html', 'hgroup', 'fieldset', 'menu',
]);

/** Table cells run on within their row, one space apart. */
const CELLS: ReadonlySet<string> = new Set(['td', 'th']);

/** Class names that mark a quotation as display copy rather than a quoted source. */
const PULLQUOTE_CLASS = /pull|quote-aside/i;
/** Class names of page furniture that extractors leave in: bylines, datelines, breadcrumb trails. */
const CHROME_CLASS = /\b(byline|dateline|breadcrumbs?)\b/i;
/** Elements whose inline children stand as blocks of their own (a <time> under an article header). */
const SECTIONS: ReadonlySet<string> = new Set(['header', 'footer', 'article', 'section', 'main', 'aside', 'div', 'body']);
const SOFT_HYPHEN = /\u00ad/g;

/** Where inline text currently goes; a list item's marker goes on its first non-empty block. */
interface Container {
  kind: BlockKind;
  marker?: string;
  used: boolean;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Parses HTML made by a converter (marked, mammoth) as the body of a page. linkedom never runs scripts. */
export function parseFragment(html: string): Document {
  return parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document;
}

export function htmlToBlocks(body: Element): { text: string; blocks: Block[] } {
  const out = new Collector();
  visit(body, { kind: 'paragraph', used: false }, out);
  out.flush();
  return assemble(out.drafts);
}

function visit(node: Node, container: Container, out: Collector): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === TEXT_NODE) out.add(child.nodeValue ?? '', container);
    else if (child.nodeType === ELEMENT_NODE) visitElement(child as Element, container, out);
  }
}

function visitElement(el: Element, container: Container, out: Collector): void {
  const name = el.localName.toLowerCase();
  if (SKIPPED.has(name) || el.hasAttribute('hidden')) return;
  if (name === 'br') return out.lineBreak(container);
  const own = containerOf(el, name);
  if (own !== null || BREAKS.has(name)) {
    out.flush();
    visit(el, own ?? container, out);
    out.flush();
    return;
  }
  if (CELLS.has(name)) out.add(' ', container);
  visit(el, container, out);
  if (CELLS.has(name)) out.add(' ', container);
}

/** Elements that give their text a kind of its own; null for those that inherit their parent's. */
function containerOf(el: Element, name: string): Container | null {
  const standalone = BREAKS.has(name) || SECTIONS.has(el.parentElement?.localName.toLowerCase() ?? '');
  if (standalone && (CHROME_CLASS.test(el.getAttribute('class') ?? '') || name === 'time')) return { kind: 'chrome', used: false };
  if (/^h[1-6]$/.test(name)) return { kind: 'heading', used: false };
  if (name === 'li') return { kind: 'list-item', marker: markerOf(el), used: false };
  if (name === 'figcaption' || name === 'caption') return { kind: 'caption', used: false };
  if (name === 'blockquote' || name === 'aside') {
    const pull = PULLQUOTE_CLASS.test(el.getAttribute('class') ?? '');
    if (pull) return { kind: 'pullquote', used: false };
    return name === 'blockquote' ? { kind: 'quote', used: false } : null;
  }
  return null;
}

/** "1." numbering as printed: an <ol>'s start attribute, then the item's place among its siblings. */
function markerOf(li: Element): string {
  const list = li.parentElement;
  if (list?.localName.toLowerCase() !== 'ol') return '•';
  const start = Number.parseInt(list.getAttribute('start') ?? '', 10);
  let n = Number.isFinite(start) ? start : 1;
  for (const sibling of Array.from(list.children)) {
    if (sibling === li) break;
    if (sibling.localName.toLowerCase() === 'li') n += 1;
  }
  return `${n}.`;
}

/** Gathers inline text into the current block; flushing closes it. */
class Collector {
  readonly drafts: Draft[] = [];
  private pieces: string[] = [];
  private owner: Container | null = null;
  private afterBreak = false;

  add(text: string, container: Container): void {
    if (this.owner !== container) this.flush();
    this.owner = container;
    this.pieces.push(text);
    if (/\S/.test(text)) this.afterBreak = false;
  }

  /** One <br> is a line break inside the block; two in a row separate paragraphs, as old pages use them. */
  lineBreak(container: Container): void {
    if (this.afterBreak) {
      this.flush();
      return;
    }
    this.add(' ', container);
    this.afterBreak = true;
  }

  flush(): void {
    const text = collapse(this.pieces.join('').replace(SOFT_HYPHEN, ''));
    const owner = this.owner;
    this.pieces = [];
    this.owner = null;
    this.afterBreak = false;
    if (text === '' || owner === null) return;
    // A list item's second paragraph is body text under the item, not another item.
    const first = owner.kind !== 'list-item' || !owner.used;
    const draft: Draft = { kind: first ? owner.kind : 'paragraph', text };
    if (first && owner.marker !== undefined) draft.marker = owner.marker;
    owner.used = true;
    this.drafts.push(draft);
  }
}
