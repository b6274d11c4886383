// Memos: a document memo beside the text (preview, restart), a tag memo from the codebook, the journal, memo search, the digest.
import { test, expect } from './support/fixtures';
import { WorkbenchPage } from './support/workbench-page';
import { expectAccessible } from './support/axe';

const DOC = 'Russo-Iranian Alignment Will Continue Despite Differences';

// Many steps through several dialogs, on a machine that may be busy: a generous budget, never a timed assertion.
test.describe.configure({ timeout: 180_000 });

test('a document memo is written in Markdown, previewed safely, marked in the list, and still there after a restart', async ({ glossator, workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC);
  const section = page.locator('details.doc-memo');
  await section.getByText('Document memo').click();
  const box = page.getByRole('textbox', { name: `Memo on “${DOC}”` });
  await box.fill('## Source check\n\nThe author is *partisan*. <b onmouseover="window.hacked=1">loud</b> <script>window.hacked=2</script> [x](javascript:alert(1))');
  await expect(section.getByText('Unsaved changes')).toBeVisible();
  await expect(section).toContainText(/\d+ \/ 100,000/);
  await section.getByRole('button', { name: 'Preview' }).click();
  const preview = section.getByRole('region', { name: 'Memo preview' });
  await expect(preview.getByRole('heading', { name: 'Source check' })).toBeVisible();
  await expect(preview.locator('em')).toHaveText('partisan');
  // Raw HTML shows as text, never as markup.
  await expect(preview).toContainText('<b onmouseover="window.hacked=1">loud</b>');
  await expect(preview.locator('script, [onmouseover], a[href]')).toHaveCount(0);
  await section.getByRole('button', { name: 'Save memo' }).click();
  await expect(section.getByRole('status')).toHaveText('Saved.');
  await expect(workbench.status).toHaveText('Saved the document memo.');
  await expect(page.getByRole('button', { name: new RegExp(DOC) }).getByRole('img', { name: 'Has a memo' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
  await expectAccessible(page, 'document memo');
  await workbench.screenshot('memo-document');
  // The document's details mention the memo; the mention opens it, with the keyboard in it.
  const mention = page.getByRole('button', { name: /^Memo: Source check The author is partisan\./ });
  await expect(mention).toBeVisible();
  await section.getByText('Document memo').click();
  await expect(preview).toBeHidden();
  await mention.click();
  // Shown as it was left (in preview), with the keyboard on the memo's section.
  await expect(preview.getByRole('heading', { name: 'Source check' })).toBeVisible();
  await section.getByRole('button', { name: 'Write' }).click();
  await expect(box).toHaveValue(/The author is \*partisan\*/);

  await glossator.restart();
  const fresh = new WorkbenchPage(glossator);
  await fresh.openDocument(DOC);
  await expect(fresh.page.getByRole('textbox', { name: `Memo on “${DOC}”` })).toHaveValue(/The author is \*partisan\*/);
});

test('a tag memo from the codebook, a journal entry, memo search and the digest', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC);
  await workbench.button('Codebook').click();
  const codebook = page.getByRole('dialog', { name: 'Codebook' });
  await codebook.getByRole('treeitem', { name: 'Friction' }).click();
  await codebook.getByRole('region', { name: 'Friction' }).getByRole('button', { name: 'Memo' }).click();
  const tagDialog = page.getByRole('dialog', { name: 'Tag memo — Friction' });
  await tagDialog.getByRole('textbox', { name: 'Tag memo on “Friction”' }).fill('Use for **open disagreement** about sanctions.');
  await tagDialog.getByRole('button', { name: 'Save memo' }).click();
  await expect(tagDialog.getByRole('status')).toHaveText('Saved.');
  await expectAccessible(page, 'tag memo dialog');
  await workbench.screenshot('memo-tag');
  await tagDialog.getByRole('button', { name: 'Close' }).click();
  await codebook.getByRole('button', { name: 'Close' }).click();

  await workbench.button('Journal').click();
  const journal = page.getByRole('dialog', { name: 'Project journal' });
  await journal.getByRole('textbox', { name: 'New journal entry' }).fill('Decided to split *Friction* when it gets crowded.');
  await journal.getByRole('button', { name: 'Save memo' }).click();
  const entries = journal.getByRole('list', { name: 'Journal entries' }).getByRole('listitem');
  await expect(entries).toHaveCount(1);
  await expect(entries.first().locator('em')).toHaveText('Friction');
  await journal.getByRole('textbox', { name: 'New journal entry' }).fill('Second thoughts.');
  await journal.getByRole('button', { name: 'Save memo' }).click();
  await expect(entries).toHaveCount(2);
  await expect(entries.first()).toContainText('Second thoughts.');
  await expectAccessible(page, 'journal');
  await workbench.screenshot('memo-journal');
  await entries.first().getByRole('button', { name: 'Delete' }).click();
  await expect(entries).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(entries).toHaveCount(2);
  await journal.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('tab', { name: 'Search' }).click();
  await page.getByRole('searchbox').first().fill('sanction');
  const found = page.getByRole('region', { name: 'Memos' });
  await expect(found.getByRole('button', { name: /Tag memo — Friction/ })).toBeVisible();
  await workbench.screenshot('memo-search');
  await found.getByRole('button', { name: /Tag memo — Friction/ }).click();
  await expect(page.getByRole('dialog', { name: 'Tag memo — Friction' })).toBeVisible();
  await page.getByRole('dialog', { name: 'Tag memo — Friction' }).getByRole('button', { name: 'Close' }).click();

  await workbench.button('Export digest').click();
  const preview = page.getByRole('dialog', { name: 'Digest' }).getByRole('article', { name: 'Digest preview' });
  await expect(preview.getByRole('heading', { name: 'Tag memos' })).toBeVisible();
  await expect(preview.getByRole('heading', { name: 'Journal' })).toBeVisible();
  await expect(preview).toContainText('Decided to split Friction when it gets crowded.');
});
