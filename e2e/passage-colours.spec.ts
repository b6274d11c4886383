// Issue 13 item 6: each passage shows its own tags' colours; overlaps stay apart; one hover card for text and margin.
import { test, expect } from './support/fixtures';
import { countColours } from './support/pixels';
import { firstLineBox } from './support/selection';

const DOC = 'Russo-Iranian Alignment Will Continue Despite Differences';
const OUTER = 'These continuities ensure that despite episodic frictions, strategic cooperation';
const INNER = 'despite episodic frictions';
const COLOURS = { cooperation: '#009e73', friction: '#d55e00', hedging: '#0072b2' };

test.beforeEach(async ({ workbench }) => {
  await workbench.openDocument(DOC);
  await workbench.tag(OUTER, '1');
  await workbench.select(OUTER);
  await workbench.page.keyboard.press('3');
  await expect(workbench.tagChip(workbench.passage(OUTER), 'Hedging')).toHaveAttribute('aria-pressed', 'true');
  await workbench.select(INNER);
  await workbench.page.keyboard.press('2');
  await expect(workbench.passages).toHaveCount(2);
  await expect(workbench.passages.and(workbench.page.locator('[aria-busy="true"]'))).toHaveCount(0);
  // Nothing active, nothing under the pointer: what remains is the passages' own paint.
  await workbench.page.keyboard.press('Escape');
  await workbench.page.mouse.move(2, 2);
});

test('a passage with two tags shows both colours, not a blend, and an overlap is marked apart', async ({ workbench }) => {
  // The two-tag passage has one tint (its first tag's) and one underline per tag.
  await expect.poll(() => workbench.painted('gl-tag-cooperation')).toEqual([OUTER]);
  await expect.poll(() => workbench.painted('gl-tag-hedging')).toEqual([]);
  await expect.poll(() => workbench.painted('gl-mark-cooperation-0')).toEqual([OUTER]);
  await expect.poll(() => workbench.painted('gl-mark-hedging-1')).toEqual([OUTER]);
  // The other passage inside it keeps its own colour, and the overlap has its own mark.
  await expect.poll(() => workbench.painted('gl-mark-friction-0')).toEqual([INNER]);
  await expect.poll(() => workbench.painted('gl-overlap')).toEqual([INNER]);

  // What the eye sees: under "These continuities ensure that" (before the overlap) both tags' own
  // colours are painted in full strength, and the third tag's is not.
  const box = await firstLineBox(workbench.page, 'These continuities ensure that');
  const under = { ...box, y: box.y + box.height / 2, height: box.height / 2 + 12 };
  await expect
    .poll(() => countColours(workbench.page, under, COLOURS))
    .toMatchObject({ cooperation: expect.any(Number), hedging: expect.any(Number), friction: 0 });
  const counts = await countColours(workbench.page, under, COLOURS);
  expect(counts.cooperation).toBeGreaterThan(20);
  expect(counts.hedging).toBeGreaterThan(20);
  // Over the overlap the friction passage's colour shows as well.
  const overlap = await firstLineBox(workbench.page, INNER);
  const inOverlap = await countColours(workbench.page, { ...overlap, height: overlap.height + 12 }, COLOURS);
  expect(inOverlap.friction).toBeGreaterThan(20);
  await workbench.screenshot('13-06-tag-colours');
});

test('the hover card over an overlap shows each passage with its quote', async ({ workbench }) => {
  const box = await firstLineBox(workbench.page, INNER);
  await workbench.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const card = workbench.page.getByRole('tooltip');
  await expect(card.getByText(`“${OUTER}”`)).toBeVisible();
  await expect(card.getByText(`“${INNER}”`)).toBeVisible();
  await expect(card).toContainText('Cooperation');
  await expect(card).toContainText('Hedging');
  await expect(card).toContainText('Friction');
  await workbench.screenshot('13-06-overlap-card');
});

test('a margin stripe shows the same card on hover and on focus, not a browser tooltip', async ({ workbench }) => {
  const stripe = workbench.margin.getByRole('button', { name: /^Friction: “despite episodic/ });
  await expect(stripe).toHaveCount(1);
  await expect(stripe).not.toHaveAttribute('title');
  await stripe.hover();
  const card = workbench.page.getByRole('tooltip');
  await expect(card.getByText(`“${INNER}”`)).toBeVisible();
  // Only that stripe's passage, although the text beside it is an overlap.
  await expect(card.getByText(`“${OUTER}”`)).toHaveCount(0);
  await workbench.screenshot('13-06-stripe-card');
  await workbench.page.mouse.move(2, 2);
  await expect(card).toBeHidden();
  await stripe.focus();
  await expect(card.getByText(`“${INNER}”`)).toBeVisible();
  await workbench.page.keyboard.press('Tab');
  await expect(workbench.page.getByRole('tooltip').getByText(`“${INNER}”`)).toHaveCount(0);
});
