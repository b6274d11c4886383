// Export and import: the options and live preview, every export button, and importing with a report.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { test, expect } from './support/fixtures';

const DOC = 'Russo-Iranian Alignment Will Continue Despite Differences';
const QUOTE = 'Iran has expressed solidarity with Russia’s security concerns';
const OTHER = 'mutual tensions have surfaced in recent weeks';

test.beforeEach(async ({ workbench }) => {
  await workbench.openDocument(DOC);
  await workbench.tag(QUOTE, '1');
  await workbench.setNote(workbench.passage(QUOTE), 'Rhetorical support, no material backing.');
  await workbench.tag(OTHER, '2');
});

test('the preview follows the options and shows the charts', async ({ workbench }) => {
  const { page } = workbench;
  await workbench.button('Export digest').click();
  const dialog = page.getByRole('dialog', { name: 'Digest' });
  const preview = dialog.getByRole('article', { name: 'Digest preview' });
  await expect(preview.getByRole('heading', { name: /Cooperation/ })).toBeVisible();
  await expect(preview.locator('blockquote').first()).toContainText(QUOTE);
  await expect(preview).toContainText('Samuel Ramani');
  await expect(preview).toContainText('Rhetorical support, no material backing.');
  const charts = dialog.getByRole('region', { name: 'Charts' });
  await expect(charts.getByRole('img')).toHaveCount(3);
  await workbench.screenshot('06-digest-preview');
  await charts.scrollIntoViewIfNeeded();
  await workbench.screenshot('21-charts');

  await dialog.getByRole('radio', { name: 'Document' }).check();
  await expect(preview.getByRole('heading', { level: 2, name: DOC })).toBeVisible();
  await dialog.getByRole('checkbox', { name: 'Friction' }).check();
  await expect(preview).not.toContainText(QUOTE);
  await expect(preview).toContainText(OTHER);
  await dialog.getByRole('checkbox', { name: 'Friction' }).uncheck();
  await dialog.getByRole('searchbox', { name: 'Containing text' }).fill('solidarity');
  await expect(preview).not.toContainText(OTHER);
  await dialog.getByRole('checkbox', { name: 'Include notes' }).uncheck();
  await expect(preview).not.toContainText('Rhetorical support');
  await expect(dialog.getByText('1 passages selected')).toBeVisible();
});

const formats = [
  ['Markdown', 'md'],
  ['HTML', 'html'],
  ['PDF', 'pdf'],
  ['CSV', 'csv'],
  ['W3C JSON-LD', 'jsonld'],
  ['REFI-QDA project', 'qdpx'],
  ['REFI-QDA codebook', 'qdc'],
] as const;

test('every export button writes its format where the analyst chose', async ({ glossator, workbench }) => {
  const dialog = workbench.page.getByRole('dialog', { name: 'Digest' });
  await workbench.button('Export digest').click();
  await expect(dialog.getByRole('article', { name: 'Digest preview' })).toContainText(QUOTE);
  for (const [label, ext] of formats) {
    const target = join(glossator.dataDir, `export.${ext}`);
    await glossator.answerSaveDialog(target);
    await dialog.getByRole('button', { name: label, exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText(`Saved to ${target}`);
    const bytes = await readFile(target);
    const text = bytes.toString('utf8');
    if (ext === 'md') {
      expect(text).toMatch(/^---\n/);
      expect(text.slice(text.indexOf('## Cooperation'))).toContain(`> ${QUOTE}`);
      expect(text).toMatch(/Samuel Ramani.*¶ \d+/);
    }
    if (ext === 'html') {
      expect(text).toContain('<svg');
      expect(text).not.toContain('<script');
    }
    if (ext === 'pdf') expect(text.slice(0, 5)).toBe('%PDF-');
    if (ext === 'csv') expect(text.split('\r\n')[0]).toContain('passage_id');
    if (ext === 'jsonld') expect(JSON.parse(text).type).toBe('AnnotationCollection');
    if (ext === 'qdpx') expect(new TextDecoder().decode(unzipSync(bytes)['project.qde'])).toContain('PlainTextSelection');
    if (ext === 'qdc') expect(text).toContain('<CodeBook');
  }
});

test('importing a JSON-LD export merges what exists and brings back what was deleted', async ({ glossator, workbench }) => {
  const { page } = workbench;
  const file = join(glossator.dataDir, 'annotations.jsonld');
  await workbench.exportDigestTo(file, 'W3C JSON-LD');

  await workbench.passage(OTHER).getByRole('button', { name: 'Delete passage' }).click();
  await expect(workbench.passages).toHaveCount(1);
  await workbench.button('Import…').click();
  const importing = page.getByRole('dialog', { name: 'Import' });
  await glossator.answerOpenDialog(file);
  await importing.getByRole('button', { name: 'W3C Web Annotation (JSON-LD)…' }).click();
  const report = importing.getByRole('region', { name: 'Import report' });
  await expect(report).toContainText('1 imported · 1 merged · 0 not placed');
  await workbench.screenshot('20-import-report');
  await importing.getByRole('button', { name: 'Close' }).click();
  await expect(workbench.passages).toHaveCount(2);
  await expect(workbench.tagChip(workbench.passage(OTHER), 'Friction')).toHaveAttribute('aria-pressed', 'true');
});
