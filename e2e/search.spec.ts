// Full-text search: keyword in context, counts per document, options, jump to a hit, hits painted.
import { join } from 'node:path';
import { test, expect } from './support/fixtures';

test('finds a phrase across the corpus and jumps to a hit', async ({ workbench }) => {
  const { page } = workbench;
  await page.keyboard.press('Control+f');
  const panel = page.getByRole('region', { name: 'Search' });
  const box = panel.getByRole('searchbox', { name: 'Search the corpus' });
  await expect(box).toBeFocused();
  await box.fill('strategic partner');
  await expect(panel.getByText(/^\d+ hits? in \d+ documents?$/)).toBeVisible();
  const heading = panel.getByRole('heading', { name: /Iran’s stance on the Ukraine crisis/ });
  await expect(heading).toBeVisible();
  const hits = panel.getByRole('button', { name: /^Go to hit/ });
  await expect(hits.first().locator('mark')).toHaveText(/strategic partner/i);
  await workbench.screenshot('18-search');

  await hits.first().click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('');
  await expect.poll(async () => (await workbench.painted('gl-search')).length).toBeGreaterThan(0);
  const painted = await workbench.painted('gl-search');
  expect(painted.every((t) => /^strategic partners?hip|^strategic partners?$/i.test(t))).toBe(true);
  await expect.poll(async () => (await workbench.painted('gl-flash')).length).toBe(1);
});

test('whole word and case options narrow the hits', async ({ workbench }) => {
  const panel = workbench.page.getByRole('region', { name: 'Search' });
  await workbench.page.getByRole('tab', { name: 'Search' }).click();
  const summary = panel.locator('p[aria-live]');
  const box = panel.getByRole('searchbox', { name: 'Search the corpus' });
  await box.fill('sanction');
  await expect(summary).toHaveText(/^\d+ hits in 5 documents$/);
  const hitCount = async () => Number(/^(\d+) hits?/.exec((await summary.textContent()) ?? '')?.[1] ?? NaN);
  const loose = await hitCount();
  await panel.getByRole('checkbox', { name: 'Whole word' }).check();
  // The corpus says "sanctions" and "sanctioned", never "sanction" alone.
  expect(loose).toBe(38);
  await expect(summary).toHaveText('No hits');
  await box.fill('sanctions');
  await expect(summary).toHaveText(/^36 hits in \d documents?$/);
  await panel.getByRole('checkbox', { name: 'Whole word' }).uncheck();
  await box.fill('IRAN');
  await expect(summary).toHaveText(/hits in 5 documents/);
  await panel.getByRole('checkbox', { name: 'Match case' }).check();
  await expect(summary).toHaveText('No hits');
});

test('a common prefix: counts for every document, context for the first 1000 hits, the rest on demand', async ({ workbench }) => {
  const { page } = workbench;
  const panel = page.getByRole('region', { name: 'Search' });
  await page.getByRole('tab', { name: 'Search' }).click();
  await panel.getByRole('searchbox', { name: 'Search the corpus' }).fill('t');
  await expect(panel.locator('p[aria-live]')).toHaveText(/^\d+ hits in 5 documents$/);
  const total = Number(/^(\d+)/.exec((await panel.locator('p[aria-live]').textContent()) ?? '')?.[1]);
  expect(total).toBeGreaterThan(1000);
  await expect(panel.getByText(`Context lines for the first 1000 of ${total} hits.`, { exact: false })).toBeVisible();
  const last = 'Russia–Iran relations after Putin’s visit to Tehran';
  const hitsIn = (title: string) => panel.getByRole('button', { name: new RegExp(`^Go to hit \\d+ of \\d+ in ${title}`) });
  await expect(hitsIn(last)).toHaveCount(0);
  await workbench.screenshot('18-search-cut');

  // The reader fetches and paints the hits of a document the answer gave none for.
  await page.getByRole('tab', { name: 'Documents' }).click();
  await workbench.openDocument(last);
  await expect.poll(async () => (await workbench.painted('gl-search')).length).toBeGreaterThan(0);
  // The panel lists them too, now they are fetched.
  await page.getByRole('tab', { name: 'Search' }).click();
  await expect(hitsIn(last).first().locator('mark')).toHaveText(/^t/i);
  await expect(panel.getByRole('button', { name: `Show hits in ${last}` })).toHaveCount(0);

  // "Show more hits" fetches the rest of a document the answer cut part-way.
  const cut = 'Russia and Iran: a tactical rather than strategic rapprochement';
  const before = await hitsIn(cut).count();
  expect(before).toBeGreaterThan(0);
  await panel.getByRole('button', { name: `Show more hits in ${cut}` }).click();
  await expect.poll(async () => hitsIn(cut).count()).toBeGreaterThan(before);
  await expect(panel.getByRole('button', { name: /^Show (more )?hits in / })).toHaveCount(0);
});

test.describe('diacritics', () => {
  test.use({ corpusDir: join(process.cwd(), 'e2e/fixtures/intl-corpus') });
  test('cafe finds café (precomposed and decomposed) unless diacritics must match', async ({ workbench }) => {
    const panel = workbench.page.getByRole('region', { name: 'Search' });
    await workbench.page.getByRole('tab', { name: 'Search' }).click();
    await panel.getByRole('searchbox', { name: 'Search the corpus' }).fill('cafe');
    await expect(panel.locator('p[aria-live]')).toHaveText('2 hits in 1 document');
    await panel.getByRole('checkbox', { name: 'Match diacritics' }).check();
    await expect(panel.locator('p[aria-live]')).toHaveText('No hits');
  });
});

test('Enter, Shift+Enter and F3 step through the hits, each shown and announced', async ({ workbench }) => {
  const { page } = workbench;
  await page.keyboard.press('Control+f');
  const panel = page.getByRole('region', { name: 'Search' });
  const box = panel.getByRole('searchbox', { name: 'Search the corpus' });
  await box.fill('JCPOA AND sanctions');
  const summary = panel.locator('p[aria-live]');
  await expect(summary).toHaveText(/^\d+ hits in \d+ documents$/);
  const total = Number((await summary.textContent())!.match(/^(\d+)/)![1]);
  const position = panel.getByRole('status');

  await box.press('Enter');
  await expect(position).toHaveText(`Hit 1 of ${total}`);
  const first = panel.locator('h3').first();
  const firstTitle = (await first.textContent())!.replace(/\s*\d+ hits?$/, '');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(firstTitle);
  await expect(panel.getByRole('button', { name: /^Go to hit 1 of/ }).first()).toHaveAttribute('aria-current', 'true');
  await box.press('Enter');
  await expect(position).toHaveText(`Hit 2 of ${total}`);
  await box.press('Shift+Enter');
  await box.press('Shift+Enter');
  // Before the first hit comes the last: the steps wrap around the corpus.
  await expect(position).toHaveText(`Hit ${total} of ${total}`);
  await workbench.screenshot('18-search-step');

  // F3 works from anywhere, the reading text included.
  await page.getByRole('main').locator('p').first().click();
  await page.keyboard.press('F3');
  await expect(position).toHaveText(`Hit 1 of ${total}`);
  await page.keyboard.press('Shift+F3');
  await expect(position).toHaveText(`Hit ${total} of ${total}`);
});

test('boolean queries narrow the documents; a malformed one says what is wrong in the search box', async ({ workbench }) => {
  const { page } = workbench;
  await page.keyboard.press('Control+f');
  const panel = page.getByRole('region', { name: 'Search' });
  const box = panel.getByRole('searchbox', { name: 'Search the corpus' });
  const summary = panel.locator('p[aria-live]');
  const documents = async (query: string): Promise<number> => {
    await box.fill(query);
    await box.press('Enter');
    await expect(panel.getByRole('status')).toHaveText(/^Hit 1 of \d+$/);
    return panel.locator('h3').count();
  };
  const sanctions = await documents('sanctions');
  const withChina = await documents('sanctions AND China');
  const withoutChina = await documents('sanctions NOT China');
  expect(withChina + withoutChina).toBe(sanctions);
  expect(withChina).toBeGreaterThan(0);
  expect(withoutChina).toBeGreaterThan(0);
  expect(await documents('(Lavrov OR Putin) AND "nuclear deal"')).toBeGreaterThan(0);

  await box.fill('(sanctions OR oil');
  const problem = panel.getByText('The parenthesis at character 1 is never closed.');
  await expect(problem).toBeVisible();
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(box).toHaveAccessibleDescription(/The parenthesis at character 1 is never closed\./);
  await expect(summary).toHaveText('');
  await workbench.screenshot('18-search-error');
  await box.fill('sanctions OR');
  await expect(panel.getByText('OR at character 11 needs something to search for after it.')).toBeVisible();
  await box.fill('sanctions OR oil');
  await expect(summary).toHaveText(/^\d+ hits in \d+ documents$/);
  await expect(box).toHaveAttribute('aria-invalid', 'false');
});
