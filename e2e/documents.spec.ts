// Importing documents by dialog and by drop, in every format, with one clear message per file that fails.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { DOCUMENT_FIXTURES, scratchCorpus } from './support/corpus-files';

async function openScratch(glossator: { answerFolderDialog(p: string): Promise<void> }, page: Page): Promise<string> {
  const folder = await scratchCorpus();
  await glossator.answerFolderDialog(folder);
  await page.getByRole('region', { name: 'Corpus' }).getByRole('button', { name: 'Open folder…' }).click();
  await expect(page.getByRole('region', { name: 'Corpus' }).getByRole('combobox', { name: 'Corpus' })).toHaveValue(folder);
  await expect(page.getByRole('region', { name: 'Corpus' }).getByRole('button', { name: 'Add documents…' })).toBeEnabled();
  return folder;
}

test('imports every format from the file dialog; bad files each get their own message', async ({ glossator, workbench }) => {
  const { page } = workbench;
  await openScratch(glossator, page);
  const good = ['article.txt', 'article.md', 'article.html', 'article.pdf', 'article.docx'];
  const bad = ['binary.txt', 'corrupt.pdf', 'encrypted.pdf', 'notes.odt'];
  await glossator.answerFilesDialog([...good, ...bad].map((f) => join(DOCUMENT_FIXTURES, f)));
  await page.getByRole('region', { name: 'Corpus' }).getByRole('button', { name: 'Add documents…' }).click();
  await expect(workbench.status).toHaveText('5 of 9 documents imported, 4 could not be imported.', { timeout: 20_000 });
  await expect(workbench.documents.getByRole('listitem')).toHaveCount(5);
  const failures = page.getByRole('list', { name: 'Documents not imported' }).getByRole('listitem');
  await expect(failures).toHaveCount(4);
  await expect(failures.filter({ hasText: 'binary.txt' })).toContainText('binary');
  await expect(failures.filter({ hasText: 'encrypted.pdf' })).toContainText('password');
  await expect(failures.filter({ hasText: 'notes.odt' })).toContainText('cannot read .odt');
  await workbench.screenshot('24-import-documents');

  // A PDF reads as paragraphs without its running headers and page numbers, and keeps its pages for citations.
  await workbench.openDocument('Caspian Corridors and the Limits of Alignment');
  await expect(workbench.text.getByRole('heading', { name: 'Trade and Transit' })).toBeVisible();
  await workbench.tag('Customs procedures at Astara still take days rather than hours.', '2');
  await workbench.button('Passages').click();
  await expect(page.getByRole('region', { name: 'Passages across the corpus' })).toContainText('p. 2');
});

test('imports documents dropped on the window', async ({ glossator, workbench }) => {
  const { page } = workbench;
  await openScratch(glossator, page);
  const files = await Promise.all(
    ['article.txt', 'article.md', 'article.html', 'article.pdf', 'article.docx'].map(async (name) => ({ name, bytes: [...(await readFile(join(DOCUMENT_FIXTURES, name)))] })),
  );
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
    return dt;
  }, files);
  await page.locator('.app').dispatchEvent('dragover', { dataTransfer: transfer });
  await page.locator('.app').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(workbench.status).toHaveText('5 of 5 documents imported.', { timeout: 20_000 });
  await expect(workbench.documents.getByRole('listitem')).toHaveCount(5);
  await expect(workbench.documentButton('Caspian Corridors and the Limits of Alignment')).toBeVisible();
});
