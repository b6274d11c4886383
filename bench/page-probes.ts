// In-page probes for the chromium bench: each runs inside the renderer and times itself with performance.now().
//
// "Painted" means: the reader has registered its highlights (it marks the text with
// data-painted="<docId>:<passages>"), a frame has been produced (requestAnimationFrame), and the
// task after that frame has run, which Chromium schedules after the frame is presented.
import type { Page } from '@playwright/test';

/** Installed before every load: the moment the document list first shows rows, after a frame. */
export const LIST_SHOWN_SCRIPT = (): void => {
  const w = window as unknown as { __listShownAt?: number };
  const observer = new MutationObserver(() => {
    if (!document.querySelector('nav[aria-label="Documents"] li button')) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (w.__listShownAt = performance.now());
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { subtree: true, childList: true });
};

/** Milliseconds from navigation start until the document list showed rows. */
export async function listShownAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => (window as unknown as { __listShownAt?: number }).__listShownAt, null, {
    timeout: 120_000,
    polling: 50,
  });
  return (await handle.jsonValue()) as number;
}

/**
 * Runs `act` in the page, then waits until the reader is painted with `docId` (opened, or with one
 * more passage); answers the milliseconds from just before `act` until after that frame.
 * 'tag' presses the key at a random moment, so the figure includes waiting for the display's next
 * frame (up to 16.7 ms at 60 Hz); 'tag-in-frame' presses it as a frame starts, so the figure is the
 * work itself: the keypress's handling plus rendering the frame that shows the highlight.
 */
export async function timeToPaint(page: Page, docId: string, act: 'open' | 'tag' | 'tag-in-frame', arg: string): Promise<number> {
  return page.evaluate(
    async ({ docId, act, arg }) => {
      const painted = (): { doc: string; n: number } | null => {
        const value = document.querySelector<HTMLElement>('article[data-painted]')?.dataset['painted'];
        if (!value) return null;
        const at = value.lastIndexOf(':');
        return { doc: value.slice(0, at), n: Number(value.slice(at + 1)) };
      };
      const before = painted();
      const done = (now: { doc: string; n: number } | null): boolean =>
        now !== null && now.doc === docId && (act === 'open' ? before?.doc !== docId : now.n > (before?.n ?? 0));
      const inFrame = act === 'tag-in-frame';
      // A message posted now runs once the current task and any frame it falls into are done.
      const afterTask = (): Promise<number> =>
        new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now());
          channel.port2.postMessage(null);
        });
      // Pressed inside a frame's callbacks, the highlight is rendered by that same frame.
      const afterFrame = (): Promise<number> =>
        inFrame ? afterTask() : new Promise((resolve) => requestAnimationFrame(() => void afterTask().then(resolve)));
      const finished = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not painted within 60 s (${act} ${docId})`)), 60_000);
        const observer = new MutationObserver(() => {
          if (!done(painted())) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve(afterFrame());
        });
        observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-painted'] });
      });
      let t0 = 0;
      const start = (): void => {
        t0 = performance.now();
        if (act === 'open') {
          const row = [...document.querySelectorAll<HTMLButtonElement>('nav[aria-label="Documents"] li button')].find(
            (b) => b.dataset['docId'] === arg,
          );
          if (!row) throw new Error(`no row for ${arg} in the document list`);
          row.click();
        } else {
          window.dispatchEvent(new KeyboardEvent('keydown', { key: arg, bubbles: true }));
        }
      };
      if (inFrame) await new Promise<void>((resolve) => requestAnimationFrame(() => (start(), resolve())));
      else start();
      return (await finished) - t0;
    },
    { docId, act, arg },
  );
}

/**
 * Selects a fresh passage in a paragraph on screen, `nth` paragraphs down from the top, word-aligned,
 * the way a reader drags over text. Answers the selected text (empty if nothing could be selected).
 */
export async function selectPassageOnScreen(page: Page, nth: number): Promise<string> {
  return page.evaluate((nth) => {
    const reader = document.querySelector<HTMLElement>('section[aria-label="Document"]');
    const blocks = [...document.querySelectorAll<HTMLElement>('article p[data-para]')];
    const top = reader?.getBoundingClientRect().top ?? 0;
    const first = blocks.findIndex((b) => b.getBoundingClientRect().bottom > top + 40);
    const block = blocks[first + (nth % 5)];
    const text = block?.firstChild;
    if (!block || !(text instanceof Text) || text.length < 120) return '';
    const from = text.data.indexOf(' ', 20 + ((nth * 37) % 60)) + 1;
    const to = text.data.indexOf(' ', from + 30);
    const range = document.createRange();
    range.setStart(text, from);
    range.setEnd(text, to);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return selection.toString();
  }, nth);
}

/**
 * Scrolls the reader by about a screen, so each keypress tags text no passage has yet, then lets
 * the newly shown text be laid out and painted, as it is by the time a reader has found a passage.
 */
export async function scrollReader(page: Page, screens: number): Promise<void> {
  await page.evaluate(async (screens) => {
    const reader = document.querySelector<HTMLElement>('section[aria-label="Document"]');
    if (reader) reader.scrollTop += reader.clientHeight * screens;
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let i = 0; i < 3; i++) await frame();
    await new Promise((resolve) => setTimeout(resolve, 150));
  }, screens);
}

/** How long the last document open waited for main (getDocument + listAnnotations), from the renderer's User Timing. */
export async function lastFetchMs(page: Page): Promise<number> {
  return page.evaluate(() => {
    const entries = performance.getEntriesByName('glossator:fetch-document');
    const last = entries.at(-1);
    performance.clearMeasures('glossator:fetch-document');
    return last?.duration ?? Number.NaN;
  });
}

/**
 * Presses a tag key over the current selection and answers the milliseconds until main has
 * acknowledged the save: the renderer says "Tagged …" only once createAnnotation has answered.
 */
export async function timeToSaved(page: Page, key: string): Promise<number> {
  return page.evaluate(async (key) => {
    const status = document.querySelector<HTMLElement>('header [role="status"]');
    if (!status) throw new Error('no status line in the top bar');
    const before = status.textContent ?? '';
    const saved = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no save acknowledged within 60 s')), 60_000);
      const observer = new MutationObserver(() => {
        const now = status.textContent ?? '';
        if (now === before || !now.startsWith('Tagged ')) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(performance.now());
      });
      observer.observe(status, { subtree: true, childList: true, characterData: true });
    });
    const t0 = performance.now();
    window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    return (await saved) - t0;
  }, key);
}
