// The codebook as a tree: sub-tags made, nested, reordered and moved out by keyboard and by drag and drop, undone; roll-ups in the panel, the Passages view and the document list; long names; axe and screenshots.
import { test, expect } from './support/fixtures';
import { expectAccessible } from './support/axe';
import type { Locator, Page } from '@playwright/test';
import type { WorkbenchPage } from './support/workbench-page';

const DOC = 'Russo-Iranian Alignment Will Continue Despite Differences';
const A = 'strategic cooperation between Russia and Iran will persist';
const B = 'mutual tensions have surfaced in recent weeks';

// Several dialogs and many steps on a machine that may be busy: a generous budget, never a timed assertion.
test.describe.configure({ timeout: 180_000 });

async function openCodebook(workbench: WorkbenchPage): Promise<Locator> {
  await workbench.button('Codebook').click();
  const dialog = workbench.page.getByRole('dialog', { name: 'Codebook' });
  await expect(dialog.getByRole('tree', { name: 'Tags' })).toBeVisible();
  return dialog;
}

/** Adds a sub-tag under `parent` through its details' New sub-tag form. */
async function addSubTag(dialog: Locator, parent: string, name: string): Promise<void> {
  await dialog.getByRole('treeitem', { name: parent, exact: true }).click();
  const details = dialog.getByRole('region'); // the selected tag's details, named by its path
  await details.getByRole('textbox', { name: 'Sub-tag name' }).fill(name);
  await details.getByRole('button', { name: 'Add sub-tag' }).click();
  await expect(dialog.getByRole('treeitem', { name, exact: true })).toBeVisible();
}

const names = (dialog: Locator) => dialog.getByRole('treeitem').evaluateAll((items) => items.map((i) => `${i.getAttribute('aria-level')} ${i.getAttribute('aria-label')}`));

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.getByRole('banner').getByRole('combobox', { name: 'Theme' }).selectOption(theme);
  await expect(page.locator(`html[data-theme="${theme}"]`)).toBeAttached();
}

test('sub-tags by keyboard: nest, reorder, move out, open and close, each said and undoable', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC);
  const dialog = await openCodebook(workbench);
  await expect(dialog.getByText(/Alt\+Shift\+→: nest under the tag above/)).toBeVisible();

  const form = dialog.getByRole('form', { name: 'New tag' });
  await form.getByRole('textbox', { name: 'New tag name' }).fill('Sanctions');
  await form.getByRole('button', { name: 'Add tag' }).click();
  // The new tag becomes the selected one when main has added it: wait for that before choosing Friction.
  await expect(dialog.getByRole('treeitem', { name: 'Sanctions', exact: true })).toHaveAttribute('aria-selected', 'true');
  await addSubTag(dialog, 'Friction', 'Energy');
  await expect.poll(() => names(dialog)).toEqual(['1 Cooperation', '1 Friction', '2 Energy', '1 Hedging', '1 Sanctions']);
  await expect(dialog.getByRole('treeitem', { name: 'Friction' })).toHaveAttribute('aria-expanded', 'true');

  const sanctions = dialog.getByRole('treeitem', { name: 'Sanctions' });
  await sanctions.click();
  await expect(sanctions).toBeFocused();
  await page.keyboard.press('Alt+Shift+ArrowUp');
  await expect(workbench.status).toHaveText('Codebook: move “Sanctions” up.');
  await page.keyboard.press('Alt+Shift+ArrowRight');
  await expect(workbench.status).toHaveText('Codebook: move “Sanctions” under “Friction”.');
  await expect(dialog.getByRole('status')).toHaveText('Codebook: move “Sanctions” under “Friction”.');
  await expect(sanctions).toBeFocused();
  await expect.poll(() => names(dialog)).toEqual(['1 Cooperation', '1 Friction', '2 Energy', '2 Sanctions', '1 Hedging']);
  await expect(dialog.getByRole('region', { name: 'Friction › Sanctions' })).toBeVisible();

  // Reorder among siblings, then undo it with Ctrl+Z.
  await page.keyboard.press('Alt+Shift+ArrowUp');
  await expect.poll(() => names(dialog)).toEqual(['1 Cooperation', '1 Friction', '2 Sanctions', '2 Energy', '1 Hedging']);
  await page.keyboard.press('Control+z');
  await expect(workbench.status).toHaveText('Undid: move “Sanctions” up.');
  await expect.poll(() => names(dialog)).toEqual(['1 Cooperation', '1 Friction', '2 Energy', '2 Sanctions', '1 Hedging']);

  // Left goes to the parent, Left again closes it; Down skips the hidden sub-tags; Right opens.
  await sanctions.focus();
  await page.keyboard.press('ArrowLeft');
  const friction = dialog.getByRole('treeitem', { name: 'Friction' });
  await expect(friction).toBeFocused();
  await expect(friction).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(friction).toHaveAttribute('aria-expanded', 'false');
  await expect(sanctions).toHaveCount(0);
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('treeitem', { name: 'Hedging' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowRight');
  await expect(friction).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('End');
  await expect(dialog.getByRole('treeitem', { name: 'Hedging' })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(dialog.getByRole('treeitem', { name: 'Cooperation' })).toBeFocused();

  // A move the tree refuses says why and changes nothing.
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await expect(workbench.status).toHaveText('“Cooperation” is already at the top level.');

  await sanctions.click();
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await expect(workbench.status).toHaveText('Codebook: move “Sanctions” out of “Friction” to the top level.');
  await expect.poll(() => names(dialog)).toEqual(['1 Cooperation', '1 Friction', '2 Energy', '1 Sanctions', '1 Hedging']);
  await page.keyboard.press('Control+z');
  await expect(workbench.status).toHaveText('Undid: move “Sanctions” out of “Friction” to the top level.');
  await expect(sanctions).toHaveAttribute('aria-level', '2');
});

test('sub-tags by drag and drop: onto a tag nests, between tags reorders, a cycle is refused, undo puts it back', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC);
  const dialog = await openCodebook(workbench);
  await addSubTag(dialog, 'Friction', 'Sanctions');
  const item = (name: string) => dialog.getByRole('treeitem', { name, exact: true });

  // Onto the middle of a row: under that tag.
  await item('Hedging').dragTo(item('Sanctions'));
  await expect(workbench.status).toHaveText('Codebook: move “Hedging” under “Sanctions”.');
  await expect.poll(() => names(dialog)).toEqual(['1 Cooperation', '1 Friction', '2 Sanctions', '3 Hedging']);

  // Onto the top edge of a row: just before it, beside it.
  await item('Hedging').dragTo(item('Cooperation'), { targetPosition: { x: 40, y: 2 } });
  await expect(workbench.status).toHaveText('Codebook: move “Hedging” before “Cooperation”.');
  await expect.poll(() => names(dialog)).toEqual(['1 Hedging', '1 Cooperation', '1 Friction', '2 Sanctions']);

  // A parent dragged onto its own sub-tag: the indicator refuses it while hovering, and the drop says why.
  const box = (await item('Sanctions').boundingBox())!;
  await item('Friction').hover();
  await page.mouse.down();
  await page.mouse.move(box.x + 40, box.y + box.height / 2, { steps: 6 });
  await expect(dialog.getByText('Cannot drop here: “Friction” cannot be moved under itself or one of its own sub-tags.')).toBeVisible();
  await expect(item('Sanctions')).toHaveClass(/refused/);
  await workbench.screenshot('codebook-tree-drop-refused');
  await page.mouse.up();
  await expect(workbench.status).toHaveText('Not moved: “Friction” cannot be moved under itself or one of its own sub-tags.');
  await expect.poll(() => names(dialog)).toEqual(['1 Hedging', '1 Cooperation', '1 Friction', '2 Sanctions']);

  await page.keyboard.press('Control+z');
  await expect(workbench.status).toHaveText('Undid: move “Hedging” before “Cooperation”.');
  await expect.poll(() => names(dialog)).toEqual(['1 Cooperation', '1 Friction', '2 Sanctions', '3 Hedging']);
});

test('a passage tagged with a sub-tag counts under its parent: panel filter, Passages view, document list; keys reach any depth', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC);
  const dialog = await openCodebook(workbench);
  await addSubTag(dialog, 'Friction', 'Sanctions');
  // A new tag gets the next free key; here key 2 moves from Friction to its sub-tag.
  await dialog.getByRole('treeitem', { name: 'Sanctions' }).click();
  const details = dialog.getByRole('region', { name: 'Friction › Sanctions' });
  await expect(details.getByRole('combobox', { name: 'Shortcut' })).toHaveValue('4');
  await details.getByRole('combobox', { name: 'Shortcut' }).selectOption('2');
  await expect(workbench.status).toHaveText('Codebook: give key 2 to “Sanctions” (taken from “Friction”).');
  await expect(dialog.getByRole('treeitem', { name: 'Sanctions' })).toContainText('key 2');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await workbench.select(B);
  await expect(workbench.tagBar.getByRole('button', { name: 'Friction › Sanctions' })).toBeVisible();
  await page.keyboard.press('2');
  await expect(workbench.passage(B).getByRole('group', { name: 'Tags' }).getByRole('button', { name: 'Friction › Sanctions', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await workbench.tag(A, '1');

  // The panel's Friction filter shows the Sanctions passage.
  await workbench.panel.getByRole('button', { name: 'Show only Friction (incl. sub-tags)' }).click();
  await expect(workbench.passages).toHaveCount(1);
  await expect(workbench.passages.first()).toContainText(B);

  // The document list counts it under Friction, and says so.
  await expect(workbench.documentButton(DOC).getByLabel('Friction: 1 incl. sub-tags')).toHaveText('1');
  await expect(workbench.documentButton(DOC).getByLabel('Cooperation: 1')).toHaveText('1');

  // The Passages view: Friction's passages include its sub-tag's.
  await workbench.button('Passages').click();
  const view = page.getByRole('region', { name: 'Passages across the corpus' });
  const filters = view.getByRole('group', { name: 'Show passages tagged' });
  // The sub-tag's box says its parent (two "Other"s under different parents would otherwise look alike).
  await expect(filters.getByRole('checkbox', { name: 'Friction › Sanctions', exact: true })).toBeVisible();
  await expect(filters.getByText('Friction ›')).toBeVisible();
  await filters.getByRole('checkbox', { name: 'Friction', exact: true }).check();
  const rows = view.getByRole('row').filter({ has: page.getByRole('button', { name: 'Open in document' }) });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('mutual tensions');
  await workbench.screenshot('codebook-tree-passages-view');

  // So does the digest's tag choice, in tree order.
  await workbench.button('Export digest').click();
  const digest = page.getByRole('dialog', { name: 'Digest' });
  const boxes = digest.getByRole('group', { name: /^Tags/ }).getByRole('checkbox');
  await expect(boxes).toHaveCount(4);
  expect(await boxes.evaluateAll((list) => list.map((b) => b.getAttribute('aria-label')))).toEqual(['Cooperation', 'Friction', 'Friction › Sanctions', 'Hedging']);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the tree with 200-character names at 1024 × 700 keeps its layout and passes axe (${theme})`, async ({ workbench }) => {
    const { page } = workbench;
    await page.setViewportSize({ width: 1024, height: 700 });
    await setTheme(page, theme);
    await workbench.openDocument(DOC);
    const dialog = await openCodebook(workbench);
    const long = `Sanctions ${'and counter-sanctions on oil, gas, banking and shipping '.repeat(4)}`.slice(0, 200).trim();
    expect(long.length).toBeGreaterThan(190);
    await addSubTag(dialog, 'Friction', long);
    await addSubTag(dialog, long, 'Oil');
    await expect(dialog.getByRole('treeitem', { name: 'Oil', exact: true })).toHaveAttribute('aria-level', '3');
    await dialog.getByRole('treeitem', { name: long }).click();
    // Nothing in the dialog scrolls sideways: the long name wraps.
    const overflow = await dialog.evaluate((d) =>
      [d, ...d.querySelectorAll<HTMLElement>('*')]
        .filter((e) => !/^(INPUT|TEXTAREA|SELECT|OPTION)$/.test(e.tagName) && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
        .map((e) => `${e.tagName} ${e.className}`),
    );
    expect(overflow).toEqual([]);
    const box = (await dialog.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
    await expectAccessible(page, `codebook tree (${theme})`);
    await workbench.screenshot(`codebook-tree-1024-${theme}`);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The tag bar names the path and stays inside the window.
    await workbench.select(A);
    await expect(workbench.tagBar.getByRole('button', { name: `Friction › ${long}`, exact: true })).toBeVisible();
    const bar = (await workbench.tagBar.boundingBox())!;
    expect(bar.x).toBeGreaterThanOrEqual(0);
    expect(bar.x + bar.width).toBeLessThanOrEqual(1024);
    await workbench.screenshot(`codebook-tagbar-1024-${theme}`);
  });
}
