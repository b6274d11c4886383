// Importing a QualCoder project through the UI: nested codes, a coding memo, text annotations, and the report naming every change.
import { join } from 'node:path';
import { test, expect } from './support/fixtures';
import { expectAccessible } from './support/axe';

// Built by test/fixtures/refi/make_qualcoder.py the way QualCoder's refi.py writes a .qdpx.
const QUALCODER = join(process.cwd(), 'test/fixtures/refi/qualcoder-nested-notes.qdpx');
const DOC = 'Russia and Iran: a tactical rather than strategic rapprochement';
const CODED = 'Russia and Iran have a long history of mistrust and competition over the hegemony of Central Asia';
const ANNOTATED = 'their relations are not based on a comprehensive strategic vision';

test('a QualCoder .qdpx comes in with its code tree, memos and notes, and the report says what changed', async ({ glossator, workbench }) => {
  const { page } = workbench;
  await workbench.button('Import…').click();
  const importing = page.getByRole('dialog', { name: 'Import' });
  await glossator.answerOpenDialog(QUALCODER);
  await importing.getByRole('button', { name: 'REFI-QDA project (.qdpx)…' }).click();
  const report = importing.getByRole('region', { name: 'Import report' });
  await expect(report).toContainText('6 imported · 1 merged · 0 not placed');
  await expect(report).toContainText('From: colin (4), rosa (3)');
  const changes = report.getByRole('list', { name: 'Changes the import made' });
  await expect(changes.getByRole('listitem').filter({ hasText: '“Relations” became a tag' })).toBeVisible();
  await expect(changes.getByRole('listitem').filter({ hasText: 'Key hedge for the digest.' })).toBeVisible();
  await workbench.screenshot('interop-qualcoder-import-report');
  await expectAccessible(page, 'import report');
  await importing.getByRole('button', { name: 'Close' }).click();

  await workbench.openDocument(DOC);
  await expect(workbench.passage(CODED)).toBeVisible();
  await expect(workbench.passage(ANNOTATED)).toBeVisible();
  await expect(workbench.passage(ANNOTATED).getByRole('textbox', { name: 'Note' })).toHaveValue('Key hedge for the digest.');
  await expect(workbench.tagChip(workbench.passage(CODED), 'Mistrust')).toHaveAttribute('aria-pressed', 'true');
});
