// File names from real folders (punctuation first, Cyrillic, Persian, CJK, accents, near-twins) list, open and tag like any other.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './support/fixtures';
import { scratchCorpus } from './support/corpus-files';

/** File name → the heading its text opens with (the title the list shows). */
const FILES: readonly (readonly [string, string])[] = [
  ['(copy) report.txt', 'Copied Report on Grain'],
  ['_draft.txt', 'Draft on Shipping'],
  ['-rf.txt', 'Dash Notes on Rail'],
  ['ünïcode.txt', 'Accented Name on Gas'],
  ['日本語.txt', 'Japanese Name on Oil'],
  ['Отчёт о санкциях.txt', 'Russian Name on Sanctions'],
  ['گزارش روابط ایران و روسیه.txt', 'Persian Name on Relations'],
  ['a b.txt', 'Spaced Twin'],
  ['a-b.txt', 'Dashed Twin'],
];

test('a corpus of such names lists every document, and each one opens and tags', async ({ glossator, workbench }) => {
  test.setTimeout(120_000); // nine documents opened and tagged twice over, on a shared machine
  const { page } = workbench;
  const folder = await scratchCorpus();
  for (const [name, title] of FILES) await writeFile(join(folder, name), `${title}\n\nThe body of ${title.toLowerCase()} holds a passage worth tagging.\n`);
  await glossator.answerFolderDialog(folder);
  await page.getByRole('region', { name: 'Corpus' }).getByRole('button', { name: 'Open folder…' }).click();
  await expect(workbench.documents.getByRole('listitem')).toHaveCount(FILES.length);
  for (const [, title] of FILES) {
    await workbench.openDocument(title);
    await workbench.tag(`The body of ${title.toLowerCase()}`, '2');
    await expect(workbench.passages).toHaveCount(1);
  }
  // Each passage stayed on its own document (the twins "a b" and "a-b" included).
  for (const [, title] of FILES) {
    await workbench.openDocument(title);
    await expect(workbench.passages).toHaveCount(1);
    await expect(workbench.passages.first()).toContainText(title.toLowerCase());
  }
});
