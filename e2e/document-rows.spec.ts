// The document list: rows line up whether or not a document names its author.
import { test, expect } from './support/fixtures';

test('every document row lays out its lines alike, with the file name when there is no author', async ({ workbench }) => {
  const rows = workbench.documents.getByRole('button');
  await expect(rows).toHaveCount(5);
  // The stats line sits at the same height in every row: no gap where a byline is missing.
  const offsets = await rows.evaluateAll((buttons) =>
    buttons.map((b) => {
      const stats = [...b.querySelectorAll('span')].find((s) => /words$/.test(s.textContent ?? ''))!;
      return Math.round(stats.getBoundingClientRect().top - b.getBoundingClientRect().top);
    }),
  );
  expect(new Set(offsets).size, `stats line offsets ${offsets.join(', ')}`).toBe(1);
  await expect(workbench.documentButton(/Iran’s stance on the Ukraine crisis/)).toContainText(/\.(txt|pdf)/);
  await workbench.screenshot('document-rows');
});
