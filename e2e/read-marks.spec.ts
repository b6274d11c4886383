// Read marks: Shift+R works like R, marks show without hovering, and only the check control marks a paragraph.
import { test, expect } from './support/fixtures';

const DOC = 'Russia–Iran relations after Putin’s visit to Tehran';

test('R and Shift+R both mark the paragraph at the cursor read', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('Shift+R');
  const second = workbench.margin.getByRole('button', { name: 'Read: paragraph 2', exact: true });
  await expect(second).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Shift+R');
  await expect(second).toHaveAttribute('aria-pressed', 'false');
});

test('read and unread marks are visible without hovering', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC);
  const first = workbench.margin.getByRole('button', { name: 'Read: paragraph 1', exact: true });
  const second = workbench.margin.getByRole('button', { name: 'Read: paragraph 2', exact: true });
  await first.click();
  await expect(first).toHaveAttribute('aria-pressed', 'true');
  await page.mouse.move(0, 0);
  // Neither mark may be drawn in a transparent colour while the pointer is elsewhere.
  const ink = (el: Element) => {
    const style = getComputedStyle(el);
    return { color: style.color, border: style.borderTopColor, opacity: style.opacity };
  };
  for (const mark of [first, second]) {
    const seen = await mark.evaluate(ink);
    expect(seen.color, 'the check is drawn').not.toBe('rgba(0, 0, 0, 0)');
    expect(Number(seen.opacity)).toBeGreaterThan(0.3);
  }
  await workbench.screenshot('read-marks-light');
  await page.getByRole('banner').getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await workbench.screenshot('read-marks-dark');
});

test('a stray click in the margin marks nothing read', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.openDocument(DOC);
  const mark = workbench.margin.getByRole('button', { name: 'Read: paragraph 2', exact: true });
  const box = (await mark.boundingBox())!;
  // Beside the check, between it and the paragraph number, and just above and below it.
  for (const [dx, dy] of [
    [box.width + 6, box.height / 2],
    [box.width + 30, box.height / 2],
    [box.width / 2, -6],
    [box.width / 2, box.height + 8],
  ] as const) {
    await page.mouse.click(box.x + dx, box.y + dy);
  }
  await expect(workbench.margin.getByRole('button', { name: /^Read: /, pressed: true })).toHaveCount(0);
});
