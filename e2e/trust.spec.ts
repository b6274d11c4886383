// Analyst trust (issue 13): keys change only what the analyst meant, the reader keeps its place, jumps are
// one-shot, notes over the limit are never claimed saved, and the status line is current and whole.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { scratchCorpus } from './support/corpus-files';
import type { WorkbenchPage } from './support/workbench-page';

const DOC_000 = 'Russo-Iranian Alignment Will Continue Despite Differences';
const DOC_001 = 'Suspicious bind: Iran’s relationship with Russia';
const DOC_003 = 'Russia and Iran: a tactical rather than strategic rapprochement';
const DOC_004 = 'Russia–Iran relations after Putin’s visit to Tehran';
const PASSAGE = 'strategic cooperation between Russia and Iran will persist';
const LATE_003 = 'Moscow is looking for regional partners that would enable it to break through the western encirclement';

/** Tags PASSAGE as Friction (key 2) and answers its panel item, which is then the active passage. */
async function taggedPassage(workbench: WorkbenchPage): Promise<Locator> {
  await workbench.openDocument(DOC_000);
  await workbench.tag(PASSAGE, '2');
  const item = workbench.passage(PASSAGE);
  await expect(item).toHaveAttribute('aria-current', 'true');
  return item;
}

const pressed = (workbench: WorkbenchPage, item: Locator, tag: string) =>
  workbench.tagChip(item, tag).getAttribute('aria-pressed');

async function expectUnchanged(workbench: WorkbenchPage, item: Locator): Promise<void> {
  await expect(workbench.tagChip(item, 'Friction')).toHaveAttribute('aria-pressed', 'true');
  await expect(workbench.tagChip(item, 'Hedging')).toHaveAttribute('aria-pressed', 'false');
  await expect(workbench.passages).toHaveCount(1);
  // Nothing was recorded either: the next undo is still the tagging itself.
  await expect(workbench.button('Undo')).toHaveAttribute('title', /^Undo tag “strategic cooperation/);
}

test('tag keys and Delete do nothing while a dialog is open', async ({ workbench }) => {
  const { page } = workbench;
  const item = await taggedPassage(workbench);
  await workbench.button('Export digest').click();
  const digest = page.getByRole('dialog', { name: /digest/i });
  await expect(digest).toBeVisible();
  await page.keyboard.press('3');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Escape');
  await expect(digest).toBeHidden();
  await expectUnchanged(workbench, item);

  await workbench.button('Codebook').click();
  const codebook = page.getByRole('dialog', { name: /codebook/i });
  await expect(codebook).toBeVisible();
  await codebook.getByRole('heading').first().click();
  await page.keyboard.press('3');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Escape');
  await expect(codebook).toBeHidden();
  await expectUnchanged(workbench, item);
});

test('a selection in the document title is not a passage: tag keys leave the active passage alone', async ({ workbench }) => {
  const { page } = workbench;
  const item = await taggedPassage(workbench);
  await page.getByRole('heading', { level: 1, name: DOC_000 }).selectText();
  await page.keyboard.press('3');
  await expectUnchanged(workbench, item);
  await expect(workbench.status).toHaveText('Select text in the document to tag it.');
});

test('clicking plain text clears the active passage; keys then change nothing', async ({ workbench }) => {
  const { page } = workbench;
  const item = await taggedPassage(workbench);
  await workbench.text.getByText('Iran’s Balancing Act on the Ukraine War').click();
  await expect(item).not.toHaveAttribute('aria-current', 'true');
  await expect.poll(() => workbench.painted('gl-active')).toEqual([]);
  await page.keyboard.press('3');
  await page.keyboard.press('Delete');
  await expectUnchanged(workbench, item);
});

test('with focus in the document list, tag keys and Delete change nothing', async ({ workbench }) => {
  const { page } = workbench;
  const item = await taggedPassage(workbench);
  await workbench.documentButton(DOC_001).focus();
  await page.keyboard.press('3');
  await page.keyboard.press('Delete');
  await expectUnchanged(workbench, item);
  await expect(page.getByRole('heading', { level: 1, name: DOC_000 })).toBeVisible();
});

test('a key on the visibly active passage says what it did, with Undo at hand; chips say so too', async ({ workbench }) => {
  const { page } = workbench;
  const item = await taggedPassage(workbench);
  await item.getByRole('button', { name: /Go to passage/ }).click();
  await expect(item).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('3');
  await expect(workbench.tagChip(item, 'Hedging')).toHaveAttribute('aria-pressed', 'true');
  await expect(workbench.status).toHaveText('Added Hedging to “strategic cooperation between Russia…”.');
  await workbench.screenshot('trust-01-key-says-what-it-did');
  await page.getByRole('banner').getByRole('button', { name: 'Undo this change' }).click();
  await expect(workbench.tagChip(item, 'Hedging')).toHaveAttribute('aria-pressed', 'false');
  await expect(workbench.status).toHaveText(/^Undid: remove Hedging|^Undid: add Hedging/);

  await workbench.tagChip(item, 'Cooperation').click();
  await expect(workbench.status).toHaveText('Added Cooperation to “strategic cooperation between Russia…”.');
  await workbench.tagChip(item, 'Cooperation').click();
  await expect(workbench.status).toHaveText('Removed Cooperation from “strategic cooperation between Russia…”.');
  expect(await pressed(workbench, item, 'Cooperation')).toBe('false');
});

/** The reader's scroll offset. */
const scrollTop = (workbench: WorkbenchPage) =>
  workbench.page.getByRole('region', { name: 'Document' }).evaluate((el) => el.scrollTop);

test('opening a document starts at its top, or where the analyst left that document', async ({ workbench }) => {
  const { page } = workbench;
  const reader = page.getByRole('region', { name: 'Document' });
  await workbench.openDocument(DOC_003);
  await workbench.text.getByText(LATE_003).scrollIntoViewIfNeeded();
  expect(await scrollTop(workbench)).toBeGreaterThan(1000);
  await workbench.openDocument(DOC_001);
  await expect.poll(() => scrollTop(workbench)).toBe(0);
  await expect(page.getByRole('heading', { level: 1, name: DOC_001 })).toBeInViewport();

  // 003 was left far down: once that place is remembered, coming back returns there.
  const docs = await page.evaluate(() => window.glossator.listDocuments({}));
  const id003 = docs.ok ? docs.value.find((d) => d.title.startsWith('Russia and Iran: a tactical'))!.id : '';
  await expect
    .poll(async () => {
      const settings = await page.evaluate(() => window.glossator.getSettings({}));
      return settings.ok ? (settings.value.scroll[id003] ?? 0) : 0;
    })
    .toBeGreaterThan(10);
  await workbench.openDocument(DOC_003);
  await expect(workbench.text.getByText(LATE_003)).toBeInViewport();
  await reader.evaluate((el) => el.scrollTo(0, 0));
  await workbench.screenshot('trust-02-opened-at-top');
});

test('a jump is one-shot: toggling the Review view does not replay it in another document', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC_003);
  await workbench.tag(LATE_003, '1');
  await workbench.button('Passages').click();
  const view = page.getByRole('region', { name: /Passages/ }).first();
  await view.getByRole('button', { name: 'Open in document' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: DOC_003 })).toBeAttached();
  await expect(workbench.text).toHaveAttribute('data-jump', /:\d+-\d+$/);
  await expect(workbench.text.getByText(LATE_003)).toBeInViewport();

  await workbench.openDocument(DOC_004);
  await workbench.button('Review').click();
  await expect(page.getByRole('region', { name: 'Review queue' })).toBeVisible();
  await workbench.button('Review').click();
  await expect(page.getByRole('heading', { level: 1, name: DOC_004 })).toBeInViewport();
  // No jump was shown in 004, none flashes, and no error was logged (the fixture checks that).
  await expect(workbench.text).not.toHaveAttribute('data-jump');
  expect(await workbench.painted('gl-flash')).toEqual([]);
});

test('a note over the limit shows the limit, is never claimed saved, and survives switching documents', async ({ workbench }) => {
  const { page } = workbench;
  const item = await taggedPassage(workbench);
  const note = item.getByRole('textbox', { name: 'Note' });
  await note.fill('x'.repeat(20_005));
  await expect(item.getByText('20,005 / 20,000 characters: 5 over the limit, not saved.')).toBeVisible();
  await expect(note).toHaveAttribute('aria-invalid', 'true');
  await note.blur();
  await expect(workbench.status).not.toHaveText('Note saved.');
  await workbench.screenshot('trust-03-note-over-limit');
  await workbench.openDocument(DOC_001);
  await expect(workbench.status).toHaveText(/The note on “strategic cooperation between Russia…” is over the limit and was not saved; it is kept as a draft\./);
  await workbench.openDocument(DOC_000);
  await expect(workbench.passage(PASSAGE).getByRole('textbox', { name: 'Note' })).toHaveValue('x'.repeat(20_005));
  // Shortened below the limit, it saves, and only then says so.
  await workbench.passage(PASSAGE).getByRole('textbox', { name: 'Note' }).fill('Hedged language.');
  await workbench.passage(PASSAGE).getByRole('textbox', { name: 'Note' }).blur();
  await expect(workbench.status).toHaveText('Note saved.');
  await page.reload();
  await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
  await expect(workbench.passage(PASSAGE).getByRole('textbox', { name: 'Note' })).toHaveValue('Hedged language.');
});

test('the status line is never stale and never cut off', async ({ glossator, workbench }) => {
  test.setTimeout(60_000); // waits for the folder watcher
  const { page } = workbench;
  const SEED = '000_4ab67b766fb33eed.txt';
  const folder = await scratchCorpus([SEED, '004_602bfc5574c20f0a.txt']);
  await glossator.answerFolderDialog(folder);
  await page.getByRole('region', { name: 'Corpus' }).getByRole('button', { name: 'Open folder…' }).click();
  await expect(workbench.documents.getByRole('button')).toHaveCount(2);
  await workbench.openDocument(DOC_000);
  await workbench.tag(PASSAGE, '3');
  await expect(workbench.status).toHaveText(/^Tagged “strategic cooperation between Russia…” as Hedging\.$/);
  // In a scratch corpus without a manifest, 004's title comes from its text.
  await workbench.openDocument(/^Despite speculation around Russian President/);
  await expect(workbench.status).toHaveText('');

  const file = join(folder, SEED);
  await writeFile(file, (await readFile(file, 'utf8')).replace('strategic cooperation between Russia and Iran will persist', 'strategic co-operation between Russia and Iran will persist'));
  await expect(workbench.status).toContainText('Corpus updated: 1 changed.', { timeout: 15_000 });
  await expect(workbench.status).toContainText('1 moved');
  const cut = await workbench.status.evaluate((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
  expect(cut, 'the status line shows its whole message').toBe(false);
  await workbench.screenshot('trust-04-status-whole');
});

test('clicking a passage in the panel makes it the jump target, whatever the flash timing', async ({ workbench }) => {
  await workbench.openDocument(DOC_000);
  const late = 'the relationship between the two remains likely to weather the current storm clouds';
  await workbench.tag(late, '3');
  await workbench.text.evaluate((el) => el.closest('section')!.scrollTo(0, 0));
  await workbench.passage(late).getByRole('button', { name: /Go to passage/ }).click();
  await expect(workbench.passage(late)).toHaveAttribute('aria-current', 'true');
  await expect(workbench.text).toHaveAttribute('data-jump', /:\d+-\d+$/);
  await expect(workbench.text.getByText(late)).toBeInViewport();
});
