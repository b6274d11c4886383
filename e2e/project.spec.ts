// Team projects in the app: Save as project… from the bundled corpus, the first-run coder dialog, and another
// coder's passages (written into the project's files as a teammate's sync would) in the reader's layers.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './support/fixtures';
import { expectAccessible } from './support/axe';
import { scratchCorpus } from './support/corpus-files';
import { selectText } from './support/selection';
import type { GlossDocument } from '../src/shared/types';

const SEED = '004_602bfc5574c20f0a.txt';
const DOC = '004_602bfc5574c20f0a';
const TITLE = /Despite speculation/;

test('Save as project… copies the bundled corpus and my passages into a new project; the first-run dialog names me', async ({ glossator, workbench }) => {
  test.setTimeout(90_000);
  const { page } = workbench;
  await workbench.openDocument('Russo-Iranian Alignment Will Continue Despite Differences');
  await workbench.tag('strategic cooperation between Russia and Iran will persist', '1');

  const target = await mkdtemp(join(tmpdir(), 'glossator-project-'));
  await glossator.answerFolderDialog(target);
  const bar = page.getByRole('region', { name: 'Project' });
  await bar.getByRole('button', { name: 'Save as project…' }).click();

  // First use of a project: who is coding?
  const dialog = page.getByRole('dialog', { name: 'Who is coding?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'the first-run coder dialog');
  await workbench.screenshot('60-coder-dialog');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Enter the name your teammates know you by.');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Ana Lima');
  await dialog.getByRole('radio', { name: 'Vermilion' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(bar).toContainText('Coding as Ana Lima');

  // The notice says what was copied and where the old data stays; the passage came along.
  await expect(bar.getByRole('status')).toContainText(/5 documents copied into .*This folder is now a project: 1 passage on 1 document/);
  await expect(bar.getByRole('status')).toContainText('The old data stays untouched in');
  await expect(page.getByRole('combobox', { name: 'Corpus' })).toHaveValue(target);
  await workbench.openDocument('Russo-Iranian Alignment Will Continue Despite Differences');
  await expect(workbench.passages).toHaveCount(1);
  await expectAccessible(page, 'a project just saved');
  await workbench.screenshot('61-saved-as-project');
  await bar.getByRole('button', { name: 'Dismiss' }).click();
  await expect(bar.getByRole('status')).toHaveCount(0);

  // On disk: the documents, the codebook, and my passages in my own coder folder, named as I chose.
  const files = await readdir(target);
  expect(files).toEqual(expect.arrayContaining(['.glossator', '.gitattributes', 'manifest.json', SEED]));
  const coders = await readdir(join(target, '.glossator', 'coders'));
  expect(coders).toHaveLength(1);
  const coder = JSON.parse(await readFile(join(target, '.glossator', 'coders', coders[0]!, 'coder.json'), 'utf8')) as { name: string; color: string };
  expect(coder).toMatchObject({ name: 'Ana Lima', color: '#d55e00' });
  expect((await readdir(join(target, '.glossator', 'coders', coders[0]!, 'passages'))).filter((n) => n.endsWith('.jsonl'))).toHaveLength(1);
});

test.describe('a project folder with a second coder', () => {
  test.use({
    makeProjects: true,
    corpusDir: async ({}, use) => use(await scratchCorpus([SEED])),
  });

  test("another coder's passages show in the all-coders layer, read-only, and alone in that coder's layer", async ({ glossator, workbench, corpusDir }) => {
    test.setTimeout(90_000);
    const { page } = workbench;
    // The folder became a project on open, and asks who is coding.
    const dialog = page.getByRole('dialog', { name: 'Who is coding?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Ana');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await workbench.openDocument(TITLE);
    await workbench.tag('mutual mistrust and competition', '2');

    // Ben's passage arrives as a teammate's sync would bring it: his coder.json and his own passage file.
    const doc = await page.evaluate((docId) => (window as unknown as { glossator: { getDocument(a: unknown): Promise<{ ok: true; value: GlossDocument }> } }).glossator.getDocument({ docId }), DOC);
    const text = doc.value.text;
    const phrase = 'Despite speculation';
    const start = text.indexOf(phrase);
    expect(start).toBeGreaterThanOrEqual(0);
    const ben = join(corpusDir, '.glossator', 'coders', 'ben-0a1b2c');
    await mkdir(join(ben, 'passages'), { recursive: true });
    await writeFile(join(ben, 'coder.json'), `${JSON.stringify({ format: 'glossator-coder/1', id: 'ben-0a1b2c', name: 'Ben', color: '#009e73' }, null, 2)}\n`);
    const record = {
      id: 'ben-p1',
      docId: DOC,
      created: '2026-12-01T10:00:00.000Z',
      modified: '2026-12-01T10:00:00.000Z',
      note: 'Ben reads this as hedging',
      tagIds: ['hedging'],
      target: { contentHash: doc.value.contentHash, position: { end: start + phrase.length, start }, quote: { exact: phrase, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(start + phrase.length, start + phrase.length + 32) } },
    };
    await writeFile(join(ben, 'passages', `${DOC}.jsonl`), `{"format":"glossator-passages/1"}\n${JSON.stringify(record)}\n`);

    // Reopened (as after a sync), Ben is one of the project's coders.
    await glossator.restart();
    const bar = glossator.page.getByRole('region', { name: 'Project' });
    await expect(bar).toContainText('Coding as Ana');
    await workbench.openDocument(TITLE);
    const layer = bar.getByRole('combobox', { name: 'Show passages' });
    await expect(layer.getByRole('option')).toHaveText(['Mine', "Ben's", 'All coders', 'Adjudicated']);
    await expect(workbench.text).toHaveAttribute('data-painted', `${DOC}:1`);

    await layer.selectOption({ label: 'All coders' });
    await expect(workbench.text).toHaveAttribute('data-painted', `${DOC}:2`);
    await expect(bar).toContainText("Every coder's passages are shown read-only (2 in this document)");
    await expect(bar.getByRole('list', { name: 'Coders' }).getByRole('listitem')).toHaveText(['Ana', 'Ben']);
    // Each coder's stripe in their colour, named first in its label; the hover card names the coder.
    const benStripe = workbench.margin.getByRole('button', { name: /^Ben — Hedging: “Despite speculation”/ });
    await expect(benStripe).toHaveCSS('background-color', 'rgb(0, 158, 115)');
    await expect(workbench.margin.getByRole('button', { name: /^Ana — Friction: “mutual mistrust and competition”/ })).toBeVisible();
    await benStripe.hover();
    await expect(glossator.page.getByRole('tooltip')).toContainText('Ben');
    await expect(glossator.page.getByRole('tooltip')).toContainText('Despite speculation');
    await workbench.screenshot('63-all-coders-hover');
    await glossator.page.mouse.move(5, 5);
    // Read-only: a tag key on a selection tags nothing.
    await selectText(glossator.page, 'Iran', 0);
    await expect(workbench.tagBar).toHaveCount(0);
    await glossator.page.keyboard.press('1');
    await expect(workbench.passages).toHaveCount(1);
    await expectAccessible(glossator.page, 'the all-coders layer');
    await workbench.screenshot('62-all-coders-layer');

    await layer.selectOption({ label: "Ben's" });
    await expect(workbench.text).toHaveAttribute('data-painted', `${DOC}:1`);
    await layer.selectOption({ label: 'Adjudicated' });
    await expect(workbench.text).toHaveAttribute('data-painted', `${DOC}:0`);
    await layer.selectOption({ label: 'Mine' });
    await expect(workbench.text).toHaveAttribute('data-painted', `${DOC}:1`);
    await expect(bar).not.toContainText('read-only');
  });
});

test.describe('syncing a project', () => {
  test.use({
    makeProjects: true,
    corpusDir: async ({}, use) => use(await scratchCorpus([SEED])),
  });

  test('Sync… sets a folder remote, syncs with the report shown, and a second sync has nothing to send', async ({ workbench }) => {
    test.setTimeout(90_000);
    const { page } = workbench;
    const dialog = page.getByRole('dialog', { name: 'Who is coding?' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Ana');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await workbench.openDocument(TITLE);
    await workbench.tag('mutual mistrust and competition', '2');

    const remote = join(await mkdtemp(join(tmpdir(), 'glossator-remote-')), 'team.git');
    execFileSync('git', ['init', '--bare', '--quiet', remote]);
    await page.getByRole('region', { name: 'Project' }).getByRole('button', { name: 'Sync…' }).click();
    const sync = page.getByRole('dialog', { name: 'Sync' });
    // Reading the status asks git about the folder: slow on a busy machine, so waited for generously.
    await expect(sync).toContainText('Remote: none yet', { timeout: 30_000 });
    await expect(sync.getByRole('button', { name: 'Sync now' })).toBeDisabled();
    await sync.getByRole('textbox', { name: /Remote address/ }).fill(remote);
    await sync.getByRole('button', { name: 'Set remote' }).click();
    await expect(sync).toContainText(`Remote: ${remote}`);
    await sync.getByRole('button', { name: 'Sync now' }).click();
    await expect(sync.getByRole('status')).toContainText(/Pushed 1 passage/, { timeout: 30_000 });
    await expectAccessible(page, 'the sync dialog after a sync');
    await workbench.screenshot('64-sync-dialog');
    // The remote holds the commit; nothing is lost locally.
    expect(execFileSync('git', ['--git-dir', remote, 'log', '--oneline', '-1', '--all']).toString()).toMatch(/Glossator sync/);
    await sync.getByRole('button', { name: 'Sync now' }).click();
    await expect(sync.getByRole('status')).not.toContainText(/Pushed 1 passage/);
    await sync.getByRole('button', { name: 'Close' }).click();
    await expect(workbench.passages).toHaveCount(1);
  });
});
