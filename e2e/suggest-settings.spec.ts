// Suggestion settings: a tag's cue lexicon edited from the codebook (checked as typed, restore defaults, no silent discard) and the local model server.
import { createServer, type Server } from 'node:http';
import { test, expect } from './support/fixtures';
import { expectAccessible } from './support/axe';

test.describe.configure({ timeout: 180_000 });

const DOC = 'Russo-Iranian Alignment Will Continue Despite Differences';

test('cue lexicon per tag from the codebook: checked as typed, saved, restored, never discarded without asking', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC);
  await workbench.button('Codebook').click();
  const codebook = page.getByRole('dialog', { name: 'Codebook' });
  await codebook.getByRole('treeitem', { name: 'Friction' }).click();
  await codebook.getByRole('button', { name: 'Cues…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cues for Friction' });
  // The session's first suggestion call loads the engine and learns from the passages: on a busy
  // machine that takes seconds, so the dialog's arrival is waited for generously (nothing transient).
  await expect(dialog.getByRole('textbox', { name: /^Cues \(\d+\) — the defaults$/ })).toHaveValue(/^friction\n(.+\n)*mistrust\n/, { timeout: 60_000 });
  const cues = dialog.getByRole('textbox', { name: /^Cues/ });
  await expect(dialog.getByRole('checkbox', { name: /A negation before a cue cancels it/ })).toBeChecked();

  // Bad lines are named with their line numbers, and nothing can be saved while they stand.
  await cues.fill('trepidation\nat odds\na b c d e f g\nback/123\nTrepidation');
  const problems = dialog.getByRole('list', { name: 'Problems' });
  await expect(problems).toContainText('Line 3: A cue is at most six words.');
  await expect(problems).toContainText('Line 4: "back/123": after a slash comes a part of speech');
  await expect(problems).toContainText('Line 5 repeats line 1.');
  await expect(cues).toHaveAccessibleName('Cues (5)');
  await expect(dialog.getByRole('button', { name: 'Save cues' })).toBeDisabled();
  await workbench.screenshot('45-cue-editor-problems');
  await expectAccessible(page, 'cue editor with problems');

  await cues.fill('trepidation\nat odds');
  await expect(problems.getByRole('listitem')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Save cues' }).click();
  await expect(workbench.status).toContainText('Saved 2 cues for Friction.');
  await expect(dialog.getByRole('textbox', { name: 'Cues (2)' })).toHaveValue('trepidation\nat odds');
  await expect(dialog.getByRole('button', { name: 'Save cues' })).toBeDisabled();

  // Closing with unsaved edits asks first; "Keep editing" keeps them.
  await dialog.getByRole('textbox', { name: 'Cues (2)' }).fill('trepidation\nat odds\nquarrel');
  await dialog.getByRole('button', { name: 'Close' }).click();
  const unsaved = dialog.getByRole('group', { name: 'Unsaved changes' });
  await expect(unsaved).toContainText('Discard your changes to these cues?');
  await unsaved.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Cues (3)' })).toHaveValue('trepidation\nat odds\nquarrel');
  // Escape asks too.
  await page.keyboard.press('Escape');
  await expect(unsaved).toBeVisible();
  await unsaved.getByRole('button', { name: 'Keep editing' }).click();

  // Restore defaults asks, then puts them back (saved at once).
  await dialog.getByRole('button', { name: 'Restore defaults…' }).click();
  const restore = dialog.getByRole('group', { name: 'Restore defaults' });
  await expect(restore).toContainText('Replace these cues with the defaults for Friction?');
  await restore.getByRole('button', { name: 'Restore defaults' }).click();
  await expect(workbench.status).toContainText('Default cues restored for Friction.');
  await expect(dialog.getByRole('textbox', { name: /— the defaults$/ })).toHaveValue(/mistrust/);
  await expect(dialog.getByRole('button', { name: 'Restore defaults…' })).toHaveCount(0);

  // An edit, then Close and Discard: the saved lexicon is what it was.
  await dialog.getByRole('textbox', { name: /Cues/ }).fill('quarrel');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await unsaved.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(codebook).toBeVisible();
  await codebook.getByRole('treeitem', { name: 'Friction' }).click();
  await codebook.getByRole('button', { name: 'Cues…' }).click();
  await expect(page.getByRole('dialog', { name: 'Cues for Friction' }).getByRole('textbox', { name: /— the defaults$/ })).toHaveValue(/mistrust/);
});

test('cue edits change what is suggested; opened from the suggestion settings too', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC);
  const bar = page.getByRole('region', { name: 'Suggestions' });
  await bar.getByRole('button', { name: /^Suggestions/ }).click();
  await bar.getByRole('button', { name: 'Tags and queue' }).click();
  await bar.getByRole('button', { name: 'Cues for Hedging' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cues for Hedging' });
  await dialog.getByRole('textbox', { name: /Cues/ }).fill('ambiguities');
  await dialog.getByRole('button', { name: 'Save cues' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  const queue = bar.getByRole('list', { name: 'Suggestion queue' });
  await expect(queue.getByRole('listitem').filter({ hasText: 'Hedging' })).toHaveCount(1);
  await expect(queue.getByRole('listitem').filter({ hasText: 'Hedging' })).toContainText('shrouded in ambiguities');
});

test.describe('local model settings', () => {
  let server: Server;
  let url = '';
  test.beforeEach(async () => {
    // A fake OpenAI-compatible server on this machine: "yes" to everything.
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ choices: [{ message: { content: 'yes' } }] }));
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const addr = server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/v1`;
  });
  test.afterEach(async () => {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  });

  test('off by default; loopback only; Test connection reports clearly; once on, its verdict is shown', async ({ workbench }) => {
    const { page } = workbench;
    await workbench.openDocument(DOC);
    const bar = page.getByRole('region', { name: 'Suggestions' });
    await bar.getByRole('button', { name: /^Suggestions/ }).click();
    await bar.getByRole('button', { name: 'Tags and queue' }).click();
    await bar.getByRole('button', { name: 'Local model…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Local model for suggestions' });
    await expect(dialog.getByRole('checkbox', { name: 'Ask the local model about suggestions' })).not.toBeChecked();

    // Off the machine: refused on test and on save, nothing saved.
    await dialog.getByRole('textbox', { name: 'Server URL' }).fill('http://example.com/v1');
    await dialog.getByRole('textbox', { name: 'Model name' }).fill('fake');
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(dialog.getByRole('status')).toContainText('Only a model server on this machine');
    await dialog.getByRole('checkbox', { name: 'Ask the local model about suggestions' }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Only a model server on this machine');

    // Nothing listening: said plainly.
    await dialog.getByRole('textbox', { name: 'Server URL' }).fill('http://127.0.0.1:1/v1');
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(dialog.getByRole('status')).toContainText('Nothing answers at http://127.0.0.1:1/v1');

    // The fake server: connected.
    await dialog.getByRole('textbox', { name: 'Server URL' }).fill(url);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(dialog.getByRole('status')).toContainText(`Connected: fake at ${url} answered “yes”`);
    await workbench.screenshot('46-local-model-settings');
    await expectAccessible(page, 'local model settings');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(workbench.status).toContainText(`Local model on: fake at ${url}.`);

    // Its verdict is one more reason on the current suggestion.
    await expect(bar.locator('.current')).toContainText('local model: yes');
  });
});
