// The Passages view: every passage of chosen tags across the corpus, sortable, with jump-to-source.
import { test, expect } from './support/fixtures';

test('retrieves passages of chosen tags across documents and jumps to the source', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.openDocument('Russo-Iranian Alignment Will Continue Despite Differences');
  await workbench.tag('strategic cooperation between Russia and Iran will persist', '1');
  await workbench.tag('mutual tensions have surfaced in recent weeks', '2');
  await workbench.openDocument('Suspicious bind: Iran’s relationship with Russia');
  await workbench.tag('partners of convenience', '1');
  await workbench.setNote(workbench.passage('partners of convenience'), 'Opportunistic, not strategic.');

  await workbench.button('Passages').click();
  const view = page.getByRole('region', { name: 'Passages across the corpus' });
  const rows = view.getByRole('row').filter({ has: page.getByRole('button', { name: 'Open in document' }) });
  await expect(rows).toHaveCount(3);
  await view.getByRole('group', { name: 'Show passages tagged' }).getByRole('checkbox', { name: 'Cooperation' }).check();
  await expect(rows).toHaveCount(2);
  await expect(view.getByText('2 passages')).toBeVisible();
  await expect(rows.nth(0)).toContainText('Samuel Ramani');
  await expect(rows.nth(1)).toContainText('Opportunistic, not strategic.');

  const documentHeader = view.getByRole('button', { name: 'Document', exact: true });
  await documentHeader.click();
  await expect(view.getByRole('columnheader', { name: 'Document' })).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.nth(0)).toContainText('partners of convenience');
  await workbench.screenshot('19-passages-view');

  await rows.nth(1).getByRole('button', { name: 'Open in document' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Russo-Iranian Alignment Will Continue Despite Differences' })).toBeVisible();
  await expect(workbench.passage('strategic cooperation')).toHaveAttribute('aria-current', 'true');
  await expect.poll(() => workbench.painted('gl-flash')).toEqual(['strategic cooperation between Russia and Iran will persist']);
});
