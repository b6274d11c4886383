// Page object for the workbench: what an analyst sees and does, in role-based locators.
import { mkdirSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import type { GlossatorApp } from './fixtures';
import { selectionBox, selectText } from './selection';

export class WorkbenchPage {
  constructor(private readonly app: GlossatorApp) {}

  get page(): Page {
    return this.app.page;
  }
  get documents(): Locator {
    return this.page.getByRole('navigation', { name: 'Documents' });
  }
  get text(): Locator {
    return this.page.getByRole('article', { name: 'Document text' });
  }
  get tagBar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Tag selection' });
  }
  get passages(): Locator {
    return this.page.getByRole('list', { name: 'Passages in this document' }).getByRole('listitem');
  }
  get alert(): Locator {
    return this.page.getByRole('alert');
  }
  get status(): Locator {
    return this.page.getByRole('banner').getByRole('status');
  }
  get margin(): Locator {
    return this.page.getByLabel('Margin');
  }
  get panel(): Locator {
    return this.page.getByRole('complementary', { name: /Passages/ });
  }

  /** A top-bar button such as Undo, Passages or Codebook. */
  button(name: string): Locator {
    return this.page.getByRole('banner').getByRole('button', { name, exact: true });
  }

  /** Tags `text` (first occurrence) with the tag whose shortcut is `key`, and waits until it is saved. */
  async tag(text: string, key: string): Promise<void> {
    await this.select(text);
    await this.page.keyboard.press(key);
    await expect(this.passage(text)).toBeVisible();
    // The panel shows a new passage at once and marks it busy until main has saved it.
    await expect(this.passages.and(this.page.locator('[aria-busy="true"]'))).toHaveCount(0);
  }

  documentButton(title: string | RegExp): Locator {
    return this.documents.getByRole('button', { name: title });
  }

  /** Exports the digest dialog's `format` (its button's name) to `file`, waits until it is saved, and closes the dialog. */
  async exportDigestTo(file: string, format: string): Promise<void> {
    await this.button('Export digest').click();
    const dialog = this.page.getByRole('dialog', { name: 'Digest' });
    await this.app.answerSaveDialog(file);
    await dialog.getByRole('button', { name: format, exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText(`Saved to ${file}`);
    await dialog.getByRole('button', { name: 'Close' }).click();
  }

  async openDocument(title: string | RegExp): Promise<void> {
    await this.documentButton(title).click();
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  }

  /** Selects the `occurrence`-th match of `text` in the reading text (it may span blocks). */
  async select(text: string, occurrence = 0): Promise<void> {
    await selectText(this.page, text, occurrence);
    await expect(this.tagBar).toBeVisible();
  }

  /** Selects by dragging the mouse from the first to the last character of `text`. */
  async dragSelect(text: string): Promise<void> {
    const box = await selectionBox(this.page, text);
    await this.page.mouse.move(box.startX, box.y0);
    await this.page.mouse.down();
    await this.page.mouse.move(box.endX, box.y1, { steps: 8 });
    await this.page.mouse.up();
    await expect(this.tagBar).toBeVisible();
  }

  passage(text: string): Locator {
    return this.passages.filter({ hasText: text });
  }

  tagChip(passage: Locator, tag: string): Locator {
    return passage.getByRole('group', { name: 'Tags' }).getByRole('button', { name: tag });
  }

  /** The text of every range painted in a highlight layer, in document order. */
  async painted(layer: string): Promise<string[]> {
    return this.page.evaluate((name) => {
      const highlight = CSS.highlights.get(name);
      // Layers hold StaticRanges, which have no text of their own: read it through a live Range.
      const text = (r: AbstractRange) => {
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        return live.toString();
      };
      return highlight ? [...highlight].map(text) : [];
    }, layer);
  }

  async setNote(passage: Locator, note: string): Promise<void> {
    const box = passage.getByRole('textbox', { name: 'Note' });
    await box.fill(note);
    await box.blur();
    await expect(this.status).toHaveText('Note saved.');
  }

  docCount(title: string | RegExp, tag: string): Locator {
    return this.documentButton(title).getByLabel(new RegExp(`^${tag}: \\d+$`));
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync('test-results/screenshots', { recursive: true });
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png` });
  }
}
