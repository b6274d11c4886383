// Export: the digest preview renders the Markdown (sanitised) and Save writes it where the analyst chose.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './support/fixtures';

const DOC = 'Russo-Iranian Alignment Will Continue Despite Differences';
const QUOTE = 'Iran has expressed solidarity with Russia’s security concerns';

test('exports a digest with the passage under its tag and its citation', async ({ glossator, workbench }) => {
  await workbench.openDocument(DOC);
  await workbench.select(QUOTE);
  await workbench.page.keyboard.press('1');
  await workbench.setNote(workbench.passage(QUOTE), 'Rhetorical support, no material backing.');

  await workbench.page.getByRole('button', { name: 'Export digest' }).click();
  const dialog = workbench.page.getByRole('dialog', { name: 'Digest' });
  const preview = dialog.getByRole('article', { name: 'Digest preview' });
  await expect(preview.getByRole('heading', { name: /Cooperation/ })).toBeVisible();
  await expect(preview.locator('blockquote')).toContainText(QUOTE);
  await expect(preview).toContainText('Samuel Ramani');
  await expect(preview).toContainText('Rhetorical support, no material backing.');
  await workbench.screenshot('06-digest-preview');

  await dialog.getByRole('radio', { name: 'Document' }).check();
  await expect(preview.getByRole('heading', { name: DOC })).toBeVisible();
  await dialog.getByRole('radio', { name: 'Tag' }).check();

  const target = join(glossator.dataDir, 'digest.md');
  await glossator.answerSaveDialog(target);
  await dialog.getByRole('button', { name: 'Save digest…' }).click();
  await expect(dialog.getByRole('status')).toContainText('digest.md');
  const markdown = await readFile(target, 'utf8');
  const cooperation = markdown.slice(markdown.indexOf('## Cooperation'));
  expect(cooperation).toContain(`> ${QUOTE}`);
  expect(cooperation).toMatch(/Samuel Ramani.*¶ \d+/);
  expect(cooperation).toContain('Rhetorical support, no material backing.');
});
