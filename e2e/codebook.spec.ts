// The codebook: add, rename, recolour, describe, reorder, merge and delete tags, all undoable.
import { test, expect } from './support/fixtures';

const DOC = 'Russo-Iranian Alignment Will Continue Despite Differences';
const A = 'strategic cooperation between Russia and Iran will persist';
const B = 'mutual tensions have surfaced in recent weeks';

test('analysts add their own tag, use it with its shortcut, and see its description while tagging', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC);
  await workbench.button('Codebook').click();
  const dialog = page.getByRole('dialog', { name: 'Codebook' });
  const form = dialog.getByRole('form', { name: 'New tag' });
  await form.getByRole('textbox', { name: 'New tag name' }).fill('Energy');
  await form.getByRole('textbox', { name: 'New tag description' }).fill('Oil, gas and sanctions on them.');
  await form.getByRole('button', { name: 'Add tag' }).click();
  // The new tag is selected: its details show beside the tree.
  await expect(dialog.getByRole('treeitem', { name: 'Energy' })).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.getByRole('region', { name: 'Energy' }).getByRole('combobox', { name: 'Shortcut' })).toHaveValue('4');
  await workbench.screenshot('16-codebook');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await workbench.select(B);
  await expect(workbench.tagBar.getByRole('button', { name: 'Energy' })).toHaveAttribute('title', 'Oil, gas and sanctions on them.');
  await page.keyboard.press('4');
  await expect(workbench.tagChip(workbench.passage(B), 'Energy')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => workbench.painted('gl-tag-energy')).toEqual([B]);
});

test('rename, recolour, reorder, then undo each', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC);
  await workbench.tag(A, '3');
  await workbench.button('Codebook').click();
  const dialog = page.getByRole('dialog', { name: 'Codebook' });
  await dialog.getByRole('treeitem', { name: 'Hedging' }).click();
  const hedging = dialog.getByRole('region', { name: 'Hedging' });
  await hedging.getByRole('textbox', { name: 'Name', exact: true }).fill('Hedge');
  await hedging.getByRole('textbox', { name: 'Name', exact: true }).press('Enter');
  await expect(workbench.tagChip(workbench.passage(A), 'Hedge')).toBeVisible();
  await expect(dialog.getByRole('treeitem', { name: 'Hedge' }).getByText('1 passage')).toBeVisible();

  await dialog.getByRole('region', { name: 'Hedge' }).getByRole('button', { name: 'Move up' }).click();
  await expect(dialog.getByRole('treeitem').nth(1)).toHaveAccessibleName('Hedge');
  await page.keyboard.press('Control+z');
  await expect(workbench.status).toHaveText('Undid: move “Hedge” up.');
  await expect(dialog.getByRole('treeitem').nth(2)).toHaveAccessibleName('Hedge');
  await page.keyboard.press('Control+z');
  await expect(workbench.status).toHaveText('Undid: rename “Hedging” to “Hedge”.');
  await expect(dialog.getByRole('treeitem', { name: 'Hedging' })).toBeVisible();

  await dialog.getByRole('treeitem', { name: 'Friction' }).click();
  const colour = dialog.getByRole('region', { name: 'Friction' }).getByLabel('Colour');
  await colour.fill('#aa00ff');
  await colour.dispatchEvent('change');
  await expect(workbench.status).toHaveText('Codebook: recolour “Friction”.');
});

test('merging moves passages to the target; deleting keeps untagged passages; undo restores both', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC);
  await workbench.tag(A, '2');
  await workbench.tag(B, '3');
  await workbench.select(A);
  await page.keyboard.press('3');
  await workbench.button('Codebook').click();
  const dialog = page.getByRole('dialog', { name: 'Codebook' });

  await dialog.getByRole('treeitem', { name: 'Friction' }).click();
  const friction = dialog.getByRole('region', { name: 'Friction' });
  await friction.getByRole('combobox', { name: 'Merge into' }).selectOption({ label: 'Hedging' });
  await friction.getByRole('button', { name: 'Merge' }).click();
  await expect(dialog.getByRole('treeitem', { name: 'Friction' })).toHaveCount(0);
  await expect(workbench.tagChip(workbench.passage(A), 'Hedging')).toHaveAttribute('aria-pressed', 'true');
  await expect(dialog.getByRole('treeitem', { name: 'Hedging' }).getByText('2 passages')).toBeVisible();

  // The merged tag is gone: the target is selected.
  const hedging = dialog.getByRole('region', { name: 'Hedging' });
  await hedging.getByRole('button', { name: 'Delete' }).click();
  await expect(hedging.getByRole('alertdialog')).toContainText('passages keep their other tags');
  await hedging.getByRole('button', { name: 'Delete tag' }).click();
  await expect(dialog.getByRole('treeitem', { name: 'Hedging' })).toHaveCount(0);
  // Both passages survive, untagged.
  await expect(workbench.passages).toHaveCount(2);
  await expect(workbench.passage(B).getByText('Untagged')).toBeVisible();
  await expect.poll(() => workbench.painted('gl-untagged')).toEqual([A, B]);
  await workbench.screenshot('17-untagged');

  await page.keyboard.press('Control+z');
  await expect(workbench.status).toHaveText('Undid: delete tag “Hedging”.');
  await page.keyboard.press('Control+z');
  await expect(workbench.status).toHaveText('Undid: merge “Friction” into “Hedging”.');
  await expect(workbench.tagChip(workbench.passage(A), 'Friction')).toHaveAttribute('aria-pressed', 'true');
  await expect(workbench.tagChip(workbench.passage(A), 'Hedging')).toHaveAttribute('aria-pressed', 'true');
  await expect(workbench.tagChip(workbench.passage(B), 'Hedging')).toHaveAttribute('aria-pressed', 'true');
  await expect(workbench.tagChip(workbench.passage(B), 'Friction')).toHaveAttribute('aria-pressed', 'false');
});
