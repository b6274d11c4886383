// Corpora: open another folder and switch back, the read-only bundled corpus, metadata, thousands of documents.
import { test, expect } from './support/fixtures';
import { WorkbenchPage } from './support/workbench-page';
import { largeCorpus, scratchCorpus } from './support/corpus-files';

const SEED = '004_602bfc5574c20f0a.txt';

test('opens another corpus folder, keeps its annotations apart, and switches back', async ({ glossator, workbench }) => {
  const { page } = workbench;
  await workbench.openDocument('Russo-Iranian Alignment Will Continue Despite Differences');
  await workbench.tag('strategic cooperation between Russia and Iran will persist', '1');
  const corpusBar = page.getByRole('region', { name: 'Corpus' });
  await expect(corpusBar.getByRole('button', { name: 'Add documents…' })).toBeDisabled();

  const folder = await scratchCorpus([SEED]);
  await glossator.answerFolderDialog(folder);
  await corpusBar.getByRole('button', { name: 'Open folder…' }).click();
  await expect(corpusBar.getByRole('combobox', { name: 'Corpus' })).toHaveValue(folder);
  await expect(workbench.documents.getByRole('button')).toHaveCount(1);
  await expect(workbench.page.getByRole('heading', { level: 1, name: /Despite speculation/ })).toBeVisible();
  await expect(corpusBar.getByRole('button', { name: 'Add documents…' })).toBeEnabled();
  await expect(workbench.passages).toHaveCount(0);
  await workbench.tag('mutual mistrust and competition', '2');
  await workbench.screenshot('22-other-corpus');

  await corpusBar.getByRole('combobox', { name: 'Corpus' }).selectOption({ label: 'corpus (read-only)' });
  await expect(workbench.documents.getByRole('button')).toHaveCount(5);
  await expect(workbench.docCount('Russia–Iran relations after Putin’s visit to Tehran', 'Friction')).toHaveText('0');
  await workbench.openDocument('Russo-Iranian Alignment Will Continue Despite Differences');
  await expect(workbench.passages).toHaveCount(1);
});

test('document details are editable, shown in the list, and kept after a restart', async ({ glossator, workbench }) => {
  const { page } = workbench;
  await workbench.openDocument('Russia–Iran relations after Putin’s visit to Tehran');
  await page.getByRole('button', { name: 'Edit details' }).click();
  const form = page.getByRole('form', { name: 'Document details' });
  await form.getByRole('textbox', { name: 'Title' }).fill('Friends with benefits');
  await form.getByRole('textbox', { name: 'Author' }).fill('Eleonora Ardemagni');
  await form.getByRole('textbox', { name: 'Date' }).fill('2022-07-28');
  await form.getByRole('textbox', { name: 'URL' }).fill('javascript:alert(1)');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(workbench.alert).toContainText('A URL must start with http:// or https://');
  await form.getByRole('textbox', { name: 'URL' }).fill('https://example.org/friends-with-benefits');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Friends with benefits' })).toBeVisible();
  await expect(workbench.documentButton(/Friends with benefits/)).toContainText('Eleonora Ardemagni');
  await workbench.screenshot('23-details');

  await glossator.restart();
  const fresh = new WorkbenchPage(glossator);
  await fresh.openDocument('Friends with benefits');
  await expect(fresh.page.getByText('Eleonora Ardemagni · 2022-07-28')).toBeVisible();
});

test('thousands of documents stay responsive: the list renders only what is in view', async ({ glossator, workbench }) => {
  test.setTimeout(60_000);
  const folder = await largeCorpus(3000);
  await glossator.answerFolderDialog(folder);
  await workbench.page.getByRole('region', { name: 'Corpus' }).getByRole('button', { name: 'Open folder…' }).click();
  // Reading 3,000 files takes a moment; the list then renders at once.
  await expect(workbench.documentButton('Report 00000 on Russia and Iran')).toBeVisible({ timeout: 30_000 });
  const rendered = await workbench.documents.getByRole('listitem').count();
  expect(rendered).toBeLessThan(60);
  await workbench.documents.evaluate((nav) => nav.scrollTo(0, 2000 * 112));
  await expect(workbench.documentButton('Report 02000 on Russia and Iran')).toBeVisible();
  await workbench.documentButton('Report 02000 on Russia and Iran').click();
  await expect(workbench.page.getByRole('heading', { level: 1, name: 'Report 02000 on Russia and Iran' })).toBeVisible();
});
