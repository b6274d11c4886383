// Documents that change on disk: live reload, re-anchoring, and the review queue (confirm, re-attach, delete).
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './support/fixtures';
import { scratchCorpus } from './support/corpus-files';
import { selectText } from './support/selection';

const SEED = '000_4ab67b766fb33eed.txt';
const KEEPS = 'Iran has expressed solidarity with Russia’s security concerns';
const TYPO = 'strategic cooperation between Russia and Iran will persist';
const GONE = 'mutual tensions have surfaced in recent weeks';

test('a changed file re-anchors live; the review queue confirms, re-attaches and deletes', async ({ glossator, workbench }) => {
  const { page } = workbench;
  const folder = await scratchCorpus([SEED, '004_602bfc5574c20f0a.txt']);
  await glossator.answerFolderDialog(folder);
  await page.getByRole('region', { name: 'Corpus' }).getByRole('button', { name: 'Open folder…' }).click();
  await expect(page.getByRole('region', { name: 'Corpus' }).getByRole('combobox', { name: 'Corpus' })).toHaveValue(folder);
  await expect(workbench.documents.getByRole('button')).toHaveCount(2);
  await workbench.openDocument('Russo-Iranian Alignment Will Continue Despite Differences');
  await workbench.tag(KEEPS, '1');
  await workbench.tag(TYPO, '1');
  await workbench.tag(GONE, '2');

  // The analyst's source is updated elsewhere: a new opening paragraph, a spelling change, a sentence cut.
  const file = join(folder, SEED);
  const raw = await readFile(file, 'utf8');
  const edited = raw
    .replace('On March 15,', 'Editor’s note: this analysis was updated in April.\n\nOn March 15,')
    .replace('strategic cooperation between Russia and Iran will persist', 'strategic co-operation between Russia and Iran will persist')
    .replace('Despite Russia’s superficial alignment with Iran on the JCPOA, mutual tensions have surfaced in recent weeks. ', '');
  expect(edited).not.toBe(raw);
  await writeFile(file, edited);

  await expect(workbench.status).toHaveText(
    'Corpus updated: 1 changed. To review: 1 moved, 1 needs review.',
    { timeout: 15_000 },
  );
  await expect(workbench.text).toContainText('Editor’s note: this analysis was updated in April.');
  await expect.poll(() => workbench.painted('gl-tag-cooperation')).toContain(KEEPS);

  await workbench.button('Review').click();
  const queue = page.getByRole('region', { name: 'Review queue' });
  const items = queue.getByRole('list', { name: 'Passages to review' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await workbench.screenshot('25-review-queue');
  const moved = items.filter({ hasText: 'Moved' });
  await expect(moved).toContainText(TYPO);
  await moved.getByRole('button', { name: 'Confirm move' }).click();
  await expect(items).toHaveCount(1);

  const lost = items.filter({ hasText: 'Needs review' });
  await lost.getByRole('button', { name: 'Re-attach…' }).click();
  await expect(page.getByRole('note').filter({ hasText: 'Select the new text for' })).toBeVisible();
  await selectText(page, 'the trajectory of their bilateral relationship remains positive', 0);
  await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Re-attach here' }).click();
  await expect(workbench.status).toHaveText('Passage re-attached.');
  await expect.poll(() => workbench.painted('gl-tag-friction')).toEqual(['the trajectory of their bilateral relationship remains positive']);

  // A removed file leaves its passages as orphans until the analyst decides.
  await workbench.openDocument(/^Despite speculation around Russian President/);
  await workbench.tag('mutual mistrust and competition', '2');
  await rm(join(folder, '004_602bfc5574c20f0a.txt'));
  await expect(workbench.status).toHaveText(/^Corpus updated: 1 removed\. To review: .*1 orphaned\.$/, { timeout: 15_000 });
  await workbench.button('Review').click();
  const orphan = items.filter({ hasText: 'Orphaned' });
  await expect(orphan).toContainText('mutual mistrust and competition');
  await orphan.getByRole('button', { name: 'Delete' }).click();
  await expect(queue.getByText('Nothing to review')).toBeVisible();
});
