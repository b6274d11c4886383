// Makes real DOM selections in the reader, by Range or by computing where the mouse must drag.
import type { Page } from '@playwright/test';

/** Finds `text` in the concatenated block texts and returns DOM boundary points for it (runs in page). */
function locate(needle: string, occurrence: number) {
  const blocks = [...document.querySelectorAll<HTMLElement>('article [data-block]')];
  const texts = blocks.map((b) => b.firstChild as Text);
  const joined = texts.map((t) => t.data).join('\n\n');
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = joined.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`text not found in the document: ${needle}`);
  const point = (offset: number, preferEnd: boolean): [Text, number] => {
    let base = 0;
    for (const t of texts) {
      const end = base + t.data.length;
      if (offset < end || (preferEnd && offset === end)) return [t, offset - base];
      base = end + 2;
    }
    const last = texts[texts.length - 1]!;
    return [last, last.data.length];
  };
  return { start: point(at, false), end: point(at + needle.length, true) };
}

export async function selectText(page: Page, text: string, occurrence: number): Promise<void> {
  await page.evaluate(
    ({ fn, text, occurrence }) => {
      const find = new Function(`return (${fn})`)() as typeof locate;
      const { start, end } = find(text, occurrence);
      // A person scrolls to the text before selecting it.
      (start[0].parentElement as HTMLElement).scrollIntoView({ block: 'center', behavior: 'instant' });
      const range = document.createRange();
      range.setStart(start[0], start[1]);
      range.setEnd(end[0], end[1]);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    },
    { fn: locate.toString(), text, occurrence },
  );
}

export async function selectionBox(page: Page, text: string) {
  return page.evaluate(
    ({ fn, text }) => {
      const find = new Function(`return (${fn})`)() as typeof locate;
      const { start, end } = find(text, 0);
      const first = document.createRange();
      first.setStart(start[0], start[1]);
      first.setEnd(start[0], start[1] + 1);
      const last = document.createRange();
      last.setStart(end[0], end[1] - 1);
      last.setEnd(end[0], end[1]);
      (start[0].parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const a = first.getBoundingClientRect();
      const b = last.getBoundingClientRect();
      return { startX: a.left + 1, y0: a.top + a.height / 2, endX: b.right - 1, y1: b.top + b.height / 2 };
    },
    { fn: locate.toString(), text },
  );
}

/** The box of the first line of `text` in the reading text, in viewport pixels (after scrolling it into view). */
export async function firstLineBox(page: Page, text: string): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.evaluate(
    ({ fn, text }) => {
      const find = new Function(`return (${fn})`)() as typeof locate;
      const { start, end } = find(text, 0);
      (start[0].parentElement as HTMLElement).scrollIntoView({ block: 'center', behavior: 'instant' });
      const range = document.createRange();
      range.setStart(start[0], start[1]);
      range.setEnd(end[0], end[1]);
      const r = range.getClientRects()[0]!;
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    },
    { fn: locate.toString(), text },
  );
}
