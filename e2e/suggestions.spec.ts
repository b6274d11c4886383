// Suggestions in the reader: turn on, accept / reject / skip by key and button, undo, per-tag toggle, threshold, hover card reasons.
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { expectAccessible } from './support/axe';

// Each test makes many round trips to main (which learns and scores per call) and one runs axe, on a shared machine.
test.describe.configure({ timeout: 180_000 });

const DOC_000 = 'Russo-Iranian Alignment Will Continue Despite Differences';

function bar(page: Page) {
  return page.getByRole('region', { name: 'Suggestions' });
}

/** The "n of N" line: which suggestion the keys act on. */
async function currentLine(page: Page): Promise<string> {
  return (await bar(page).locator('.current').textContent()) ?? '';
}

async function count(page: Page): Promise<number> {
  const label = (await bar(page).getByRole('button', { name: /^Suggestions/ }).textContent()) ?? '';
  return Number(/\((\d+)\)/.exec(label)?.[1] ?? NaN);
}

test('suggestions are off until turned on; then drawn faintly, queued, and explained', async ({ workbench }) => {
  const page = workbench.page;
  await workbench.openDocument(DOC_000);
  const toggle = bar(page).getByRole('button', { name: /^Suggestions/ });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  expect(await workbench.painted('gl-suggest')).toEqual([]);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(toggle).toHaveText(/Suggestions \(\d+\)/);
  await expect.poll(async () => (await workbench.painted('gl-suggest')).length).toBeGreaterThan(10);
  await expect.poll(async () => (await workbench.painted('gl-suggest-current')).length).toBe(1);
  await expect(bar(page).locator('.current')).toContainText(/1 of \d+:/);
  await workbench.screenshot('40-suggestions-on');

  // Hovering a suggested sentence says why: its cue words.
  const sentence = 'The Ukraine component of this trip was shrouded in ambiguities.';
  await workbench.text.getByText(sentence, { exact: false }).scrollIntoViewIfNeeded();
  const point = await page.evaluate((text) => {
    const node = [...document.querySelectorAll('article [data-block]')].map((e) => e.firstChild as Text).find((t) => t.data.includes(text))!;
    const range = document.createRange();
    const at = node.data.indexOf(text) + 10;
    range.setStart(node, at);
    range.setEnd(node, at + 1);
    const r = range.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, sentence);
  await page.mouse.move(point.x, point.y);
  const card = page.getByRole('tooltip', { name: 'Why this is suggested' });
  await expect(card).toContainText('Hedging');
  await expect(card).toContainText('hedging: “ambiguities”');
  await workbench.screenshot('41-suggestion-hover');
  await page.mouse.move(5, 5);

  await bar(page).getByRole('button', { name: 'Tags and queue' }).click();
  await expect(bar(page).getByRole('list', { name: 'Suggestion queue' }).getByRole('listitem').first()).toBeVisible();
  await workbench.screenshot('42-suggestion-settings');
  await expectAccessible(page, 'suggestions on, settings and queue open');
});

test('A accepts (a passage with the tag), undo takes it away; X rejects and it is not proposed again; S skips', async ({ workbench }) => {
  const page = workbench.page;
  await workbench.openDocument(DOC_000);
  await bar(page).getByRole('button', { name: /^Suggestions/ }).click();
  await expect(bar(page).locator('.current')).toContainText(/1 of \d+:/);
  const total = await count(page);

  // Accept by key: the sentence becomes a passage with the suggested tag.
  const first = await page.evaluate(() => {
    const h = CSS.highlights.get('gl-suggest-current')!;
    const r = [...h][0]!;
    const live = document.createRange();
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
    return live.toString();
  });
  const tagName = (/of \d+:\s*(\S+)/.exec(await currentLine(page)) ?? [])[1]!;
  await workbench.text.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('a');
  await expect(workbench.passages).toHaveCount(1);
  await expect(workbench.passage(first)).toBeVisible();
  await expect(workbench.tagChip(workbench.passage(first), tagName)).toHaveAttribute('aria-pressed', 'true');
  await expect(workbench.status).toContainText(`as ${tagName}`);
  await workbench.screenshot('43-suggestion-accepted');

  // Undo: the passage goes; the suggestion comes back.
  await page.keyboard.press('Control+z');
  await expect(workbench.passages).toHaveCount(0);
  await expect.poll(() => count(page)).toBe(total);

  // Reject by button: gone from the queue, and stays gone after reopening the document.
  const line = await currentLine(page);
  await bar(page).getByRole('button', { name: /^Reject/ }).click();
  await expect(workbench.status).toContainText('will not be suggested again');
  await expect.poll(() => count(page)).toBe(total - 1);
  await workbench.openDocument('Suspicious bind: Iran’s relationship with Russia');
  await workbench.openDocument(DOC_000);
  await expect.poll(() => count(page)).toBe(total - 1);
  expect(await currentLine(page)).not.toBe(line);
  await expect(workbench.passages).toHaveCount(0);

  // Undo the reject: proposed again.
  await page.keyboard.press('Control+z');
  await expect.poll(() => count(page)).toBe(total);

  // Skip: the next one becomes current, nothing is written.
  const before = await currentLine(page);
  await workbench.text.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('s');
  await expect.poll(() => currentLine(page)).not.toBe(before);
  await expect.poll(() => count(page)).toBe(total);
  await expect(workbench.passages).toHaveCount(0);
});

test('per-tag toggle in one click, and a threshold with the precision to expect', async ({ workbench }) => {
  const page = workbench.page;
  await workbench.openDocument(DOC_000);
  await bar(page).getByRole('button', { name: /^Suggestions/ }).click();
  await bar(page).getByRole('button', { name: 'Tags and queue' }).click();
  const queue = bar(page).getByRole('list', { name: 'Suggestion queue' });
  const tags = bar(page).getByRole('list', { name: 'Suggestions per tag' });
  // By default each threshold sits where the expected precision reaches 0.8: few suggestions, most of them hedging here.
  await expect(queue.getByText('Friction', { exact: true }).first()).toBeVisible();
  const cooperation = tags.getByRole('listitem').filter({ has: page.getByRole('checkbox', { name: 'Cooperation' }) });
  await expect(cooperation).toContainText(/threshold 0\.\d\d \(default\) · expected precision ≈ 0\.8\d/);

  await tags.getByRole('checkbox', { name: 'Friction' }).uncheck();
  await expect(queue.getByText('Friction', { exact: true })).toHaveCount(0);
  await expect(queue.getByText('Hedging', { exact: true }).first()).toBeVisible();
  await tags.getByRole('checkbox', { name: 'Friction' }).check();
  await expect(queue.getByText('Friction', { exact: true }).first()).toBeVisible();

  const hedging = tags.getByRole('listitem').filter({ has: page.getByRole('checkbox', { name: 'Hedging' }) });
  await expect(hedging).toContainText(/expected precision ≈ 0\.\d\d/);
  const before = await count(page);
  const slider = hedging.getByRole('slider', { name: 'Threshold for Hedging' });
  await slider.fill('0.8');
  await expect(hedging).toContainText('threshold 0.80');
  await expect.poll(() => count(page)).toBeLessThan(before);
  await expect(hedging).toContainText(/expected precision (≈ 0\.\d\d|unknown yet)/);
  await expect(hedging).not.toContainText('(default)');
  await workbench.screenshot('44-suggestion-threshold');
  // Back to the default in one click.
  await hedging.getByRole('button', { name: 'Default threshold for Hedging' }).click();
  await expect(hedging).toContainText('threshold 0.50 (default)');
  await expect.poll(() => count(page)).toBe(before);
});
