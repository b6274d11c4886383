// Everything persists: a fresh renderer and a fresh main-process core over the same data dir show the same work.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './support/fixtures';
import { WorkbenchPage } from './support/workbench-page';

const DOC = 'Suspicious bind: Iran’s relationship with Russia';

test('highlights, notes and counts survive a restart', async ({ glossator, workbench }) => {
  await workbench.openDocument(DOC);
  const a = 'Iran and Russia often treat each other as partners of convenience';
  const b = 'many Iranian leaders remain deeply suspicious of Russia';
  await workbench.select(a);
  await workbench.page.keyboard.press('3');
  await workbench.select(b);
  await workbench.page.keyboard.press('2');
  await workbench.setNote(workbench.passage(b), 'Mistrust rooted in history.');

  await glossator.restart();
  const fresh = new WorkbenchPage(glossator);
  await fresh.openDocument(DOC);
  await expect(fresh.passages).toHaveCount(2);
  await expect.poll(() => fresh.painted('gl-tag-hedging')).toEqual([a]);
  await expect.poll(() => fresh.painted('gl-tag-friction')).toEqual([b]);
  await expect(fresh.passage(b).getByRole('textbox', { name: 'Note' })).toHaveValue('Mistrust rooted in history.');
  await expect(fresh.docCount(DOC, 'Friction')).toHaveText('1');
  await expect(fresh.docCount(DOC, 'Hedging')).toHaveText('1');
  // One file per document (beside it, the store's backup generations).
  const files = await readdir(join(glossator.dataDir, 'corpora/default/annotations'));
  expect(files.filter((f) => f.endsWith('.json'))).toEqual(['001_05282a48bb000cda.json']);
  await fresh.screenshot('05-after-restart');
});
