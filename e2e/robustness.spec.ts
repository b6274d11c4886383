// Text the app must not mangle, and a damaged annotation file it must not overwrite.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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

test('a damaged annotation file is reported, kept read-only and never overwritten', async ({ glossator }) => {
  const dir = join(glossator.dataDir, 'corpora/default/annotations');
  const file = join(dir, '000_4ab67b766fb33eed.json');
  const damaged = '{"schemaVersion":1,"docId":"000_4ab67b766fb33eed","annotations":[{"id":';
  await mkdir(dir, { recursive: true });
  await writeFile(file, damaged);

  await glossator.restart();
  const workbench = new WorkbenchPage(glossator);
  const title = 'Russo-Iranian Alignment Will Continue Despite Differences';
  await expect(workbench.documentButton(title)).toContainText('Annotations unreadable: read-only');
  await workbench.openDocument(title);
  await expect(workbench.alert).toContainText('000_4ab67b766fb33eed.json');
  await expect(workbench.text.page().getByRole('region', { name: 'Document' }).getByRole('note')).toContainText('read-only');
  await workbench.screenshot('09-damaged-store');

  await workbench.select('strategic cooperation between Russia and Iran will persist');
  await workbench.page.keyboard.press('1');
  await expect(workbench.alert).toContainText('000_4ab67b766fb33eed.json');
  expect(await readFile(file, 'utf8')).toBe(damaged);

  // Other documents are unaffected.
  await workbench.openDocument('Suspicious bind: Iran’s relationship with Russia');
  await workbench.select('partners of convenience');
  await workbench.page.keyboard.press('1');
  await expect(workbench.passages).toHaveCount(1);
});
