// Exchange from the export dialog: the offset unit for W3C JSON-LD and CSV is chosen there and stated in the file.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './support/fixtures';
import { WorkbenchPage } from './support/workbench-page';
import { expectAccessible } from './support/axe';

const DOC = 'Russo-Iranian Alignment Will Continue Despite Differences';
const QUOTE = 'Iran has expressed solidarity with Russia’s security concerns';

// Several dialogs on a machine that may be busy: a generous budget, never a timed assertion.
test.describe.configure({ timeout: 180_000 });

test('the export dialog offers UTF-16 offsets for W3C JSON-LD and CSV, states the unit, and the files say it too', async ({ glossator, workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC);
  await workbench.tag(QUOTE, '1');
  await workbench.button('Export digest').click();
  const dialog = page.getByRole('dialog', { name: 'Digest' });
  const units = dialog.getByRole('group', { name: 'Offsets in W3C JSON-LD and CSV' });
  await expect(units.getByRole('radio', { name: /Unicode code points/ })).toBeChecked();
  await expect(units).toContainText('Start and end count code points of the reading text');

  const exportAs = async (label: string, file: string) => {
    const target = join(glossator.dataDir, file);
    await glossator.answerSaveDialog(target);
    await dialog.getByRole('button', { name: label, exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText(`Saved to ${target}`);
    return readFile(target, 'utf8');
  };
  const points = JSON.parse(await exportAs('W3C JSON-LD', 'points.jsonld')) as { 'dcterms:description': string };
  expect(points['dcterms:description']).toMatch(/count Unicode code points/);

  await units.getByRole('radio', { name: /UTF-16 code units/ }).check();
  await expect(units).toContainText('Start and end count UTF-16 code units of the reading text');
  await expectAccessible(page, 'export dialog with the offset unit');
  await units.scrollIntoViewIfNeeded();
  await workbench.screenshot('exchange-offset-unit');
  const utf16 = JSON.parse(await exportAs('W3C JSON-LD', 'utf16.jsonld')) as { 'dcterms:description': string };
  expect(utf16['dcterms:description']).toMatch(/count UTF-16 code units/);
  const csv = await exportAs('CSV', 'utf16.csv');
  const [header, row] = csv.split('\r\n');
  expect(header!.split(',')).toContain('offset_unit');
  expect(row).toMatch(/,utf16(,|$)/);
});

test('memos travel in the W3C JSON-LD export and come back through Import, with the report counting them', async ({ glossator, workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC);
  await workbench.tag(QUOTE, '1');
  await workbench.button('Journal').click();
  const journal = page.getByRole('dialog', { name: 'Project journal' });
  await journal.getByRole('textbox', { name: 'New journal entry' }).fill('Read the *Gulf* pieces first.');
  await journal.getByRole('button', { name: 'Save memo' }).click();
  const entries = journal.getByRole('list', { name: 'Journal entries' }).getByRole('listitem');
  await expect(entries).toHaveCount(1);
  await journal.getByRole('button', { name: 'Close' }).click();

  const file = join(glossator.dataDir, 'with-memos.jsonld');
  await workbench.exportDigestTo(file, 'W3C JSON-LD');

  await workbench.button('Journal').click();
  await entries.first().getByRole('button', { name: 'Delete' }).click();
  await expect(entries).toHaveCount(0);
  await journal.getByRole('button', { name: 'Close' }).click();

  await workbench.button('Import…').click();
  const importing = page.getByRole('dialog', { name: 'Import' });
  await glossator.answerOpenDialog(file);
  await importing.getByRole('button', { name: 'W3C Web Annotation (JSON-LD)…' }).click();
  const report = importing.getByRole('region', { name: 'Import report' });
  await expect(report).toContainText('0 imported · 1 merged · 0 not placed');
  await expect(report).toContainText('Memos: 1 imported · 0 merged · 0 not stored');
  await expectAccessible(page, 'import report with memos');
  await workbench.screenshot('exchange-import-memos');
  await importing.getByRole('button', { name: 'Close' }).click();

  await workbench.button('Journal').click();
  await expect(entries).toHaveCount(1);
  await expect(entries.first().locator('em')).toHaveText('Gulf');
});

test('a damaged memos file is moved aside and its backup offered, as damaged annotations are; restoring brings the memos back', async ({ glossator, workbench }) => {
  const { page } = workbench;
  await workbench.button('Journal').click();
  const journal = page.getByRole('dialog', { name: 'Project journal' });
  const entry = journal.getByRole('textbox', { name: 'New journal entry' });
  await entry.fill('First entry.');
  await journal.getByRole('button', { name: 'Save memo' }).click();
  const entries = journal.getByRole('list', { name: 'Journal entries' }).getByRole('listitem');
  await expect(entries).toHaveCount(1);
  // A second save keeps the first version as a backup.
  await entry.fill('Second entry.');
  await journal.getByRole('button', { name: 'Save memo' }).click();
  await expect(entries).toHaveCount(2);
  await journal.getByRole('button', { name: 'Close' }).click();

  const dir = join(glossator.dataDir, 'corpora/default');
  const damaged = '{"schemaVersion":1,"memos":[{"id":';
  await writeFile(join(dir, 'memos.json'), damaged);
  await glossator.restart();
  const fresh = new WorkbenchPage(glossator);
  const notice = fresh.page.getByRole('alert', { name: 'Damaged memos' });
  await expect(notice).toContainText('The memos could not be read');
  await expect(notice).toContainText('The file was moved aside, not deleted');
  const aside = (await readdir(dir)).filter((n) => n.startsWith('memos.json.damaged-'));
  expect(aside).toHaveLength(1);
  expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe(damaged);
  await expectAccessible(fresh.page, 'damaged memos');
  await fresh.screenshot('exchange-memos-damaged');

  await notice.getByRole('button', { name: /Restore the backup from .* \(1 memo\)/ }).click();
  await expect(fresh.page.getByRole('alert', { name: 'Damaged memos' })).toHaveCount(0);
  await expect(fresh.status).toHaveText('Memo backup restored: 1 memo is back.');
  await fresh.button('Journal').click();
  const restored = fresh.page.getByRole('dialog', { name: 'Project journal' }).getByRole('list', { name: 'Journal entries' }).getByRole('listitem');
  await expect(restored).toHaveCount(1);
  await expect(restored.first()).toContainText('First entry.');
});
