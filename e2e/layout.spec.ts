// Layout: the workbench works from 1024×700 up, and the Passages view keeps every column inside its cell.
import type { Locator } from '@playwright/test';
import { test, expect } from './support/fixtures';

const DOC = 'Russo-Iranian Alignment Will Continue Despite Differences';

/** Whether `inner` lies wholly inside `outer` (a pixel of rounding allowed). */
async function inside(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  return !!a && !!b && a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1;
}

test('at 1024×700 the top bar fits and the reading column stays readable', async ({ workbench }) => {
  const { page } = workbench;
  await page.setViewportSize({ width: 1024, height: 700 });
  await workbench.openDocument(DOC);
  await workbench.tag('strategic cooperation between Russia and Iran will persist', '1');
  const bar = page.getByRole('banner');
  const window = page.locator('body');
  for (const name of ['Undo', 'Redo', 'Review', 'Passages', 'Codebook', 'Import…', 'Export digest']) {
    const button = workbench.button(name);
    expect(await inside(button, bar), `${name} inside the top bar`).toBe(true);
    expect(await inside(button, window), `${name} inside the window`).toBe(true);
    // Not cut with an ellipsis: the label is as wide as it needs.
    expect(await button.evaluate((b) => b.scrollWidth <= b.clientWidth + 1), `${name} shows its whole label`).toBe(true);
  }
  expect(await inside(bar.getByRole('combobox', { name: 'Theme' }), window)).toBe(true);
  // The report of what just happened reads on a line of its own, not a word per line beside the buttons.
  const status = workbench.status;
  await expect(status).toContainText('as Cooperation');
  const line = (await status.boundingBox())!;
  expect(line.width, 'status line width').toBeGreaterThan(250);
  expect(line.height, 'status line height').toBeLessThan(30);
  expect((await bar.boundingBox())!.height, 'top bar height').toBeLessThan(100);
  const column = (await workbench.text.boundingBox())!;
  expect(column.width, 'reading column width').toBeGreaterThanOrEqual(380);
  await workbench.screenshot('layout-1024-light');
  await bar.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await workbench.screenshot('layout-1024-dark');
});

test('the Passages view keeps chips, citations and Open inside their columns', async ({ workbench }) => {
  const { page } = workbench;
  await page.setViewportSize({ width: 1024, height: 700 });
  await workbench.openDocument(DOC);
  await workbench.tag('strategic cooperation between Russia and Iran will persist', '1');
  await workbench.select('mutual tensions have surfaced in recent weeks');
  await page.keyboard.press('2');
  await workbench.select('mutual tensions have surfaced in recent weeks');
  await page.keyboard.press('3');
  await expect(workbench.tagChip(workbench.passage('mutual tensions'), 'Hedging')).toHaveAttribute('aria-pressed', 'true');
  await workbench.button('Passages').click();
  const view = page.getByRole('region', { name: 'Passages across the corpus' });
  const rows = view.getByRole('row').filter({ has: page.getByRole('button', { name: 'Open in document' }) });
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) {
    const cells = row.getByRole('cell');
    for (const chip of await cells.nth(1).getByRole('listitem').all()) {
      expect(await inside(chip, cells.nth(1)), 'tag chip inside the Tags cell').toBe(true);
    }
    expect(await inside(row.getByRole('button', { name: 'Open in document' }), cells.nth(5)), 'Open inside its cell').toBe(true);
    // The citation is at most three lines; the full text is a tooltip away.
    const lines = await cells.nth(2).evaluate((td) => {
      const text = td.firstElementChild ?? td;
      return Math.round(text.getBoundingClientRect().height / parseFloat(getComputedStyle(text).lineHeight));
    });
    expect(lines, 'lines in the Document column').toBeLessThanOrEqual(3);
  }
  await workbench.screenshot('passages-view-1024');
});
