// Text the app must not mangle, and a damaged annotation file it must not overwrite.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './support/fixtures';
import { WorkbenchPage } from './support/workbench-page';

test.describe('non-Latin text', () => {
  test.use({ corpusDir: join(process.cwd(), 'e2e/fixtures/intl-corpus') });

  test('emoji, Persian and combining marks tag, paint and reload exactly', async ({ glossator, workbench }) => {
    const flags = '🇮🇷🤝🇷🇺';
    const persian = 'همکاری راهبردی میان ایران و روسیه';
    const decomposed = 'cafe\u0301 in the decomposed transcript';
    await workbench.openDocument('Notes on a bilingual briefing');
    await workbench.select(flags);
    await workbench.page.keyboard.press('1');
    await workbench.select(persian);
    await workbench.page.keyboard.press('2');
    await workbench.select(decomposed);
    await workbench.page.keyboard.press('3');
    await expect(workbench.passages).toHaveCount(3);
    await workbench.screenshot('08-non-latin');

    await glossator.restart();
    const fresh = new WorkbenchPage(glossator);
    await expect.poll(() => fresh.painted('gl-tag-cooperation')).toEqual([flags]);
    await expect.poll(() => fresh.painted('gl-tag-friction')).toEqual([persian]);
    await expect.poll(() => fresh.painted('gl-tag-hedging')).toEqual([decomposed]);
  });
});

test('a damaged annotation file is moved aside, named, and replaced by its last good backup', async ({ glossator, workbench }) => {
  const title = 'Russo-Iranian Alignment Will Continue Despite Differences';
  await workbench.openDocument(title);
  await workbench.tag('strategic cooperation between Russia and Iran will persist', '1');
  await workbench.tag('mutual tensions have surfaced in recent weeks', '2');
  const dir = join(glossator.dataDir, 'corpora/default/annotations');
  const file = join(dir, '000_4ab67b766fb33eed.json');
  const damaged = '{"schemaVersion":1,"docId":"000_4ab67b766fb33eed","annotations":[{"id":';
  await writeFile(file, damaged);

  await glossator.restart();
  const fresh = new WorkbenchPage(glossator);
  // The app starts, says which document is affected, and keeps the bad file aside, byte for byte.
  await expect(fresh.alert.filter({ hasText: 'The annotations of' })).toContainText(`The annotations of “${title}” could not be read`);
  await expect(fresh.documentButton(title)).toContainText('Annotations unreadable: read-only');
  const aside = (await readdir(dir)).filter((f) => f.startsWith('000_4ab67b766fb33eed.json.damaged-'));
  expect(aside).toHaveLength(1);
  expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe(damaged);

  await fresh.openDocument(title);
  const notice = fresh.page.getByRole('alert', { name: 'Damaged annotations' });
  await expect(notice).toContainText('moved aside, not deleted');
  await fresh.screenshot('09-damaged-store');
  // Other documents are unaffected meanwhile.
  await expect(fresh.docCount('Suspicious bind: Iran’s relationship with Russia', 'Cooperation')).toHaveText('0');

  await notice.getByRole('button', { name: /Restore the backup from .* \(1 passage\)/ }).click();
  await expect(fresh.status).toHaveText('Backup restored: 1 passage is back.');
  await expect(fresh.passages).toHaveCount(1);
  await expect(fresh.passage('strategic cooperation between Russia and Iran will persist')).toBeVisible();
  await fresh.tag('mutual tensions have surfaced in recent weeks', '2');
  await expect(fresh.passages).toHaveCount(2);
});
