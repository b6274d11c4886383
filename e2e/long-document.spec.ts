// A long report with hundreds of passages: highlights follow the reader, and the panel pages through the passages.
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from './support/fixtures';
import { corpusKeyOf } from '../src/main/core/workspace-corpora';
import { BIG_DOC_ID, generate, type CorpusSpec, type GeneratedCorpus } from '../bench/generate';
import type { AnnotationFile } from '../src/main/store/schemas';

// Enough passages that the reader registers only those near the viewport (it paints all below 300).
const LONG: CorpusSpec = { documents: 3, docChars: 3_000, bigChars: 200_000, annotations: 900, bigAnnotations: 800, seed: 11 };

const test = base.extend<{ long: GeneratedCorpus & { quotes: string[] } }>({
  long: async ({}, use) => {
    const root = await realpath(await mkdtemp(join(tmpdir(), 'glossator-long-')));
    const key = corpusKeyOf(join(root, 'corpus'), await realpath(join(process.cwd(), 'corpus')));
    const generated = await generate(LONG, root, key);
    const file = JSON.parse(await readFile(join(generated.dataDir, 'corpora', key, 'annotations', `${BIG_DOC_ID}.json`), 'utf8')) as AnnotationFile;
    const byStart = [...file.annotations].sort((a, b) => a.target.position.start - b.target.position.start);
    await use({ ...generated, quotes: byStart.map((a) => a.target.quote.exact) });
    await rm(root, { recursive: true, force: true });
  },
  corpusDir: async ({ long }, use) => use(long.corpusDir),
  dataDir: async ({ long }, use) => use(long.dataDir),
});

const TITLE = /a long report on a partnership/;

async function paintedPassages(workbench: { painted(layer: string): Promise<string[]> }): Promise<string[]> {
  const layers = await Promise.all(['cooperation', 'friction', 'hedging'].map((t) => workbench.painted(`gl-tag-${t}`)));
  return layers.flat();
}

test('highlights follow the reader through a long report: near the viewport, never elsewhere', async ({ workbench, long }) => {
  await workbench.openDocument(TITLE);
  const known = new Set(long.quotes);
  const atTop = await paintedPassages(workbench);
  expect(atTop.length).toBeGreaterThan(0);
  expect(atTop.length).toBeLessThan(long.quotes.length / 2);
  expect(atTop.every((q) => known.has(q)), 'every painted range is a stored passage').toBe(true);
  const lastQuote = long.quotes.at(-1)!;
  expect(atTop).not.toContain(lastQuote);

  await workbench.text.evaluate((el) => el.closest('section')!.scrollTo(0, el.closest('section')!.scrollHeight));
  await expect.poll(() => paintedPassages(workbench)).toContain(lastQuote);
  const atEnd = await paintedPassages(workbench);
  expect(atEnd).not.toContain(long.quotes[0]);
  await workbench.page.screenshot({ path: 'test-results/screenshots/long-document-end.png' });
});

test('the panel pages through a long report and follows the active passage', async ({ workbench, long }) => {
  const { page } = workbench;
  await workbench.openDocument(TITLE);
  const panel = workbench.panel;
  await expect(panel.getByRole('heading', { name: `Passages ${long.quotes.length}` })).toBeVisible();
  await expect(workbench.passages).toHaveCount(40);
  await expect(panel.getByText(`Passages 1–40 of ${long.quotes.length}; scroll for more.`)).toBeVisible();

  await panel.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(workbench.passages).toHaveCount(80);

  // "[" from no active passage goes to the last one: the list moves to the end of the report.
  await workbench.text.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('[');
  const active = workbench.passages.and(page.locator('[aria-current="true"]'));
  await expect(active).toContainText(long.quotes.at(-1)!.replace(/\s+/g, ' ').slice(0, 60));
  const earlier = panel.getByRole('button', { name: /Show earlier passages/ });
  await expect(earlier).toBeVisible();
  const before = await workbench.passages.count();
  await earlier.click();
  await expect.poll(() => workbench.passages.count()).toBeGreaterThan(before);
  await page.screenshot({ path: 'test-results/screenshots/long-document-panel.png' });
});
