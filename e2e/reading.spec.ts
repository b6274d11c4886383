// Reading coverage, keyboard-only tagging, theme, panes, and reopening where the analyst left off.
import { test, expect } from './support/fixtures';
import { WorkbenchPage } from './support/workbench-page';

const DOC = 'Russia–Iran relations after Putin’s visit to Tehran';

test('paragraphs are marked read by click and key; the list shows coverage and filters by it', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC);
  await workbench.margin.getByRole('button', { name: 'Read: paragraph 1', exact: true }).click();
  await expect(workbench.margin.getByRole('button', { name: 'Read: paragraph 1', exact: true })).toHaveAttribute('aria-pressed', 'true');
  // Keyboard: move the reading cursor to the second block and press R.
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('r');
  await expect(workbench.margin.getByRole('button', { name: 'Read: paragraph 2' })).toHaveAttribute('aria-pressed', 'true');
  const bar = workbench.documentButton(DOC).getByRole('progressbar', { name: 'Read' });
  await expect(bar).toHaveAttribute('aria-valuenow', '18'); // 2 of 11 blocks
  await workbench.screenshot('13-coverage');

  await workbench.documents.getByRole('combobox', { name: 'Show' }).selectOption('in-progress');
  await expect(workbench.documents.getByRole('button')).toHaveCount(1);
  await workbench.documents.getByRole('combobox', { name: 'Show' }).selectOption('all');
  await workbench.documents.getByRole('combobox', { name: 'Sort' }).selectOption('most-read');
  await expect(workbench.documents.getByRole('button').first()).toContainText(DOC);
  await page.keyboard.press('r');
  await expect(workbench.margin.getByRole('button', { name: 'Read: paragraph 2' })).toHaveAttribute('aria-pressed', 'false');
});

test('the whole tagging flow works from the keyboard alone', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC);
  await page.keyboard.press('j'); // first block: the standfirst
  await page.keyboard.press('j'); // second block
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(workbench.tagBar).toBeVisible();
  await page.keyboard.press('2');
  await expect(workbench.passage('President Vladimir Putin')).toBeVisible();
  await expect(workbench.tagChip(workbench.passages.first(), 'Friction')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('3'); // with nothing selected, a tag key toggles it on the active passage
  await expect(workbench.tagChip(workbench.passages.first(), 'Hedging')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('n');
  await expect(workbench.passages.first().getByRole('textbox', { name: 'Note' })).toBeFocused();
  await page.keyboard.type('Typed without a mouse.');
  await page.keyboard.press('Escape');
  await expect(workbench.status).toHaveText('Note saved.');
  // Alt+Shift+→ grows a selection by a sentence.
  await page.keyboard.press('j');
  await page.keyboard.press('Alt+Shift+ArrowRight');
  await page.keyboard.press('1');
  await expect(workbench.passage('Soon after being elected, the new Iranian president, Ebrahim Raisi, claimed one of his priorities would be to cement ties with Russia.')).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(workbench.passages).toHaveCount(1);
});

test('theme follows the OS unless chosen; panes resize; all of it and the last place survive a restart', async ({ glossator, workbench }) => {
  const { page } = workbench;
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background()).toBe('rgb(27, 27, 29)');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background()).toBe('rgb(253, 252, 249)');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  expect(await background()).toBe('rgb(27, 27, 29)');
  await workbench.screenshot('14-dark');

  const splitter = page.getByRole('separator', { name: 'Resize the left pane' });
  const before = Number(await splitter.getAttribute('aria-valuenow'));
  await splitter.focus();
  await page.keyboard.press('Shift+ArrowRight');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(before + 48));

  await workbench.openDocument('Iran’s stance on the Ukraine crisis and its ties with Russia');
  await page.getByRole('heading', { name: 'Implications of the Ukraine Crisis for Iran-Russia Relations' }).scrollIntoViewIfNeeded();
  await page.getByRole('region', { name: 'Document' }).evaluate((el) => el.dispatchEvent(new Event('scroll')));
  await page.waitForTimeout(600); // the scroll position is written when scrolling settles

  const fresh = new WorkbenchPage(glossator);
  const reopened = await glossator.restart();
  await reopened.emulateMedia({ colorScheme: 'light' });
  await expect(reopened.getByRole('heading', { level: 1, name: 'Iran’s stance on the Ukraine crisis and its ties with Russia' })).toBeVisible();
  expect(await reopened.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(27, 27, 29)');
  await expect(reopened.getByRole('separator', { name: 'Resize the left pane' })).toHaveAttribute('aria-valuenow', String(before + 48));
  await expect(reopened.getByRole('heading', { name: 'Implications of the Ukraine Crisis for Iran-Russia Relations' })).toBeInViewport();
  await fresh.screenshot('15-reopened');
});
