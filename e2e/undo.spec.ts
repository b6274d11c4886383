// Undo and redo: every passage operation, with a visible message, across documents and from the menu.
import { test, expect } from './support/fixtures';
import { WorkbenchPage } from './support/workbench-page';

const DOC_A = 'Russo-Iranian Alignment Will Continue Despite Differences';
const DOC_B = 'Suspicious bind: Iran’s relationship with Russia';
const QUOTE = 'strategic cooperation between Russia and Iran will persist';

test('undo and redo creating, retagging, noting and deleting a passage', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC_A);
  await workbench.tag(QUOTE, '1');
  const passage = workbench.passage(QUOTE);

  await workbench.tagChip(passage, 'Hedging').click();
  await expect(workbench.tagChip(passage, 'Hedging')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Control+z');
  await expect(workbench.status).toHaveText(/^Undid: add Hedging on “strategic cooperation/);
  await expect(workbench.tagChip(passage, 'Hedging')).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Control+Shift+z');
  await expect(workbench.status).toHaveText(/^Redid: add Hedging/);
  await expect(workbench.tagChip(passage, 'Hedging')).toHaveAttribute('aria-pressed', 'true');

  await workbench.setNote(passage, 'First thought.');
  await page.keyboard.press('Control+z');
  await expect(passage.getByRole('textbox', { name: 'Note' })).toHaveValue('');
  await page.keyboard.press('Control+Shift+z');
  await expect(passage.getByRole('textbox', { name: 'Note' })).toHaveValue('First thought.');

  await passage.getByRole('button', { name: 'Delete passage' }).click();
  await expect(workbench.passages).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(workbench.status).toHaveText(/^Undid: delete “strategic cooperation/);
  await expect(workbench.passage(QUOTE)).toBeVisible();
  await expect(workbench.tagChip(workbench.passage(QUOTE), 'Hedging')).toHaveAttribute('aria-pressed', 'true');
  await expect(workbench.passage(QUOTE).getByRole('textbox', { name: 'Note' })).toHaveValue('First thought.');
  await expect.poll(() => workbench.painted('gl-tag-cooperation')).toEqual([QUOTE]);

  // Undo all the way back to before the passage existed, then nothing is left to undo.
  for (let i = 0; i < 3; i++) await workbench.button('Undo').click();
  await expect(workbench.passages).toHaveCount(0);
  await expect(workbench.button('Undo')).toBeDisabled();
  await workbench.screenshot('10-undo');
});

test('history survives switching documents, and the native menu runs the same commands', async ({ glossator, workbench }) => {
  await workbench.openDocument(DOC_A);
  await workbench.tag(QUOTE, '2');
  await workbench.openDocument(DOC_B);
  await glossator.menu('undo');
  // Undo shows where it happened: the first document is open again, without the passage.
  await expect(workbench.page.getByRole('heading', { level: 1, name: DOC_A })).toBeVisible();
  await expect(workbench.status).toHaveText(/^Undid: tag “strategic cooperation.*” as Friction\.$/);
  await expect(workbench.passages).toHaveCount(0);
  await expect(workbench.docCount(DOC_A, 'Friction')).toHaveText('0');
  await glossator.menu('redo');
  await expect(workbench.passage(QUOTE)).toBeVisible();
  await expect(workbench.docCount(DOC_A, 'Friction')).toHaveText('1');
});

test('Ctrl+Z inside a note edits the note, not the passages', async ({ workbench }) => {
  await workbench.openDocument(DOC_A);
  await workbench.tag(QUOTE, '1');
  const note = workbench.passage(QUOTE).getByRole('textbox', { name: 'Note' });
  await note.click();
  await workbench.page.keyboard.type('abc');
  await workbench.page.keyboard.press('Control+z');
  await expect(workbench.passages).toHaveCount(1);
});

test('the history survives a restart: Ctrl+Z undoes a tagging made before it, with the usual message', async ({ glossator, workbench }) => {
  await workbench.openDocument(DOC_A);
  await workbench.tag(QUOTE, '2');
  await expect(workbench.status).toHaveText(/^Tagged “strategic cooperation.*” as Friction\.$/);

  await glossator.restart();
  const fresh = new WorkbenchPage(glossator);
  await fresh.openDocument(DOC_A);
  await expect(fresh.passage(QUOTE)).toBeVisible();
  await expect(fresh.button('Undo')).toBeEnabled();
  await fresh.page.getByRole('main').getByText(QUOTE).first().click();
  await fresh.page.keyboard.press('Control+z');
  await expect(fresh.status).toHaveText(/^Undid: tag “strategic cooperation.*” as Friction\.$/);
  await expect(fresh.passages).toHaveCount(0);
  await expect(fresh.docCount(DOC_A, 'Friction')).toHaveText('0');
  await fresh.screenshot('10-undo-after-restart');
});
