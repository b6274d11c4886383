// Hostile inputs in every export: payload quotes, notes, tag names and document details come out as inert, escaped text.
//
// The corpus is e2e/fixtures/hostile-corpus/ (scripts/make-hostile-corpus.ts); the payloads are in
// scripts/hostile-payloads.ts. Passages are tagged on every payload the readers kept as text, with
// hostile notes and hostile tag names, then every format is exported through exportDigest. Each
// format is checked with a parser, not a grep: the HTML and the Markdown (rendered by marked) are
// walked element by element, the CSV is parsed cell by cell, the JSON-LD value by value, the XML is
// validated and parsed. The Markdown also goes through the renderer's own marked + DOMPurify in
// Chromium, where it must render to the same markup DOMPurify lets through, and run nothing.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { parseHTML } from 'linkedom';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { DEFAULT_OPTIONS } from '../../src/main/export/types';
import { CSV_COLUMNS } from '../../src/main/export/csv';
import { isFormula, readAsSpreadsheet } from './support/spreadsheet';
import type { DigestOptions, ExportFormat, GlossDocument, Tag } from '../../src/shared/types';
import {
  DOC_AUTHORS,
  DOC_TITLES,
  HOSTILE_COUNT,
  META_PAYLOADS,
  NOTE_PAYLOADS,
  PAYLOADS,
  TAG_PAYLOADS,
} from '../../scripts/hostile-payloads';
import { callOn, value } from './support/core-harness';

const CORPUS = join(process.cwd(), 'e2e/fixtures/hostile-corpus');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const clock = { now: () => new Date('2026-11-22T10:00:00Z') };

let dataDir: string;
let core: Core;
let saveAs = '';
/** The HTML the core hands its PDF printer: the PDF export is this page, printed. */
let printed = '';
const exported = new Map<string, string | Uint8Array>();
const quoted: { doc: string; n: number; source: string }[] = [];
let documents: GlossDocument[] = [];
let payloadTags: Tag[] = [];

const call = callOn(() => core);

/** Exports `format` with `options` and keeps the bytes under `key`. */
async function exportAs(key: string, format: ExportFormat, options: DigestOptions = DEFAULT_OPTIONS): Promise<void> {
  saveAs = join(dataDir, `${key}.${format}`);
  await value(call('exportDigest', { format, options }));
  const bytes = await readFile(saveAs);
  exported.set(key, format === 'qdpx' || format === 'pdf' ? new Uint8Array(bytes) : bytes.toString('utf8'));
  if (format === 'pdf') exported.set(`${key}:printed-html`, printed);
}
const text = (key: string): string => {
  const v = exported.get(key);
  if (typeof v !== 'string') throw new Error(`no text export ${key}`);
  return v;
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glossator-hostile-'));
  core = await createCore({
    dataDir,
    corpusDir: CORPUS,
    clock,
    version: 'hostile-test',
    saveTarget: { chooseSavePath: async () => saveAs },
    pdf: {
      async print(html) {
        printed = html;
        return new TextEncoder().encode('%PDF-1.4 stand-in');
      },
    },
  });
  const summaries = await value<{ id: string }[]>(call('listDocuments', {}));
  documents = await Promise.all(summaries.map((s) => value<GlossDocument>(call('getDocument', { docId: s.id }))));

  payloadTags = [];
  for (const [i, name] of TAG_PAYLOADS.entries()) {
    payloadTags.push(
      await value<Tag>(call('createTag', { name, color: ['#aa0000', '#00aa00', '#0000aa'][i % 3]!, description: NOTE_PAYLOADS[i] })),
    );
  }
  const word = documents.find((d) => d.source === 'hostile-word.docx');
  if (!word) throw new Error('hostile-word.docx did not load');
  await value(call('updateMetadata', { docId: word.id, ...META_PAYLOADS }));
  documents = await Promise.all(summaries.map((s) => value<GlossDocument>(call('getDocument', { docId: s.id }))));

  // Every payload each reader kept as text becomes a passage, with hostile tags and a hostile note.
  const tagCycle = [...payloadTags.map((t) => t.id), 'cooperation', 'friction', 'hedging'];
  let k = 0;
  for (const doc of documents) {
    for (const p of PAYLOADS) {
      const start = doc.text.indexOf(p.source);
      if (start < 0) continue;
      k += 1;
      const tagIds = [tagCycle[k % tagCycle.length]!, ...(k % 4 === 0 ? [tagCycle[(k + 1) % tagCycle.length]!] : [])];
      const note = k % 7 === 0 ? '' : (NOTE_PAYLOADS[k % NOTE_PAYLOADS.length] ?? '');
      await value(call('createAnnotation', { docId: doc.id, start, end: start + p.source.length, exact: p.source, tagIds, note }));
      quoted.push({ doc: doc.source, n: p.n, source: p.source });
    }
    // The document's title block too, when the text opens with it.
    const first = doc.blocks[0];
    if (first) {
      const exact = doc.text.slice(first.start, first.end);
      await value(call('createAnnotation', { docId: doc.id, start: first.start, end: first.end, exact, tagIds: [payloadTags[0]!.id], note: NOTE_PAYLOADS[0] }));
    }
  }

  const byTag = { ...DEFAULT_OPTIONS };
  const byDocument: DigestOptions = { ...DEFAULT_OPTIONS, groupBy: 'document', hashtags: true, bom: true };
  // Filters echo the tag name and the search text into the export's heading lines.
  const filtered: DigestOptions = { ...DEFAULT_OPTIONS, tagIds: [payloadTags[0]!.id, payloadTags[1]!.id], docIds: [word.id], text: '<' };
  for (const format of ['md', 'html', 'pdf', 'csv', 'jsonld', 'qdpx', 'qdc'] as const) await exportAs(`by-tag.${format}`, format, byTag);
  for (const format of ['md', 'html', 'csv'] as const) await exportAs(`by-document.${format}`, format, byDocument);
  for (const format of ['md', 'html'] as const) await exportAs(`filtered.${format}`, format, filtered);
}, 120_000);

afterAll(async () => {
  await core?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

// ---- helpers ----------------------------------------------------------------------------------

const collapse = (s: string): string => s.replace(/[ \t\n\r\f\v]+/g, ' ').trim();
/** javascript:, vbscript: and data: URLs, however spaced, cased or split by controls. */
const SCRIPT_URL = /^(?:javascript|vbscript|data):/i;
const urlLike = (v: string): string => v.replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200d\u2060\ufeff]/g, '').toLowerCase();
const URL_ATTRS = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'data', 'poster', 'background', 'srcdoc', 'srcset', 'ping']);
/** Elements no inert page needs: they run, load, submit, embed, redirect or restyle. */
const FORBIDDEN = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'link', 'form', 'input', 'button',
  'textarea', 'select', 'img', 'video', 'audio', 'source', 'track', 'picture', 'details', 'dialog', 'template',
  'noscript', 'math', 'foreignobject', 'animate', 'set', 'animatetransform', 'animatemotion', 'use', 'image', 'portal',
]);

/** Every element and attribute that could run or load something, as "where: what" lines. */
function auditMarkup(root: Element, allowStyleElements: number, allowSvg: boolean): string[] {
  const problems: string[] = [];
  let styles = 0;
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    const name = el.localName.toLowerCase();
    if (FORBIDDEN.has(name)) problems.push(`<${name}> element`);
    if (name === 'svg' && !allowSvg) problems.push('<svg> element');
    if (name === 'style') styles += 1;
    if (name === 'meta' && el.getAttribute('http-equiv')?.toLowerCase() === 'refresh') problems.push('<meta http-equiv=refresh>');
    for (const attr of Array.from(el.attributes)) {
      const an = attr.name.toLowerCase();
      if (/^on/.test(an)) problems.push(`<${name} ${an}=…> event handler`);
      if (URL_ATTRS.has(an) && SCRIPT_URL.test(urlLike(attr.value))) problems.push(`<${name} ${an}="${attr.value.slice(0, 60)}">`);
      if (an === 'style' && /url\(|expression\(|@import|position\s*:\s*fixed|javascript:/i.test(attr.value)) {
        problems.push(`<${name} style="${attr.value.slice(0, 60)}">`);
      }
    }
  }
  if (styles > allowStyleElements) problems.push(`${styles} <style> elements (expected at most ${allowStyleElements})`);
  return problems;
}

/**
 * Raw markup in the serialised text, read the way a browser's tokenizer would: each "<name" opens
 * a tag whose attributes run (quotes respected) to ">". Flags scripts, active elements and any
 * attribute named on…; text and quoted attribute values are not markup, whatever they say.
 */
function rawMarkupProblems(source: string, allowed: ReadonlySet<string> = new Set()): string[] {
  const problems: string[] = [];
  const TAG = /<([A-Za-z][\w:.-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g;
  const ATTR = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?/g;
  for (const m of source.matchAll(TAG)) {
    const name = m[1]!.toLowerCase();
    if (FORBIDDEN.has(name) || ['style', 'svg', 'a', 'meta'].includes(name)) {
      if (!allowed.has(name)) problems.push(`raw <${name}> tag`);
    }
    for (const a of (m[2] ?? '').matchAll(ATTR)) {
      if (/^on/i.test(a[1]!)) problems.push(`raw <${name} ${a[1]}=…> event handler`);
    }
  }
  return problems;
}

/** C0 controls and DEL, which the HTML export drops (the reading text keeps them). */
const visible = (s: string): string => collapse(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''));

/** RFC 4180, as renderCsv writes it. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function stringsOf(value: unknown, out: { path: string; value: string }[] = [], path = '$'): { path: string; value: string }[] {
  if (typeof value === 'string') out.push({ path, value });
  else if (Array.isArray(value)) value.forEach((v, i) => stringsOf(v, out, `${path}[${i}]`));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) stringsOf(v, out, `${path}.${k}`);
  return out;
}

/** Control characters XML 1.0 cannot carry become U+FFFD in the REFI-QDA exports. */
const asXmlText = (s: string): string => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');

// ---- the corpus -------------------------------------------------------------------------------

describe('the hostile corpus', () => {
  it('holds at least 30 distinct payloads, and every reader keeps them as text without running them', () => {
    const perDoc = documents.map((d) => `${d.source}: ${quoted.filter((q) => q.doc === d.source).length} payloads as text`);
    console.log(
      `hostile inputs: ${PAYLOADS.length} document payloads + ${NOTE_PAYLOADS.length} notes + ${TAG_PAYLOADS.length} tag names + ` +
        `${Object.keys(META_PAYLOADS).length} edited details + ${Object.keys(DOC_TITLES).length + Object.keys(DOC_AUTHORS).length} ` +
        `stated titles/authors = ${HOSTILE_COUNT}\n  ${perDoc.join('\n  ')}\n  ${quoted.length} payload passages tagged`,
    );
    expect(new Set(PAYLOADS.map((p) => p.source)).size).toBe(PAYLOADS.length);
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(30);
    expect(documents.map((d) => d.source).sort()).toEqual([
      'hostile-markdown.md',
      'hostile-page.html',
      'hostile-plain.txt',
      'hostile-print.pdf',
      'hostile-word.docx',
    ]);
    // .txt, .md and .html keep every payload as words; .docx all that XML can hold; .pdf all it can print.
    for (const source of ['hostile-plain.txt', 'hostile-markdown.md', 'hostile-page.html']) {
      expect(quoted.filter((q) => q.doc === source).length, source).toBe(PAYLOADS.length);
    }
    expect(quoted.filter((q) => q.doc === 'hostile-word.docx').length).toBe(PAYLOADS.length - 1);
    expect(quoted.filter((q) => q.doc === 'hostile-print.pdf').length).toBeGreaterThanOrEqual(40);
    // Stated titles reach the document list as text, and the PDF's OpenAction script never ran.
    expect(documents.find((d) => d.source === 'hostile-page.html')?.title).toBe(DOC_TITLES.html);
    expect(documents.find((d) => d.source === 'hostile-print.pdf')?.author).toBe(DOC_AUTHORS.pdf);
    expect(Object.keys(globalThis).filter((k) => k.startsWith('__pwned'))).toEqual([]);
  });

  it('no attribute, script or style content of live markup reaches the reading text of the .html and .docx documents', () => {
    // Payloads whose code sits in an attribute (handlers, URLs) or in script/style/svg/math content.
    const hidden = [1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 46, 47, 48, 49, 50, 51];
    const leaked = new RegExp(`__pwned_(?:${hidden.join('|')}|og_url|canonical|docx_link|docx_data|docx_creator)\\b`, 'g');
    const statedText = [...PAYLOADS.map((p) => p.source), ...Object.values(DOC_TITLES), ...Object.values(DOC_AUTHORS)];
    // (Not the .md: Markdown that is not valid syntax, like payloads 36 and 37, rightly stays as its words.)
    for (const doc of documents.filter((d) => /\.(html|docx)$/.test(d.source))) {
      // Cut out the escaped copies, which are meant to be words; what is left came from live markup.
      const rest = statedText.reduce((t, s) => t.split(s).join(' '), doc.text);
      expect(rest.match(leaked) ?? [], doc.source).toEqual([]);
    }
  });
});

// ---- HTML -------------------------------------------------------------------------------------

describe('the HTML export', () => {
  const keys = ['by-tag.html', 'by-document.html', 'filtered.html', 'by-tag.pdf:printed-html'];

  it.each(keys)('%s has no executable markup, and shows every payload as text', (key) => {
    const html = text(key);
    const { document } = parseHTML(html);
    const problems = auditMarkup(document.documentElement, 1, true);
    // Charts are Glossator's own SVG; inside them no payload-derived element may appear either.
    console.log(`${key}: ${document.querySelectorAll('*').length} elements walked, ${problems.length} problems`);
    expect(problems).toEqual([]);
    // Below <head> (its one <style> and CSP meta are Glossator's), outside the charts' own SVG.
    expect(rawMarkupProblems(html.slice(html.indexOf('<body>')).replace(/<svg[\s\S]*?<\/svg>/g, ''))).toEqual([]);
    const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src|unsafe-eval/);
    for (const el of Array.from(document.querySelectorAll('[style]'))) {
      expect(el.getAttribute('style')).toMatch(/^--tag:#[0-9a-f]{6};--on:#[0-9a-f]{6}$/);
    }
    if (key !== 'filtered.html') {
      const shown = visible(document.body.textContent ?? '');
      const missing = quoted.filter((q) => !shown.includes(visible(q.source))).map((q) => `${q.doc}#${q.n}`);
      expect(missing).toEqual([]);
      for (const note of NOTE_PAYLOADS) expect(shown).toContain(collapse(note));
      for (const tag of TAG_PAYLOADS) expect(shown).toContain(tag);
      for (const v of Object.values(META_PAYLOADS)) expect(shown).toContain(v);
    } else {
      // The filter line quotes the payload tag names and the search text, escaped.
      expect(collapse(document.body.textContent ?? '')).toContain(`tags ${TAG_PAYLOADS[0]} or ${TAG_PAYLOADS[1]}`);
    }
  });
});

// ---- Markdown ---------------------------------------------------------------------------------

const HAS_URL = /https?:\/\/|www\./i;
const withoutFrontMatter = (md: string): string => md.replace(/^\uFEFF?---\n[\s\S]*?\n---\n/, '');

describe('the Markdown export', () => {
  const keys = ['by-tag.md', 'by-document.md', 'filtered.md'];

  it.each(keys)('%s rendered by marked WITHOUT DOMPurify has no executable markup, and payloads read as text', (key) => {
    const md = text(key);
    const html = marked.parse(withoutFrontMatter(md), { async: false, gfm: true });
    const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
    const problems = auditMarkup(document.body, 0, false);
    const tags = [...new Set(Array.from(document.body.querySelectorAll('*')).map((e) => e.localName))].sort();
    console.log(`${key}: marked → ${document.body.querySelectorAll('*').length} elements (${tags.join(' ')}), ${problems.length} problems`);
    expect(problems).toEqual([]);
    // Only the structure the digest writes itself: headings, paragraphs, quotes, the counts table.
    // (Links are checked apart, below: GFM makes links of bare URLs.)
    expect(tags.filter((t) => !/^(h[1-6]|p|blockquote|br|table|thead|tbody|tr|th|td|em|strong|ul|li|code|hr|a)$/.test(t))).toEqual([]);
    expect(rawMarkupProblems(html, new Set(['a']))).toEqual([]);
    expect(document.querySelectorAll('img')).toHaveLength(0);
    if (key !== 'filtered.md') {
      // Payloads with a URL in them are checked apart, below (GFM autolinks).
      const shown = visible(document.body.textContent ?? '');
      const missing = quoted.filter((q) => !HAS_URL.test(q.source) && !shown.includes(visible(q.source))).map((q) => `${q.doc}#${q.n}`);
      expect(missing).toEqual([]);
      for (const note of NOTE_PAYLOADS.filter((n) => !HAS_URL.test(n))) {
        for (const line of note.split('\n').filter((l) => l.trim() !== '')) expect(shown).toContain(collapse(line));
      }
      for (const tag of TAG_PAYLOADS) expect(shown).toContain(tag);
    }
  });

  it.each(keys)('%s: URLs in quotes, notes and details stay text (marked makes no links of them)', (key) => {
    // FINDING: escapeInline() (src/main/export/markdown.ts) escapes "_" and "<" but not GFM's
    // autolink literals, so marked turns every https:// or www. in a quote, note or detail into a
    // live <a href>, and shows the escaping backslashes inside it ("pwned.invalid/\\_\\_pwned…").
    const html = marked.parse(withoutFrontMatter(text(key)), { async: false, gfm: true });
    const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
    const links = Array.from(document.querySelectorAll('a')).map((a) => a.getAttribute('href') ?? '');
    console.log(`${key}: ${links.length} links after marked${links.length ? `, e.g. ${links.slice(0, 2).join(' ')}` : ''}`);
    expect(links, 'bare URLs became links').toEqual([]);
    if (key !== 'filtered.md') {
      const shown = visible(document.body.textContent ?? '');
      const mangled = quoted.filter((q) => HAS_URL.test(q.source) && !shown.includes(visible(q.source))).map((q) => `${q.doc}#${q.n}`);
      expect(mangled, 'payloads with a URL no longer read as written').toEqual([]);
    }
  });

  it('front matter is valid YAML-safe JSON strings: no payload breaks out of its quotes', () => {
    const front = /^---\n([\s\S]*?)\n---\n/.exec(text('filtered.md'))?.[1] ?? '';
    for (const line of front.split('\n')) {
      const m = /^\s*[a-z_]+:\s*(.*)$/.exec(line);
      // Plain scalars may carry a YAML comment ("passage_count: 21  # passages in this digest").
      if (!m || m[1] === '' || /^(\{\}|true|false|\d+)(\s+#.*)?$/.test(m[1]!)) continue;
      expect(() => JSON.parse(m[1]!), line).not.toThrow();
    }
    expect(front).toContain(JSON.stringify(TAG_PAYLOADS[0]));
  });

  it.runIf(existsSync(CHROMIUM))(
    'the renderer’s marked + DOMPurify, in Chromium, lets the whole digest through unchanged and runs nothing',
    async () => {
      // The renderer's own module, bundled as the app bundles it.
      const bundle = await build({
        stdin: {
          contents: `export { renderMarkdown } from './src/renderer/src/lib/markdown';\nexport { marked } from 'marked';`,
          resolveDir: process.cwd(),
          loader: 'ts',
        },
        bundle: true,
        format: 'iife',
        globalName: 'GlossatorMarkdown',
        platform: 'browser',
        write: false,
        logLevel: 'silent',
      });
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
      try {
        const page = await browser.newPage();
        const dialogs: string[] = [];
        const requests: string[] = [];
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        page.on('request', (r) => {
          if (!r.url().startsWith('about:') && !r.url().startsWith('data:')) requests.push(r.url());
        });
        await page.setContent('<!doctype html><html><head></head><body><main></main></body></html>');
        await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
        for (const key of keys) {
          const result = await page.evaluate(async (md) => {
            const g = window as unknown as {
              GlossatorMarkdown: { renderMarkdown(m: string): string; marked: { parse(m: string, o: object): string } };
            };
            const body = md.replace(/^\uFEFF?---\n[\s\S]*?\n---\n/, '');
            const normalise = (html: string): string => {
              const t = document.createElement('template');
              t.innerHTML = html;
              return t.innerHTML;
            };
            const raw = normalise(g.GlossatorMarkdown.marked.parse(body, { async: false, gfm: true }));
            const clean = g.GlossatorMarkdown.renderMarkdown(md);
            document.querySelector('main')!.innerHTML = clean;
            await new Promise((r) => setTimeout(r, 200));
            return {
              same: raw === normalise(clean),
              rawLength: raw.length,
              cleanLength: clean.length,
              pwned: Object.keys(window).filter((k) => k.startsWith('__pwned')),
            };
          }, text(key));
          console.log(`${key}: DOMPurify kept ${result.cleanLength} of ${result.rawLength} characters; unchanged: ${result.same}`);
          expect(result.pwned).toEqual([]);
          expect(result.same, `DOMPurify had to remove something from ${key}`).toBe(true);
        }
        expect(dialogs).toEqual([]);
        expect(requests).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});

// ---- the exported HTML, opened in a browser -----------------------------------------------------

describe('the exported HTML in Chromium', () => {
  it.runIf(existsSync(CHROMIUM))(
    'runs nothing, opens nothing and loads nothing, even with its Content-Security-Policy removed',
    async () => {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
      try {
        const context = await browser.newContext();
        const page = await context.newPage();
        const events: string[] = [];
        page.on('dialog', (d) => {
          events.push(`dialog: ${d.message()}`);
          void d.dismiss();
        });
        page.on('popup', (p) => events.push(`popup: ${p.url()}`));
        page.on('request', (r) => {
          if (!/^(about|data):/.test(r.url())) events.push(`request: ${r.url()}`);
        });
        page.on('pageerror', (e) => events.push(`page error: ${e.message}`));
        for (const key of ['by-tag.html', 'by-document.html', 'filtered.html']) {
          const html = text(key).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
          await page.setContent(html, { waitUntil: 'load' });
          await page.mouse.move(200, 200);
          await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
          await page.waitForTimeout(200);
          const state = await page.evaluate(() => ({
            pwned: Object.keys(window).filter((k) => k.startsWith('__pwned')),
            url: location.href,
            scripts: document.scripts.length,
          }));
          expect(state, key).toEqual({ pwned: [], url: 'about:blank', scripts: 0 });
        }
        expect(events).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});

// ---- CSV --------------------------------------------------------------------------------------

describe('the CSV export', () => {
  it.each(['by-tag.csv', 'by-document.csv'])('%s guards every cell that starts with = + - @, and keeps payloads as plain text', (key) => {
    const csv = text(key).replace(/^\uFEFF/, '');
    const rows = parseCsv(csv);
    const [header, ...body] = rows;
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(body.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    const foreign = ['document_id', 'document_title', 'author', 'publisher', 'date', 'section', 'paragraph', 'page', 'tag', 'quote', 'note'];
    const cols = foreign.map((c) => CSV_COLUMNS.indexOf(c as (typeof CSV_COLUMNS)[number]));
    const dangerous = body.flatMap((r, i) => cols.filter((c) => /^[=+\-@\t\r]/.test(r[c] ?? '')).map((c) => `row ${i + 2} ${CSV_COLUMNS[c]}: ${r[c]}`));
    const guarded = body.flatMap((r) => cols.map((c) => r[c] ?? '')).filter((v) => /^'[=+\-@\t\r]/.test(v));
    console.log(`${key}: ${body.length} rows, ${guarded.length} cells guarded with a leading apostrophe, ${dangerous.length} unguarded`);
    expect(dangerous).toEqual([]);
    const quotes = new Set(body.map((r) => r[CSV_COLUMNS.indexOf('quote')]));
    for (const n of [52, 53, 54, 55]) {
      const source = PAYLOADS[n - 1]!.source;
      expect(quotes.has(`'${source}`), `payload ${n}`).toBe(true);
    }
    const tags = new Set(body.map((r) => r[CSV_COLUMNS.indexOf('tag')]));
    expect(tags.has(`'${TAG_PAYLOADS[2]}`)).toBe(true);
    const notes = new Set(body.map((r) => r[CSV_COLUMNS.indexOf('note')]));
    expect(notes.has(`'${NOTE_PAYLOADS[4]}`)).toBe(true);
    // Read as a spreadsheet whose list separator is ";" or tab reads it: no cell is a formula there either.
    for (const separator of [';', '\t'] as const) {
      const cells = readAsSpreadsheet(csv, separator).flat();
      const formulas = cells.filter(isFormula);
      console.log(`${key} read with ${JSON.stringify(separator)} as the separator: ${cells.length} cells, ${formulas.length} formula cells`);
      expect(formulas).toEqual([]);
    }
    const publishers = new Set(body.map((r) => r[CSV_COLUMNS.indexOf('publisher')]));
    expect([...publishers].some((p) => p?.startsWith(`'=HYPERLINK(`))).toBe(true);
    // Every other payload quote comes back exactly, as one cell.
    for (const q of quoted.filter((q) => !/^[=+\-@]/.test(q.source))) expect(quotes.has(q.source), `${q.doc}#${q.n}`).toBe(true);
  });
});

// ---- JSON-LD ----------------------------------------------------------------------------------

describe('the JSON-LD export', () => {
  it('is valid JSON whose payloads are plain string values, and no IRI is a script URL', () => {
    const json = text('by-tag.jsonld');
    const parsed = JSON.parse(json) as unknown;
    const strings = stringsOf(parsed);
    const values = new Set(strings.map((s) => s.value));
    console.log(`by-tag.jsonld: ${json.length} characters, ${strings.length} string values`);
    const missing = quoted.filter((q) => !values.has(q.source)).map((q) => `${q.doc}#${q.n}`);
    expect(missing).toEqual([]);
    for (const note of NOTE_PAYLOADS) expect(values.has(note), note).toBe(true);
    for (const tag of TAG_PAYLOADS) expect(values.has(tag), tag).toBe(true);
    // JSON.stringify escapes nothing HTML-ish, but a U+2028/2029 or "</script" could still hurt a page embedding it.
    expect(json).not.toMatch(/[\u2028\u2029]/);
    // Identifiers are IRIs a consumer will follow or render as links: never javascript: or data:.
    const iris = strings.filter((s) => /\.(id|source)$|\[\d+\]$/.test(s.path) && /^[a-z][a-z0-9+.-]*:/i.test(s.value));
    // FINDING: manifest.json's "url" is not checked (src/main/corpus/corpus.ts, manifestSchema), and
    // webanno-export.ts writes it as the source's dcterms:source id, javascript: and all.
    const scriptIris = iris.filter((s) => SCRIPT_URL.test(urlLike(s.value)) && /\.id$/.test(s.path));
    expect([...new Set(scriptIris.map((s) => `${s.path.replace(/\[\d+\]/g, '[]')} = ${s.value}`))], 'script URLs as IRIs').toEqual([]);
  });
});

// ---- REFI-QDA (XML) -----------------------------------------------------------------------------

describe('the REFI-QDA exports', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true, trimValues: false });

  function xmlFacts(xml: string): { names: Set<string>; values: string[] } {
    const names = new Set<string>();
    const values: string[] = [];
    const walk = (nodes: unknown): void => {
      if (!Array.isArray(nodes)) return;
      for (const node of nodes as Record<string, unknown>[]) {
        for (const [k, v] of Object.entries(node)) {
          if (k === ':@') for (const a of Object.values(v as Record<string, string>)) values.push(String(a));
          else if (k === '#text') values.push(String(v));
          else if (k !== '?xml' && k !== '#comment') {
            names.add(k);
            walk(v);
          }
        }
      }
    };
    walk(parser.parse(xml));
    return { names, values };
  }

  function checkXml(label: string, xml: string, expectPassages: boolean): void {
    expect(XMLValidator.validate(xml), label).toBe(true);
    expect(xml, `${label} holds characters XML 1.0 forbids`).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    const { names, values } = xmlFacts(xml);
    console.log(`${label}: well-formed, ${names.size} element names (${[...names].sort().join(' ')}), ${values.length} values`);
    // Only QDA-XML's own elements: a payload never turned into an element.
    expect([...names].filter((n) => !/^[A-Z][A-Za-z]+$/.test(n))).toEqual([]);
    expect(rawMarkupProblems(xml)).toEqual([]);
    const decoded = values.map((v) => v.replace(/&(lt|gt|amp|quot|apos|#(\d+)|#x([0-9a-f]+));/gi, (_m, e: string, d?: string, h?: string) =>
      d ? String.fromCodePoint(Number(d)) : h ? String.fromCodePoint(parseInt(h, 16)) : ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e]!,
    ));
    const all = decoded.join('\n');
    for (const tag of TAG_PAYLOADS) expect(decoded, `${label}: tag ${tag}`).toContain(tag);
    if (expectPassages) {
      for (const note of NOTE_PAYLOADS) expect(all, `${label}: note`).toContain(asXmlText(note));
      expect(all).toContain(META_PAYLOADS.title);
    }
  }

  it('the codebook (.qdc) is well-formed XML with payload tag names escaped', () => {
    checkXml('by-tag.qdc', text('by-tag.qdc'), false);
  });

  it('the project (.qdpx) is a zip whose project.qde is well-formed XML with every payload escaped', () => {
    const files = unzipSync(exported.get('by-tag.qdpx') as Uint8Array);
    const qde = new TextDecoder().decode(files['project.qde']);
    checkXml('by-tag.qdpx project.qde', qde, true);
    const sources = Object.keys(files).filter((f) => f.startsWith('sources/'));
    expect(sources.length).toBe(documents.length);
    // The sources are the documents' plain reading text, payloads and all: plain text is inert.
    const texts = sources.map((f) => new TextDecoder().decode(files[f]));
    for (const doc of documents) expect(texts).toContain(doc.text);
  });
});

// ---- prototype-named tags -------------------------------------------------------------------------

describe('tags named like Object.prototype members', () => {
  // FINDING: documents.ts counts with `summary.tagCounts[t] = (summary.tagCounts[t] ?? 0) + 1` on a
  // plain {}, so a tag named "constructor" starts from Object.prototype.constructor.
  it('count their passages as numbers in the document list', async () => {
    const doc = documents.find((d) => d.source === 'hostile-plain.txt')!;
    const made: Tag[] = [];
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      made.push(await value<Tag>(call('createTag', { name, color: '#123456' })));
    }
    const exact = PAYLOADS[0]!.source;
    const start = doc.text.lastIndexOf(exact);
    await value(call('createAnnotation', { docId: doc.id, start, end: start + exact.length, exact, tagIds: made.map((t) => t.id) }));
    const summaries = await value<{ id: string; tagCounts: Record<string, unknown> }[]>(call('listDocuments', {}));
    const counts = summaries.find((s) => s.id === doc.id)!.tagCounts;
    console.log(`prototype-named tag ids: ${made.map((t) => t.id).join(', ')}; counts: ${JSON.stringify(made.map((t) => counts[t.id]))}`);
    for (const t of made) expect(counts[t.id], `tagCounts[${t.id}]`).toBe(1);
  });
});
