// Files the corpus could not read are named under the document list, with why, and the line follows the folder.
import { randomBytes } from 'node:crypto';
import { symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './support/fixtures';
import { scratchCorpus } from './support/corpus-files';
import { expectAccessible } from './support/axe';

test('a corpus with a corrupt .docx and a link opens; the analyst sees both files and why, and the line follows the folder', async ({
  glossator,
  workbench,
}) => {
  const { page } = workbench;
  const folder = await scratchCorpus();
  await writeFile(join(folder, 'ports.txt'), 'Ports Weekly\n\nThe harbour handled record grain cargo this week.\n');
  await writeFile(join(folder, 'Interview notes.docx'), randomBytes(4096));
  const outside = await scratchCorpus();
  await writeFile(join(outside, 'private.txt'), 'Private Notes\n\nNot in the corpus.\n');
  await symlink(join(outside, 'private.txt'), join(folder, 'linked.txt'));
  await glossator.answerFolderDialog(folder);
  await page.getByRole('region', { name: 'Corpus' }).getByRole('button', { name: 'Open folder…' }).click();
  await expect(workbench.documents.getByRole('listitem')).toHaveCount(1);

  const problems = page.getByRole('region', { name: 'Files not loaded' });
  const toggle = problems.getByRole('button', { name: '2 files could not be read' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(problems.getByRole('listitem')).toHaveCount(0);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const items = problems.getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('Interview notes.docx is not a readable Word document');
  await expect(items.nth(1)).toContainText('linked.txt was not read: it is a symbolic link');
  await expectAccessible(page, 'files not loaded, expanded');
  await workbench.screenshot('corpus-problems');

  // The watcher: another unreadable file joins the list; once both are gone, the line goes too.
  await writeFile(join(folder, 'scan.docx'), randomBytes(2048));
  await expect(problems.getByRole('button', { name: '3 files could not be read' })).toBeVisible();
  await expect(items.filter({ hasText: 'scan.docx' })).toHaveCount(1);
  await unlink(join(folder, 'scan.docx'));
  await unlink(join(folder, 'Interview notes.docx'));
  await unlink(join(folder, 'linked.txt'));
  await expect(problems).toHaveCount(0);
  await expect(workbench.documents.getByRole('listitem')).toHaveCount(1);
});
