// Accessibility: axe-core on every main state of the workbench, in the light and the dark theme, zero violations.
import { test, expect } from './support/fixtures';
import { expectAccessible } from './support/axe';
import type { WorkbenchPage } from './support/workbench-page';

const DOC = 'Russo-Iranian Alignment Will Continue Despite Differences';

async function setTheme(workbench: WorkbenchPage, theme: 'light' | 'dark'): Promise<void> {
  await workbench.page.getByRole('banner').getByRole('combobox', { name: 'Theme' }).selectOption(theme);
  await expect(workbench.page.locator(`html[data-theme="${theme}"]`)).toBeAttached();
}

async function withPassages(workbench: WorkbenchPage): Promise<void> {
  await workbench.openDocument(DOC);
  await workbench.tag('strategic cooperation between Russia and Iran will persist', '1');
  await workbench.tag('mutual tensions have surfaced in recent weeks', '2');
  await workbench.tag('Iran has expressed solidarity with Russia’s security concerns', '3');
  await workbench.setNote(workbench.passage('mutual tensions'), 'Energy and Yemen.');
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    // axe walks the whole page: on a busy two-core machine one pass can take several seconds.
    test.describe.configure({ timeout: 120_000 });
    test.beforeEach(async ({ workbench }) => {
      await setTheme(workbench, theme);
      await withPassages(workbench);
    });

    test('reader, codebook and digest pass axe', async ({ workbench }) => {
      const { page } = workbench;
      await expectAccessible(page, `reader with passages (${theme})`);
      await workbench.screenshot(`a11y-reader-${theme}`);

      await workbench.button('Codebook').click();
      const codebook = page.getByRole('dialog', { name: 'Codebook' });
      await expect(codebook).toBeVisible();
      await expectAccessible(page, `codebook dialog (${theme})`);
      await codebook.getByRole('button', { name: 'Close' }).click();

      await workbench.button('Export digest').click();
      const digest = page.getByRole('dialog', { name: 'Digest' });
      await expect(digest.getByRole('article', { name: 'Digest preview' }).getByRole('heading', { name: /Cooperation/ })).toBeVisible();
      await expectAccessible(page, `digest dialog (${theme})`);
      await workbench.screenshot(`a11y-digest-${theme}`);
    });

    test('passages view and review queue pass axe', async ({ workbench }) => {
      const { page } = workbench;
      await workbench.button('Passages').click();
      await expect(page.getByRole('region', { name: 'Passages across the corpus' }).getByRole('row')).toHaveCount(4);
      await expectAccessible(page, `passages view (${theme})`);
      await workbench.screenshot(`a11y-passages-${theme}`);

      await workbench.button('Review').click();
      await expect(workbench.button('Review')).toHaveAttribute('aria-pressed', 'true');
      await expectAccessible(page, `review queue (${theme})`);
    });

    test('search panel and import dialog pass axe', async ({ workbench }) => {
      const { page } = workbench;
      await page.getByRole('tab', { name: 'Search' }).click();
      const search = page.getByRole('region', { name: 'Search' });
      await search.getByRole('searchbox', { name: 'Search the corpus' }).fill('sanctions');
      await expect(search.getByText(/^\d+ hits in \d+ documents?$/)).toBeVisible();
      await expectAccessible(page, `search panel (${theme})`);
      await workbench.screenshot(`a11y-search-${theme}`);
      const box = search.getByRole('searchbox', { name: 'Search the corpus' });
      await box.press('Enter');
      await expect(search.getByRole('status')).toHaveText(/^Hit 1 of \d+$/);
      await expectAccessible(page, `search panel on a hit (${theme})`);
      await box.fill('sanctions AND (oil');
      await expect(search.getByText(/is never closed/)).toBeVisible();
      await expectAccessible(page, `search panel with a malformed query (${theme})`);

      await workbench.button('Import…').click();
      await expect(page.getByRole('dialog', { name: 'Import' })).toBeVisible();
      await expectAccessible(page, `import dialog (${theme})`);
    });
  });
}
