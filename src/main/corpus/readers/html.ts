// The .html/.htm reader: a saved web page, cut down to its article by Readability, then walked into blocks.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { collapse } from '../normalise-text';
import { htmlToBlocks } from './html-blocks';
import { decodeText } from './text';
import type { ReadResult } from './types';

type Meta = ReadResult['meta'];

export async function readHtml(fileName: string, bytes: Uint8Array): Promise<ReadResult> {
  const html = decodeText(fileName, bytes);
  const document = parsePage(html);
  const meta = metaOf(document);
  // Readability rewrites the document it is given, so it works on a copy of its own.
  const article = new Readability<Element>(parsePage(html), {
    keepClasses: true, // the walker reads "pullquote"-style classes
    serializer: (el) => el as Element,
  }).parse();
  addReadabilityMeta(meta, article);
  // Last, when every source of the site's name (og:site_name, Readability's JSON-LD) has been read.
  if (meta.title !== undefined) meta.title = withoutSiteName(meta.title, meta.publisher ?? '', headingsOf(document));
  const titleHeading = headingNamed(document, meta.title);
  const content = article?.content ?? null;
  let read = content === null ? null : htmlToBlocks(withTitle(content, titleHeading));
  // Nothing the extractor recognised as an article: read the whole page rather than nothing.
  if (read === null || read.blocks.length === 0) read = htmlToBlocks(withTitle(document.body, null));
  return { ...read, meta, normaliser: 'glossator-html/2' };
}

/**
 * linkedom builds a DOM only: it never fetches, never runs scripts or event handlers. Unlike a
 * browser it does not make up the <html> and <body> a page leaves out, so those are added here.
 */
function parsePage(html: string): Document {
  if (/<body[\s>]/i.test(html)) return parseHTML(/<html[\s>]/i.test(html) ? html : `<!doctype html><html>${html}</html>`).document;
  return parseHTML(`<!doctype html><html><head></head><body>${html.replace(/<\/?html[^>]*>/gi, '')}</body></html>`).document;
}

/** What the page says about itself, in its <head> and <html> element; absent values stay absent. */
function metaOf(doc: Document): Meta {
  const meta: Meta = {};
  const content = (selector: string): string => collapse(doc.querySelector(selector)?.getAttribute('content') ?? '');
  const publisher = content('meta[property="og:site_name"]');
  const title = content('meta[property="og:title"]') || content('meta[name="twitter:title"]') || collapse(doc.querySelector('title')?.textContent ?? '');
  if (title !== '') meta.title = title;
  const author = content('meta[name="author"]') || content('meta[property="article:author"]');
  // article:author is often a profile URL rather than a name.
  if (author !== '' && !/^https?:\/\//i.test(author)) meta.author = author;
  if (publisher !== '') meta.publisher = publisher;
  const date = content('meta[property="article:published_time"]') || collapse(doc.querySelector('time[datetime]')?.getAttribute('datetime') ?? '');
  if (date !== '') meta.date = dayOf(date);
  const url = webUrl(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')) ?? webUrl(content('meta[property="og:url"]'));
  if (url !== null) meta.url = url;
  const language = languageTag(doc.documentElement?.getAttribute('lang') ?? null);
  if (language !== null) meta.language = language;
  return meta;
}

/** Readability also reads bylines and JSON-LD; used only where the meta tags said nothing. */
function addReadabilityMeta(meta: Meta, article: ReturnType<Readability<Element>['parse']>): void {
  const byline = collapse(article?.byline ?? '').replace(/^by\s+/i, '');
  if (meta.author === undefined && byline !== '' && byline.length <= 100) meta.author = byline;
  const site = collapse(article?.siteName ?? '');
  if (meta.publisher === undefined && site !== '') meta.publisher = site;
  const published = collapse(article?.publishedTime ?? '');
  if (meta.date === undefined && published !== '') meta.date = dayOf(published);
}

const TITLE_SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' · ', ' :: '];
/** A site's name after a bar is a few words; a longer tail is part of the title. */
const SITE_NAME_MAX_WORDS = 5;

/**
 * "Russia and Iran | ECFR" → "Russia and Iran". Pages append their site's name to <title> (and
 * some to og:title), which is not the article's title. The tail after the last separator goes
 * when the page names its site so, when the rest is the article's own <h1>, or, after a bar (which
 * titles themselves hardly use), when it is a few words, fewer than the rest. "Iran - Russia relations" keeps its
 * dash: nothing says the tail is a site.
 */
function withoutSiteName(title: string, site: string, headings: readonly string[]): string {
  const t = collapse(title);
  const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
  for (const sep of TITLE_SEPARATORS) {
    const at = t.lastIndexOf(sep);
    if (at <= 0) continue;
    const rest = t.slice(0, at).trim();
    const tail = t.slice(at + sep.length).trim();
    if (rest === '' || tail === '') continue;
    const named = site !== '' && same(tail, site);
    const isHeading = headings.some((h) => same(h, rest));
    const words = (s: string) => s.split(' ').length;
    const shortAfterBar = sep === ' | ' && words(tail) <= SITE_NAME_MAX_WORDS && words(rest) > words(tail);
    if (named || isHeading || shortAfterBar) return withoutSiteName(rest, site, headings);
  }
  return t;
}

/** The page's top headings, which name the article where the page has one. */
const headingsOf = (doc: Document): string[] => Array.from(doc.querySelectorAll('h1')).map((h) => collapse(h.textContent ?? ''));

/** ISO timestamps keep the calendar day as the page wrote it (no time-zone shift); others stay as given. */
const dayOf = (date: string): string => /^\d{4}-\d{2}-\d{2}(?=$|T|\s)/.exec(date)?.[0] ?? date;

function webUrl(href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function languageTag(lang: string | null): string | null {
  if (!lang?.trim()) return null;
  try {
    return Intl.getCanonicalLocales(lang.trim())[0] ?? null;
  } catch {
    return null;
  }
}

/** The page's <h1> that carries the article title ("Title", or "Title | Site" around it), if there is one. */
function headingNamed(doc: Document, title: string | undefined): string | null {
  if (title === undefined) return null;
  for (const h1 of Array.from(doc.querySelectorAll('h1'))) {
    const text = collapse(h1.textContent ?? '');
    // Half the title at least, so a logo's <h1>Site</h1> never passes for "Title | Site".
    if (text === title || (text.length >= title.length / 2 && (title.includes(text) || text.includes(title)))) return text;
  }
  return null;
}

/**
 * Readability drops the heading that repeats the page title; put it back at the top so the text
 * opens with its title, as the plain-text articles do.
 */
function withTitle(content: Element, title: string | null): Element {
  if (title === null) return content;
  const headings = Array.from(content.querySelectorAll('h1, h2, h3, h4, h5, h6'));
  if (headings.some((h) => collapse(h.textContent ?? '') === title)) return content;
  const h1 = content.ownerDocument.createElement('h1');
  h1.textContent = title;
  content.insertBefore(h1, content.firstChild);
  return content;
}
