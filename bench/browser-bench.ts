// The chromium-host half of the bench: the built renderer over the real core, as the e2e specs run it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { openChromium } from '../e2e/support/chromium-host';
import { loadDocument } from '../src/main/corpus/corpus';
import type { AnnotationFile } from '../src/main/store/schemas';
import type { GeneratedCorpus } from './generate';
import { LIST_SHOWN_SCRIPT, lastFetchMs, listShownAt, scrollReader, selectPassageOnScreen, timeToPaint, timeToSaved } from './page-probes';
import { measureRecogitoPaint, type PeerInput } from './peer/recogito';
import { figure, sample, type Figure } from './stats';

export interface BrowserRuns {
  boot: number;
  open: number;
  keypress: number;
  heap: number;
  peer: number;
}

async function waitReady(page: Page): Promise<void> {
  await page.locator('html[data-ready="true"]').waitFor({ state: 'attached', timeout: 120_000 });
}

/** The renderer's JS heap after a full collection, in MB, read over the DevTools protocol. */
async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 2 ** 20;
  } finally {
    await cdp.detach();
  }
}

/** The big document and its passages as the Recogito page needs them: text, blocks, offsets, one tag. */
export async function peerInput(gen: GeneratedCorpus): Promise<PeerInput> {
  const doc = await loadDocument(gen.corpusDir, `${gen.bigDocId}.txt`);
  const file = JSON.parse(await readFile(join(gen.dataDir, 'corpora', gen.corpusKey, 'annotations', `${gen.bigDocId}.json`), 'utf8')) as AnnotationFile;
  return {
    text: doc.text,
    blocks: doc.blocks.map(({ index, kind, start, end }) => ({ index, kind, start, end })),
    annotations: file.annotations.map((a) => ({
      id: a.id,
      start: a.target.position.start,
      end: a.target.position.end,
      tagId: a.tagIds[0] as PeerInput['annotations'][number]['tagId'],
    })),
  };
}

const hostSettings = (gen: GeneratedCorpus) => ({
  dataDir: gen.dataDir,
  corpusDir: gen.corpusDir,
  bundledCorpusDir: gen.corpusDir,
  nextSavePath: () => null,
  nextOpenPath: () => null,
});

/**
 * App start to a usable document list, as the analyst starts the app: a new host (the core opens
 * the corpus, warm document cache) and the renderer's first load, including its first listing.
 * Each run is a whole new start, not a reload after the first listing was done.
 */
async function measureAppStart(browser: Browser, gen: GeneratedCorpus, runs: number): Promise<number[]> {
  return sample(runs, async () => {
    const started = performance.now();
    const session = await openChromium(browser, hostSettings(gen));
    try {
      await session.page.locator('nav[aria-label="Documents"] li button').first().waitFor({ timeout: 120_000 });
      return performance.now() - started;
    } finally {
      await session.close();
    }
  }, 0);
}

export async function browserBench(browser: Browser, gen: GeneratedCorpus, runs: BrowserRuns, log: (line: string) => void): Promise<Figure[]> {
  log('app start (first load)');
  const appStart = await measureAppStart(browser, gen, runs.boot);
  const session = await openChromium(browser, hostSettings(gen));
  const { page } = session;
  const figures: Figure[] = [];
  try {
    await waitReady(page);
    await page.addInitScript(LIST_SHOWN_SCRIPT);
    log('renderer boot');
    const boot = await sample(runs.boot, async () => {
      await page.reload();
      const at = await listShownAt(page);
      await waitReady(page);
      return at;
    });
    figures.push(
      figure(`App start to the document list, first load (${gen.documentCount.toLocaleString('en')} documents, warm document cache)`, 'ms', appStart, {
        target: 1000,
        note: 'core open + first listing + the renderer’s first load, in the chromium host',
      }),
      figure('Renderer reload to the document list (main already listed once)', 'ms', boot),
    );

    const other = 'doc-0001';
    log('open the long document');
    const fetches: number[] = [];
    const open = await sample(runs.open, async (i) => {
      await timeToPaint(page, other, 'open', other);
      const ms = await timeToPaint(page, gen.bigDocId, 'open', gen.bigDocId);
      if (i >= 0) fetches.push(await lastFetchMs(page));
      return ms;
    });
    const openFigure = figure('Open the long document until every highlight is painted', 'ms', open, { target: 150 });
    figures.push(
      openFigure,
      figure('…of which waiting for main (document + passages through the host bridge)', 'ms', fetches, {
        note: "Playwright's exposeFunction stands in for Electron's IPC here",
      }),
    );

    log('tag keypress');
    let nth = 0;
    const press = (how: 'tag' | 'tag-in-frame') => async () => {
      await scrollReader(page, 1);
      const selected = await selectPassageOnScreen(page, nth++);
      if (!selected) throw new Error('the bench could not select a passage on screen');
      return timeToPaint(page, gen.bigDocId, how, String(1 + (nth % 3)));
    };
    const keypress = await sample(runs.keypress, press('tag'));
    const inFrame = await sample(runs.keypress, press('tag-in-frame'));
    const saved = await sample(runs.keypress, async () => {
      await scrollReader(page, 1);
      const selected = await selectPassageOnScreen(page, nth++);
      if (!selected) throw new Error('the bench could not select a passage on screen');
      return timeToSaved(page, String(1 + (nth % 3)));
    });
    figures.push(
      figure('Tag keypress until its highlight is painted', 'ms', keypress, {
        target: 16,
        note: 'key pressed at a random moment: includes waiting up to 16.7 ms for the next frame',
      }),
      figure('…the same keypress pressed as a frame starts: handling plus the frame that shows it', 'ms', inFrame, { target: 16 }),
      figure('Tag keypress until main acknowledged the save (the status says “Tagged …”)', 'ms', saved, {
        note: 'the durable write in main plus the bridge both ways; the highlight shows before this',
      }),
    );

    log('renderer heap');
    const heap = await sample(runs.heap, () => heapMb(page), 0);
    figures.push(figure('Renderer JS heap with the long document open', 'MB', heap, { target: 150 }));

    log('Recogito text-annotator (SPANS) on the same document');
    const peer = await measureRecogitoPaint(browser, await peerInput(gen), runs.peer);
    figures.push(figure(`@recogito/text-annotator (SPANS) first paint, same document and passages`, 'ms', peer.samples, {
      note: `${peer.painted} highlight elements painted in its last run`,
    }));
    const ratio = peer.samples.map((s) => s / openFigure.p50);
    figures.push(figure('Recogito first paint ÷ Glossator first paint', 'x', ratio, { target: 5, higherIsBetter: true, judgeBy: 'p50' }));
  } finally {
    await session.close();
  }
  return figures;
}
