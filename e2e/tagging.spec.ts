// Reading and tagging: open, tag by key and by mouse, several tags, overlaps, notes, retag, delete.
import { test, expect } from './support/fixtures';

const DOC_000 = 'Russo-Iranian Alignment Will Continue Despite Differences';
const PASSAGE = 'strategic cooperation between Russia and Iran will persist';

test('opens on the corpus with clean reading text', async ({ workbench }) => {
  await expect(workbench.documents.getByRole('button')).toHaveCount(5);
  // A hard-wrapped PDF extraction reads as paragraphs, joined across page breaks and line-end hyphens.
  await workbench.openDocument('Iran’s stance on the Ukraine crisis and its ties with Russia');
  await expect(workbench.text).toContainText('growing reliance on Moscow and Beijing for international support, prevented Iran');
  await expect(workbench.text).toContainText('That said, the week-long crisis');
  await expect(workbench.text).toContainText('Ofcourse,the newinternational circumstancesalso');
  await workbench.screenshot('01-reading-pdf');
  await workbench.openDocument(DOC_000);
  // Site chrome is kept but set apart; headings are recognised; words are untouched.
  await expect(workbench.text.getByRole('heading', { name: 'Iran’s Balancing Act on the Ukraine War' })).toBeVisible();
  await expect(workbench.text.locator('.chrome').first()).toHaveText('Home');
  await expect(workbench.text).toContainText('“sympathy without alignment”');
  await workbench.screenshot('01-reading');
});

test('tags a passage with a key and shows it in the panel and the counts', async ({ workbench }) => {
  await workbench.openDocument(DOC_000);
  await workbench.select(PASSAGE);
  await workbench.screenshot('02-selection-tagbar');
  await workbench.page.keyboard.press('1');
  await expect(workbench.passages).toHaveCount(1);
  await expect(workbench.passage(PASSAGE)).toBeVisible();
  await expect(workbench.tagChip(workbench.passage(PASSAGE), 'Cooperation')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => workbench.painted('gl-tag-cooperation')).toEqual([PASSAGE]);
  await expect(workbench.docCount(DOC_000, 'Cooperation')).toHaveText('1');
  await expect(workbench.tagBar).toBeHidden();
});

test('tags with the mouse: drag to select, click the tag in the floating bar', async ({ workbench }) => {
  await workbench.openDocument(DOC_000);
  const quote = 'has refused to support the invasion';
  await workbench.dragSelect(quote);
  await workbench.tagBar.getByRole('button', { name: 'Hedging' }).click();
  await expect(workbench.passage(quote)).toBeVisible();
  await expect.poll(() => workbench.painted('gl-tag-hedging')).toEqual([quote]);
});

test('one passage carries several tags; overlapping passages stay separate', async ({ workbench }) => {
  await workbench.openDocument(DOC_000);
  const outer = 'These continuities ensure that despite episodic frictions, strategic cooperation';
  const inner = 'despite episodic frictions';
  await workbench.select(outer);
  await workbench.page.keyboard.press('1');
  await workbench.select(outer);
  await workbench.page.keyboard.press('3');
  await workbench.select(inner);
  await workbench.page.keyboard.press('2');
  await expect(workbench.passages).toHaveCount(2);
  const multi = workbench.passage(outer);
  await expect(workbench.tagChip(multi, 'Cooperation')).toHaveAttribute('aria-pressed', 'true');
  await expect(workbench.tagChip(multi, 'Hedging')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => workbench.painted('gl-tag-friction')).toEqual([inner]);
  await expect.poll(() => workbench.painted('gl-overlap')).toEqual([inner]);
  await workbench.screenshot('03-overlap-multitag');
});

test('a passage may span paragraphs', async ({ workbench }) => {
  await workbench.openDocument(DOC_000);
  await workbench.select('Russo-Iranian commercial cooperation.\n\nDespite these ups and downs');
  await workbench.page.keyboard.press('1');
  // A painted Range reads its text nodes only: the paragraph break is not in the DOM text.
  await expect
    .poll(() => workbench.painted('gl-tag-cooperation'))
    .toEqual(['Russo-Iranian commercial cooperation.Despite these ups and downs']);
  await expect(workbench.passage('Despite these ups and downs')).toBeVisible();
});

test('notes, retagging and deleting', async ({ workbench }) => {
  await workbench.openDocument(DOC_000);
  await workbench.select(PASSAGE);
  await workbench.page.keyboard.press('1');
  const passage = workbench.passage(PASSAGE);
  await workbench.setNote(passage, 'Author’s bottom line: friction is episodic.');
  await workbench.tagChip(passage, 'Hedging').click();
  await workbench.tagChip(passage, 'Cooperation').click();
  await expect(workbench.tagChip(passage, 'Cooperation')).toHaveAttribute('aria-pressed', 'false');
  await expect(workbench.tagChip(passage, 'Hedging')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => workbench.painted('gl-tag-cooperation')).toEqual([]);
  await expect.poll(() => workbench.painted('gl-tag-hedging')).toEqual([PASSAGE]);
  await expect(workbench.docCount(DOC_000, 'Hedging')).toHaveText('1');
  await workbench.screenshot('04-note-retag');
  await passage.getByRole('button', { name: 'Delete passage' }).click();
  await expect(workbench.passages).toHaveCount(0);
  await expect.poll(() => workbench.painted('gl-tag-hedging')).toEqual([]);
  await expect(workbench.docCount(DOC_000, 'Hedging')).toHaveText('0');
});

test('clicking a passage in the panel scrolls to it and flashes it', async ({ workbench }) => {
  await workbench.openDocument(DOC_000);
  const late = 'the relationship between the two remains likely to weather the current storm clouds';
  await workbench.select(late);
  await workbench.page.keyboard.press('3');
  await workbench.text.evaluate((el) => el.closest('section')!.scrollTo(0, 0));
  await workbench.passage(late).getByRole('button', { name: /Go to passage/ }).click();
  // The flash is transient, so the spec checks what lasts: the jump the reader recorded, the text in
  // view, and the passage active in the panel (a busy machine may end the flash before a poll looks).
  await expect(workbench.text).toHaveAttribute('data-jump', /:\d+-\d+$/);
  const jump = await workbench.text.getAttribute('data-jump');
  const [, start, end] = /:(\d+)-(\d+)$/.exec(jump ?? '') ?? [];
  expect(Number(end) - Number(start)).toBe(late.length);
  await expect(workbench.text.getByText(late)).toBeInViewport();
  await expect(workbench.passage(late)).toHaveAttribute('aria-current', 'true');
});

test('bad input gets a plain-words error and nothing is saved', async ({ glossator, workbench }) => {
  await workbench.openDocument(DOC_000);
  await workbench.select(PASSAGE);
  await workbench.page.keyboard.press('2');
  const note = workbench.passage(PASSAGE).getByRole('textbox', { name: 'Note' });
  // A note over the limit is never sent: the panel says so as it is typed.
  await note.fill('x'.repeat(20_001));
  await note.blur();
  await expect(workbench.passage(PASSAGE)).toContainText('20,001 / 20,000 characters: 1 over the limit, not saved.');
  await expect(workbench.status).not.toHaveText('Note saved.');
  await workbench.screenshot('07-error');
  // A call the UI would never make is refused with a typed error, not an exception.
  const refused = await workbench.page.evaluate(() =>
    window.glossator.createAnnotation({ docId: '../../etc', start: 5, end: 1, exact: 'x', tagIds: [] }),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'not-found' } });
  await glossator.restart();
  const reopened = glossator.page;
  await reopened.getByRole('navigation', { name: 'Documents' }).getByRole('button', { name: DOC_000 }).click();
  await expect(reopened.getByRole('textbox', { name: 'Note' })).toHaveValue('');
});

test('the panel lists passages in reading order, whatever order they were tagged in', async ({ workbench }) => {
  await workbench.openDocument(DOC_000);
  const inOrder = [
    'Russia continues to back the JCPOA’s restoration',
    'strategic cooperation between Russia and Iran will persist',
    'Iran’s policy of “sympathy without alignment”',
    'mutual tensions have surfaced in recent weeks',
  ];
  const notes = ['', 'The author’s thesis.', 'Ambivalence, in a phrase.', 'Energy and Yemen.'];
  for (const [i, key] of [
    [3, '2'],
    [2, '3'],
    [1, '1'],
    [0, '1'],
  ] as const) {
    await workbench.select(inOrder[i]!);
    await workbench.page.keyboard.press(key);
    await expect(workbench.passage(inOrder[i]!)).toBeVisible();
  }
  for (const [i, note] of notes.entries()) if (note) await workbench.setNote(workbench.passage(inOrder[i]!), note);
  const quotes = await workbench.passages.getByRole('button', { name: /Go to passage/ }).allTextContents();
  expect(quotes.map((q) => q.trim().slice(1, 20))).toEqual(inOrder.map((q) => q.slice(0, 19)));
  await workbench.passage(inOrder[1]!).getByRole('button', { name: /Go to passage/ }).click();
  await expect.poll(() => workbench.painted('gl-flash')).toEqual([inOrder[1]]);
  await expect.poll(() => workbench.painted('gl-flash')).toEqual([]);
  await workbench.screenshot('00-workbench');
});
