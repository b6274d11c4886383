// The chromium host: Debian's chromium loads the built renderer from a fake origin; the preload's
// API is bridged to the real main-process core, so the renderer cannot tell it from Electron.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { METHODS } from '../../src/shared/methods';
import { createCore } from '../../src/main/core/core';
import { dispatch } from '../../src/main/core/dispatch';

export const ORIGIN = 'http://glossator.test';
const RENDERER_DIR = join(process.cwd(), 'out/renderer');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface HostSession {
  page: Page;
  close(): Promise<void>;
}

export interface CoreSettings {
  dataDir: string;
  corpusDir: string;
  nextSavePath: () => string | null;
  nextOpenPath: () => string | null;
  /** Answers the "open corpus folder" dialog; cancelled when absent. */
  nextFolderPath?: () => string | null;
  /** Answers the "import documents" dialog; cancelled when absent. */
  nextFilePaths?: () => string[];
  /** The read-only bundled corpus; the repo's corpus/ when absent (the bench bundles its own). */
  bundledCorpusDir?: string;
  /** Watch the open folder as the app does; on unless a caller (the bench's smoke run) opts out. */
  watch?: boolean;
  /**
   * Open writable folders as projects, as the app does. Off unless a spec opts in: the specs of a
   * plain corpus open fixture folders of this repository, which must not be written into.
   */
  makeProjects?: boolean;
}

/** The same engine as Electron's printToPDF: Chromium prints the digest HTML in a scratch page. */
function chromiumPdf(browser: Browser) {
  return {
    async print(html: string): Promise<Uint8Array> {
      const page = await browser.newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        return new Uint8Array(await page.pdf({ format: 'A4', printBackground: true }));
      } finally {
        await page.close();
      }
    },
  };
}

export async function openChromium(browser: Browser, settings: CoreSettings): Promise<HostSession> {
  const core = await createCore({
    dataDir: settings.dataDir,
    corpusDir: settings.corpusDir,
    version: 'e2e',
    saveTarget: { chooseSavePath: async () => settings.nextSavePath() },
    openTarget: {
      chooseOpenPath: async () => settings.nextOpenPath(),
      chooseFolder: async () => settings.nextFolderPath?.() ?? null,
      chooseFiles: async () => settings.nextFilePaths?.() ?? [],
    },
    pdf: chromiumPdf(browser),
    // As in Electron: the repo's corpus is the bundled, read-only one, and the open folder is watched.
    bundledCorpusDir: settings.bundledCorpusDir ?? join(process.cwd(), 'corpus'),
    watch: settings.watch ?? true,
    makeProjects: settings.makeProjects ?? false,
    storeIo: { damaged: 'move-aside' },
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.route(`${ORIGIN}/**`, async (route) => {
    const path = normalize(decodeURIComponent(new URL(route.request().url()).pathname)).replace(/^\/+/, '');
    const file = join(RENDERER_DIR, path || 'index.html');
    if (!file.startsWith(RENDERER_DIR)) return route.fulfill({ status: 403 });
    try {
      const body = await readFile(file);
      await route.fulfill({ status: 200, body, contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
    } catch {
      await route.fulfill({ status: 404, body: 'not found' });
    }
  });
  // tsx (the bench's runner) compiles with esbuild's keepNames, which wraps functions passed to the
  // page in a __name() helper the page does not have; Playwright's own loader does not need this.
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  const page = await context.newPage();
  // Results cross as one JSON string, as Electron's IPC clones them in one step; Playwright's own
  // value serialisation walks objects field by field and made a 1 MB document take seconds.
  await page.exposeFunction('__glossatorInvoke', async (method: unknown, args: unknown) =>
    JSON.stringify(await dispatch(core.handlers, method, args)),
  );
  await page.addInitScript((methods: readonly string[]) => {
    const w = window as unknown as {
      __glossatorInvoke: (m: string, a: unknown) => Promise<string>;
      __glossatorMenu: (command: unknown) => void;
    };
    const api: Record<string, unknown> = Object.fromEntries(
      methods.map((m) => [m, async (args?: unknown) => JSON.parse(await w.__glossatorInvoke(m, args ?? {})) as unknown]),
    );
    // Stand in for main's two event channels: the fixture calls these where Electron would send IPC.
    const channel = (name: string) => {
      const listeners = new Set<(value: unknown) => void>();
      api[name] = (listener: (value: unknown) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      };
      return (value: unknown) => listeners.forEach((l) => l(value));
    };
    w.__glossatorMenu = channel('onMenuCommand');
    (w as unknown as { __glossatorCorpusChanged: (r: unknown) => void }).__glossatorCorpusChanged = channel('onCorpusChanged');
    (w as unknown as { __glossatorSyncProgress: (r: unknown) => void }).__glossatorSyncProgress = channel('onSyncProgress');
    Object.defineProperty(window, 'glossator', { value: Object.freeze(api), writable: false });
  }, METHODS);
  // Where Electron sends CORPUS_CHANNEL, the report is handed to the page's stand-in channel.
  const unsubscribe = core.onCorpusChanged((report) => {
    void page
      .evaluate((r) => (window as unknown as { __glossatorCorpusChanged(r: unknown): void }).__glossatorCorpusChanged(r), report)
      .catch(() => undefined);
  });
  const unsubscribeSync = core.onSyncProgress((progress) => {
    void page
      .evaluate((p) => (window as unknown as { __glossatorSyncProgress(p: unknown): void }).__glossatorSyncProgress(p), progress)
      .catch(() => undefined);
  });
  await page.goto(`${ORIGIN}/index.html`);
  return {
    page,
    async close() {
      unsubscribe();
      unsubscribeSync();
      await context.close();
      await core.close();
    },
  };
}
