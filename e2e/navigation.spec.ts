// Overlaps and navigation: margin stripes, hover cards, next/previous keys, and the panel's filters.
import { test, expect } from './support/fixtures';

const DOC = 'Russo-Iranian Alignment Will Continue Despite Differences';
const FIRST = 'Russia continues to back the JCPOA’s restoration';
const SECOND = 'strategic cooperation between Russia and Iran will persist';
const THIRD = 'Iran’s policy of “sympathy without alignment”';

test.beforeEach(async ({ workbench }) => {
  await workbench.openDocument(DOC);
  await workbench.tag(SECOND, '1');
  await workbench.select(SECOND);
  await workbench.page.keyboard.press('3');
  await workbench.tag(FIRST, '2');
  await workbench.tag(THIRD, '3');
  await workbench.setNote(workbench.passage(SECOND), 'Thesis of the piece.');
});

test('margin stripes show each tag in its own lane; clicking one selects the passage', async ({ workbench }) => {
  const stripes = workbench.margin.getByRole('button', { name: /^(Cooperation|Friction|Hedging)/ });
  // One stripe per passage and tag: the two-tag passage has two.
  await expect(stripes).toHaveCount(4);
  const both = workbench.margin.getByRole('button', { name: /^Cooperation, Hedging: “strategic/ });
  await expect(both).toHaveCount(2);
  const [a, b] = [await both.nth(0).boundingBox(), await both.nth(1).boundingBox()];
  expect(a!.x).not.toBe(b!.x);
  expect(a!.y).toBe(b!.y);
  await both.first().click();
  await expect(workbench.passage(SECOND)).toHaveAttribute('aria-current', 'true');
  await workbench.screenshot('11-stripes');
});

test('hovering a highlight shows its tags and note; clicking it selects the passage', async ({ workbench }) => {
  await workbench.text.getByText(SECOND).scrollIntoViewIfNeeded();
  // Scrolling closes the hover card; let the scroll event pass before pointing.
  await workbench.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const box = await workbench.page.evaluate((text) => {
    const node = [...document.querySelectorAll('article [data-block]')].map((e) => e.firstChild as Text).find((t) => t.data.includes(text))!;
    const range = document.createRange();
    const at = node.data.indexOf(text) + 5;
    range.setStart(node, at);
    range.setEnd(node, at + 1);
    const r = range.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, SECOND);
  await workbench.page.mouse.move(box.x, box.y);
  const card = workbench.page.getByRole('tooltip');
  await expect(card).toContainText('Cooperation');
  await expect(card).toContainText('Hedging');
  await expect(card).toContainText('Thesis of the piece.');
  await workbench.screenshot('12-hover');
  await workbench.page.mouse.click(box.x, box.y);
  await expect(workbench.passage(SECOND)).toHaveAttribute('aria-current', 'true');
});

test('] and [ move to the next and previous passage', async ({ workbench }) => {
  const { page } = workbench;
  await page.keyboard.press('Escape');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press(']');
  await expect(workbench.passage(FIRST)).toHaveAttribute('aria-current', 'true');
  await expect.poll(() => workbench.painted('gl-flash')).toEqual([FIRST]);
  await page.keyboard.press(']');
  await expect(workbench.passage(SECOND)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press(']');
  await expect(workbench.passage(THIRD)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('[');
  await expect(workbench.passage(SECOND)).toHaveAttribute('aria-current', 'true');
});

test('the panel filters by tag and by text', async ({ workbench }) => {
  const filters = workbench.panel.getByRole('group', { name: 'Filter passages' });
  await filters.getByRole('button', { name: 'Show only Hedging' }).click();
  await expect(workbench.passages).toHaveCount(2);
  await filters.getByRole('button', { name: 'Show only Friction' }).click();
  await expect(workbench.passages).toHaveCount(3);
  await filters.getByRole('button', { name: 'Show only Hedging' }).click();
  await filters.getByRole('button', { name: 'Show only Friction' }).click();
  await filters.getByRole('searchbox', { name: 'Filter passages by text' }).fill('thesis');
  await expect(workbench.passages).toHaveCount(1);
  await expect(workbench.passage(SECOND)).toBeVisible();
  await expect(workbench.panel.getByRole('heading', { name: /Passages 1 of 3/ })).toBeVisible();
});
