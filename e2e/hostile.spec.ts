// Hostile inputs: documents, notes, tag names and details full of script, markup, link and style tricks run nothing.
//
// The corpus is e2e/fixtures/hostile-corpus/ (written by scripts/make-hostile-corpus.ts from the
// payloads in scripts/hostile-payloads.ts): a .txt, .md, .html, .docx and .pdf, each carrying the
// payloads as text and, where the format allows, as live markup. Every payload that ran would leave
// a trace: a dialog, a `__pwned_*` global, a navigation, a popup, a request off the app's origin,
// or a Content-Security-Policy violation. Tripwires for all of them are armed before each test and
// checked after every step that shows hostile text, and once more at the end.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import type { WorkbenchPage } from './support/workbench-page';
import { DOC_TITLES, META_PAYLOADS, NOTE_PAYLOADS, PAYLOADS, PDF_PAYLOADS, TAG_PAYLOADS } from '../scripts/hostile-payloads';

test.use({ corpusDir: join(process.cwd(), 'e2e/fixtures/hostile-corpus') });

const payload = (n: number): string => PAYLOADS[n - 1]!.source;

/** What each document is called in the list, and which payloads it holds as reading text. */
const DOCUMENTS = [
  { ext: 'txt', title: DOC_TITLES.txt, payloads: PAYLOADS },
  { ext: 'md', title: DOC_TITLES.md, payloads: PAYLOADS },
  { ext: 'html', title: DOC_TITLES.html, payloads: PAYLOADS },
  { ext: 'docx', title: DOC_TITLES.docx, payloads: PAYLOADS.filter((p) => p.n !== 44) },
  { ext: 'pdf', title: DOC_TITLES.pdf, payloads: PDF_PAYLOADS },
] as const;

interface Trip {
  what: string;
  detail: string;
}

/**
 * Everything that would show a payload ran. Listeners on the page and its context catch dialogs,
 * navigations, popups and requests; an in-page listener catches CSP violations (an inline handler
 * or style that got into the DOM and was blocked); `check()` also looks for `__pwned_*` globals
 * and walks the live DOM for anything executable that was not there when the app started.
 */
class Tripwires {
  readonly trips: Trip[] = [];
  private url = '';
  /** Where the app's own bundle lives (http://glossator.test/assets/ or file:///…/out/renderer/assets/). */
  private assets = '';

  constructor(private readonly page: Page) {}

  async arm(): Promise<void> {
    const { page } = this;
    this.url = page.url();
    this.assets = URL.canParse('assets/', this.url) ? new URL('assets/', this.url).href : this.url;
    page.on('dialog', (dialog) => {
      this.trips.push({ what: `${dialog.type()} dialog`, detail: dialog.message() });
      void dialog.dismiss().catch(() => undefined);
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.trips.push({ what: 'navigation', detail: frame.url() });
      else this.trips.push({ what: 'frame navigation', detail: frame.url() });
    });
    page.on('popup', (popup) => this.trips.push({ what: 'popup', detail: popup.url() }));
    page.context().on('page', (other) => this.trips.push({ what: 'new page', detail: other.url() }));
    page.on('request', (request) => {
      const url = request.url();
      // The app only ever loads its own bundle; an <img src=x>, @import or <link> would show here.
      if (!url.startsWith(this.assets)) this.trips.push({ what: 'request', detail: url });
    });
    page.on('pageerror', (error) => this.trips.push({ what: 'page error', detail: error.message }));
    await page.evaluate(() => {
      const w = window as unknown as { __tripwireCsp: string[]; __tripwireBaseline: string[] };
      w.__tripwireCsp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__tripwireCsp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}: ${e.sample}`),
      );
      // Scripts, styles and links the app itself put in the page; anything later is suspect.
      w.__tripwireBaseline = [...document.querySelectorAll('script, style, link, meta, base')].map((e) => e.outerHTML);
    });
  }

  /** Every trip so far, `__pwned_*` globals, CSP violations, and anything executable in the live DOM. */
  async report(): Promise<{ trips: string[]; globals: string[]; cspViolations: string[]; domProblems: string[]; url: string }> {
    const state = await this.page.evaluate((assets) => {
      const w = window as unknown as { __tripwireCsp: string[]; __tripwireBaseline: string[] };
      const problems: string[] = [];
      const scriptUrl = /^(?:javascript|vbscript|data):/i;
      const squeeze = (v: string): string => v.replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200d\u2060\ufeff]/g, '');
      const baseline = new Set(w.__tripwireBaseline);
      for (const el of document.querySelectorAll('*')) {
        const name = el.localName;
        if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'form', 'noscript', 'math'].includes(name)) {
          problems.push(`<${name}> element`);
        }
        if (['script', 'style', 'link', 'meta', 'base'].includes(name) && !baseline.has(el.outerHTML)) {
          problems.push(`new <${name}>: ${el.outerHTML.slice(0, 120)}`);
        }
        for (const attr of el.attributes) {
          if (/^on/i.test(attr.name)) problems.push(`<${name} ${attr.name}="${attr.value.slice(0, 60)}">`);
          if (['href', 'src', 'xlink:href', 'action', 'formaction', 'data', 'srcdoc'].includes(attr.name) && scriptUrl.test(squeeze(attr.value))) {
            problems.push(`<${name} ${attr.name}="${attr.value.slice(0, 60)}">`);
          }
        }
        if (name === 'img' && !(el as HTMLImageElement).src.startsWith(assets)) problems.push(`<img src="${(el as HTMLImageElement).src}">`);
      }
      // The page must not have been hidden or overlaid by a style trick.
      const body = getComputedStyle(document.body);
      if (body.visibility !== 'visible' || body.display === 'none') problems.push(`body is ${body.visibility}/${body.display}`);
      for (const el of document.querySelectorAll('body *')) {
        const style = getComputedStyle(el);
        if (style.position === 'fixed' && /pwned/.test(el.textContent ?? '') && el.getBoundingClientRect().width >= innerWidth * 0.9) {
          problems.push(`a fixed overlay covers the page: <${el.localName}>`);
        }
      }
      return {
        globals: Object.getOwnPropertyNames(window).filter((k) => /pwned/i.test(k)),
        csp: w.__tripwireCsp ?? [],
        problems,
        href: location.href,
      };
    }, this.assets);
    return {
      trips: this.trips.map((t) => `${t.what}: ${t.detail}`),
      globals: state.globals,
      cspViolations: state.csp,
      domProblems: state.problems,
      url: state.href,
    };
  }

  /** Fails with every trip so far, and with anything executable in the live DOM. */
  async check(where: string): Promise<void> {
    const report = await this.report();
    expect(report, `hostile input ran or left executable markup (${where})`).toEqual({
      trips: [],
      globals: [],
      cspViolations: [],
      domProblems: [],
      url: this.url,
    });
    expect(this.page.url()).toBe(this.url);
  }
}

let wires: Tripwires;

test.beforeEach(async ({ workbench }) => {
  wires = new Tripwires(workbench.page);
  await wires.arm();
});

test.afterEach(async () => {
  // A test the electron host skipped never armed the tripwires.
  if (wires) await wires.check('end of test');
});

test('the tripwires catch a payload that does run (a control, on a scratch page outside the app)', async ({ workbench }) => {
  // Without this, a silent harness would pass every hostile test. The scratch page has no CSP, so
  // a planted handler runs: it must show up as a global, a dialog, a popup, a navigation and DOM
  // problems. A second page with the app's CSP must report the blocked handler as a violation.
  const browser = workbench.page.context().browser();
  test.skip(browser === null, 'needs the chromium host');
  const context = await browser!.newContext();
  try {
    const open = await context.newPage();
    await open.setContent('<!doctype html><html><head></head><body><p>scratch</p></body></html>');
    const control = new Tripwires(open);
    await control.arm();
    await open.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__pwned_control=1"><div style="position:fixed;inset:0">__pwned overlay</div>');
      setTimeout(() => alert('__pwned_control_alert'), 0);
    });
    await expect.poll(async () => (await control.report()).globals).toEqual(['__pwned_control']);
    await expect.poll(() => control.trips.map((t) => t.what)).toContain('alert dialog');
    await open.evaluate(() => void window.open('about:blank#__pwned_popup'));
    await expect.poll(() => control.trips.map((t) => t.what)).toContain('popup');
    const planted = await control.report();
    expect(planted.domProblems).toEqual(
      expect.arrayContaining(['<img onerror="window.__pwned_control=1">', 'a fixed overlay covers the page: <div>']),
    );
    await open.evaluate(() => (location.hash = '#__pwned_moved'));
    await expect.poll(() => control.trips.map((t) => t.what)).toContain('navigation');
    expect((await control.report()).url).toMatch(/#__pwned_moved$/);

    const strict = await context.newPage();
    await strict.setContent(
      `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; img-src 'self' data:"></head><body></body></html>`,
    );
    const csp = new Tripwires(strict);
    await csp.arm();
    await strict.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__pwned_csp=1">'));
    await expect.poll(async () => (await csp.report()).cspViolations.length).toBeGreaterThan(0);
    const report = await csp.report();
    expect(report.globals).toEqual([]);
    expect(report.domProblems).toContain('<img onerror="window.__pwned_csp=1">');
  } finally {
    await context.close();
  }
});

/** The reading pane, scrolled a screen at a time to the end, with the pointer resting on the text at each stop. */
async function scrollThrough(workbench: WorkbenchPage): Promise<number> {
  const { page } = workbench;
  const pane = page.getByRole('region', { name: 'Document' });
  const box = (await pane.boundingBox())!;
  let stops = 0;
  for (;;) {
    const { top, max } = await pane.evaluate((el) => ({ top: el.scrollTop, max: el.scrollHeight - el.clientHeight }));
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
    await page.mouse.move(box.x + box.width / 3, box.y + (box.height * 2) / 3, { steps: 4 });
    stops += 1;
    if (top >= max - 1 || stops > 200) break;
    await pane.evaluate((el) => el.scrollBy(0, el.clientHeight * 0.9));
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  }
  await pane.evaluate((el) => el.scrollTo(0, 0));
  return stops;
}

/** What the reading text holds, and any element or attribute in it that is not the reader's own. */
async function readingText(workbench: WorkbenchPage): Promise<{ text: string; foreign: string[] }> {
  return workbench.text.evaluate((article) => {
    const foreign: string[] = [];
    const own = new Set(['class', 'tabindex', 'dir', 'aria-label', 'data-block', 'data-para', 'data-marker', 'data-label']);
    for (const el of article.querySelectorAll('*')) {
      // The reader's own chunks of blocks carry a size estimate in their style; nothing else may.
      const chunk = el.localName === 'div' && el.className === 'chunk';
      if (!chunk && !['p', 'li', 'ul', 'h2'].includes(el.localName)) foreign.push(`<${el.localName}>`);
      for (const a of el.attributes) {
        if (own.has(a.name) || a.name.startsWith('data-svelte') || (chunk && a.name === 'style')) continue;
        foreign.push(`${el.localName}[${a.name}]`);
      }
    }
    return { text: article.textContent ?? '', foreign };
  });
}

/** Puts the paragraph holding `text` in view, for a screenshot of payloads among the prose. */
async function showParagraph(workbench: WorkbenchPage, text: string): Promise<void> {
  await workbench.page.evaluate((needle) => {
    const block = [...document.querySelectorAll<HTMLElement>('article [data-block]')].find((b) => b.textContent?.includes(needle));
    block?.scrollIntoView({ block: 'start', behavior: 'instant' });
  }, text);
  await workbench.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

test('every hostile document, in every format, reads as inert text while scrolled, hovered and selected', async ({ workbench }) => {
  test.setTimeout(180_000);
  const { page } = workbench;
  console.log(`hostile corpus: ${PAYLOADS.length} payloads in ${DOCUMENTS.length} documents (${DOCUMENTS.map((d) => `.${d.ext}: ${d.payloads.length}`).join(', ')})`);
  for (const doc of DOCUMENTS) {
    await workbench.openDocument(doc.title);
    // The title, stated by the document itself, is a heading's words, not markup.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(doc.title);

    const { text, foreign } = await readingText(workbench);
    expect(foreign, `.${doc.ext}: the reading text holds foreign markup`).toEqual([]);
    const missing = doc.payloads.filter((p) => !text.includes(p.source)).map((p) => p.n);
    expect(missing, `.${doc.ext}: payloads not shown as text`).toEqual([]);
    // Payloads are visible words on screen, e.g. the script tag and the img onerror.
    await expect(workbench.text.getByText(payload(1)).first()).toBeVisible();

    const stops = await scrollThrough(workbench);
    await workbench.dragSelect(payload(8));
    await expect(workbench.tagBar).toBeVisible();
    await page.keyboard.press('Escape');
    await workbench.select(payload(doc.ext === 'pdf' ? 45 : 58));
    await page.keyboard.press('Escape');

    await showParagraph(workbench, 'P05 attribute breakout');
    await workbench.screenshot(`30-hostile-${doc.ext}`);
    await wires.check(`.${doc.ext} read, ${stops} screens`);
  }
});

test('payload tags, notes and details stay inert in the panel, hover card, search, Passages view and digest', async ({ glossator, workbench }) => {
  test.setTimeout(180_000);
  const { page } = workbench;

  // Codebook: two tags named with payloads, one described with one; they take shortcuts 4 and 5.
  await workbench.button('Codebook').click();
  const codebook = page.getByRole('dialog', { name: 'Codebook' });
  const form = codebook.getByRole('form', { name: 'New tag' });
  for (const [i, name] of TAG_PAYLOADS.slice(0, 2).entries()) {
    await form.getByRole('textbox', { name: 'New tag name' }).fill(name);
    await form.getByRole('textbox', { name: 'New tag description' }).fill(NOTE_PAYLOADS[i + 1]!);
    await form.getByRole('button', { name: 'Add tag' }).click();
    await expect(codebook.getByRole('region', { name, exact: true }).getByRole('combobox', { name: 'Shortcut' })).toHaveValue(String(4 + i));
  }
  await workbench.screenshot('30-hostile-codebook');
  await codebook.getByRole('button', { name: 'Close' }).click();
  await wires.check('codebook');

  // Passages on payload text, tagged with payload tags, with payload notes.
  await workbench.openDocument(DOC_TITLES.txt);
  const tagged: [number, string, string][] = [
    [1, '4', NOTE_PAYLOADS[0]!],
    [8, '5', NOTE_PAYLOADS[1]!],
    [17, '1', NOTE_PAYLOADS[2]!],
    [21, '4', NOTE_PAYLOADS[3]!],
    [33, '2', NOTE_PAYLOADS[5]!],
    [45, '5', NOTE_PAYLOADS[6]!],
    [52, '3', NOTE_PAYLOADS[4]!],
    [56, '4', NOTE_PAYLOADS[7]!],
    [58, '5', NOTE_PAYLOADS[8]!],
  ];
  for (const [n, key, note] of tagged) {
    await workbench.tag(payload(n), key);
    await workbench.setNote(workbench.passage(payload(n)), note);
  }
  await expect(workbench.passages).toHaveCount(tagged.length);
  await expect(workbench.tagChip(workbench.passage(payload(1)), TAG_PAYLOADS[0]!)).toHaveAttribute('aria-pressed', 'true');
  // The tag bar shows a payload description as its tooltip text, verbatim.
  await workbench.select(payload(9));
  await expect(workbench.tagBar.getByRole('button', { name: TAG_PAYLOADS[0]!, exact: true })).toHaveAttribute('title', NOTE_PAYLOADS[1]!);
  await page.keyboard.press('Escape');
  await wires.check('tagging and notes');

  // Hover card over the passage tagged with a payload tag and noted with a payload.
  await workbench.text.getByText(payload(8)).scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const point = await page.evaluate((text) => {
    const node = [...document.querySelectorAll('article [data-block]')].map((e) => e.firstChild as Text).find((t) => t.data.includes(text))!;
    const range = document.createRange();
    const at = node.data.indexOf(text) + 5;
    range.setStart(node, at);
    range.setEnd(node, at + 1);
    const r = range.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, payload(8));
  await page.mouse.move(point.x, point.y);
  const card = page.getByRole('tooltip');
  await expect(card).toContainText(TAG_PAYLOADS[1]!);
  await expect(card).toContainText(NOTE_PAYLOADS[1]!.slice(0, 40));
  await workbench.screenshot('30-hostile-hover');
  await page.mouse.move(5, 5);
  await wires.check('hover card');

  // Document details: a payload title, author and publisher, saved and shown as words.
  await page.getByRole('button', { name: 'Edit details' }).click();
  const details = page.getByRole('form', { name: 'Document details' });
  await details.getByRole('textbox', { name: 'Title' }).fill(META_PAYLOADS.title);
  await details.getByRole('textbox', { name: 'Author' }).fill(META_PAYLOADS.author);
  await details.getByRole('textbox', { name: 'Publisher' }).fill(META_PAYLOADS.publisher);
  await details.getByRole('textbox', { name: 'URL' }).fill('javascript:window.__pwned_meta_url=1');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(workbench.alert).toContainText('A URL must start with http:// or https://');
  await details.getByRole('textbox', { name: 'URL' }).fill('');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(META_PAYLOADS.title);
  await expect(workbench.documentButton(META_PAYLOADS.title)).toContainText(META_PAYLOADS.author);
  await workbench.screenshot('30-hostile-details');
  await wires.check('document details');

  // Search for payload strings: keyword in context shows them as words, and a hit jumps to its text.
  await page.keyboard.press('Control+f');
  const search = page.getByRole('region', { name: 'Search' });
  const box = search.getByRole('searchbox', { name: 'Search the corpus' });
  for (const query of ['<script>', 'onerror', 'javascript:', '{{constructor', '<img src=x onerror=window.__pwned_search=1>']) {
    await box.fill(query);
    await expect(search.locator('p[aria-live]')).toHaveText(/^(\d+ hits? in \d+ documents?|No hits)$/);
  }
  await box.fill('onerror');
  await expect(search.locator('p[aria-live]')).toHaveText(/^\d+ hits in 5 documents$/);
  const hits = search.getByRole('button', { name: /^Go to hit/ });
  await expect(hits.first().locator('mark')).toHaveText(/onerror/i);
  await workbench.screenshot('30-hostile-search');
  await hits.nth(3).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('');
  await box.fill('');
  await wires.check('search');

  // The Passages view: every payload passage, with its payload tags and notes, across the corpus.
  await workbench.button('Passages').click();
  const view = page.getByRole('region', { name: 'Passages across the corpus' });
  const rows = view.getByRole('row').filter({ has: page.getByRole('button', { name: 'Open in document' }) });
  await expect(rows).toHaveCount(tagged.length);
  await expect(view).toContainText(payload(1));
  await expect(view).toContainText(NOTE_PAYLOADS[0]!);
  await expect(view).toContainText(TAG_PAYLOADS[0]!);
  await workbench.screenshot('30-hostile-passages');
  await rows.nth(0).getByRole('button', { name: 'Open in document' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(META_PAYLOADS.title);
  await wires.check('passages view');

  // The digest: marked + DOMPurify render the preview; every payload must arrive there as words.
  await workbench.button('Export digest').click();
  const dialog = page.getByRole('dialog', { name: 'Digest' });
  const preview = dialog.getByRole('article', { name: 'Digest preview' });
  await expect(preview.getByRole('heading', { level: 2, name: TAG_PAYLOADS[0]! })).toBeVisible();
  for (const n of [1, 8, 17, 21, 33, 45, 56, 58]) await expect(preview).toContainText(payload(n));
  for (const note of [NOTE_PAYLOADS[0]!, NOTE_PAYLOADS[1]!, NOTE_PAYLOADS[3]!, NOTE_PAYLOADS[7]!]) await expect(preview).toContainText(note);
  await expect(preview).toContainText(META_PAYLOADS.title);
  await expect(preview).toContainText(META_PAYLOADS.author);
  // The preview is the digest's text (marked + DOMPurify) with the charts set where the HTML and PDF have them.
  const elementsOf = (inCharts: boolean) =>
    preview.evaluate(
      (el, charts) => [...new Set([...el.querySelectorAll('*')].filter((e) => (e.closest('section.charts') !== null) === charts).map((e) => e.localName))].sort(),
      inCharts,
    );
  expect((await elementsOf(false)).filter((t) => !/^(h[1-6]|p|blockquote|br|table|thead|tbody|tr|th|td|em|strong|a)$/.test(t))).toEqual([]);
  // The charts are drawn SVG: shapes, text and captions, never script, links or foreign content.
  expect((await elementsOf(true)).filter((t) => !/^(section|figure|figcaption|b|svg|g|rect|line|path|circle|text|tspan|title|desc)$/.test(t))).toEqual([]);
  await preview.locator('blockquote').filter({ hasText: payload(8) }).first().scrollIntoViewIfNeeded();
  await workbench.screenshot('30-hostile-digest');
  await dialog.getByRole('region', { name: 'Charts' }).scrollIntoViewIfNeeded();
  await expect(dialog.getByRole('region', { name: 'Charts' }).getByRole('img')).toHaveCount(3);
  await workbench.screenshot('30-hostile-charts');

  // A payload typed into the digest's text filter, and payload tags chosen as filters.
  await dialog.getByRole('checkbox', { name: TAG_PAYLOADS[0]!, exact: true }).check();
  await dialog.getByRole('searchbox', { name: 'Containing text' }).fill('<img src=x onerror=window.__pwned_filter=1>');
  await expect(dialog.getByText('0 passages selected')).toBeVisible();
  await dialog.getByRole('searchbox', { name: 'Containing text' }).fill('<script>');
  // Payload 1 and payload 56 carry the first payload tag and contain "<script>".
  await expect(dialog.getByText('2 passages selected')).toBeVisible();
  await expect(preview).toContainText('Filtered to tag');
  await expect(preview).toContainText(TAG_PAYLOADS[0]!);
  await wires.check('digest preview');

  // Exports of the hostile digest are written (their contents are checked in hostile-exports.test.ts).
  for (const [label, ext] of [['Markdown', 'md'], ['HTML', 'html'], ['PDF', 'pdf'], ['CSV', 'csv']] as const) {
    const target = join(glossator.dataDir, `hostile.${ext}`);
    await glossator.answerSaveDialog(target);
    await dialog.getByRole('button', { name: label, exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText(`Saved to ${target}`);
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
  await wires.check('exports');
});

test('a tag named like an Object.prototype member counts as 0 in the document list', async ({ workbench }) => {
  // FINDING: DocumentList.svelte reads `d.tagCounts[tag.id] ?? 0` from a plain object, so a tag
  // named "Constructor" (id "constructor") shows Object.prototype.constructor, "function Object() {
  // [native code] }", in every document's row; main's count (handlers/documents.ts) has the same flaw.
  const { page } = workbench;
  await workbench.button('Codebook').click();
  const codebook = page.getByRole('dialog', { name: 'Codebook' });
  const form = codebook.getByRole('form', { name: 'New tag' });
  await form.getByRole('textbox', { name: 'New tag name' }).fill('Constructor');
  await form.getByRole('button', { name: 'Add tag' }).click();
  await expect(codebook.getByRole('treeitem', { name: 'Constructor', exact: true })).toBeVisible();
  await codebook.getByRole('button', { name: 'Close' }).click();
  await expect(workbench.documentButton(DOC_TITLES.md).getByLabel(/^Constructor: /)).toHaveText('0');
});
