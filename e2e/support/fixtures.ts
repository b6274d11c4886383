// One fixture, two hosts: a fresh data dir per test, the app opened and ready, page objects.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, chromium, expect, type Browser, type Page } from '@playwright/test';
import { electronBinary } from './electron-binary';
import { openChromium, type CoreSettings, type HostSession } from './chromium-host';
import { openElectron, stubOpenDialog, stubSaveDialog, type ElectronSession } from './electron-host';
import { WorkbenchPage } from './workbench-page';
import { MENU_CHANNEL, type MenuCommand } from '../../src/shared/methods';

export type Host = 'chromium' | 'electron';
export interface HostOptions {
  host: Host;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'];

/** The app under test, whichever host runs it. */
export interface GlossatorApp {
  readonly page: Page;
  readonly dataDir: string;
  /** Closes renderer and main-process core, then opens fresh ones over the same data dir. */
  restart(): Promise<Page>;
  /** The next save dialog answers with this path. */
  answerSaveDialog(path: string): Promise<void>;
  /** The next open dialog answers with this file. */
  answerOpenDialog(path: string): Promise<void>;
  /** The next folder dialog answers with this folder. */
  answerFolderDialog(path: string): Promise<void>;
  /** The next multi-file dialog answers with these files. */
  answerFilesDialog(paths: string[]): Promise<void>;
  /** Chooses a native menu item: main sends the renderer its command. */
  menu(command: MenuCommand): Promise<void>;
}

interface TestFixtures {
  /** The corpus folder the app opens; specs may point it at a fixture corpus. */
  corpusDir: string;
  /** Open writable folders as projects, as the app does (see CoreSettings.makeProjects). */
  makeProjects: boolean;
  dataDir: string;
  glossator: GlossatorApp;
  workbench: WorkbenchPage;
}

interface WorkerFixtures extends HostOptions {
  hostBrowser: Browser | null;
}

async function waitReady(page: Page): Promise<void> {
  await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  host: ['chromium', { option: true, scope: 'worker' }],
  hostBrowser: [
    async ({ host }, use) => {
      if (host !== 'chromium') return use(null);
      const browser = await chromium.launch({
        executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
        args: CHROMIUM_ARGS,
      });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  corpusDir: [join(process.cwd(), 'corpus'), { option: true }],
  makeProjects: [false, { option: true }],
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'glossator-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  glossator: async ({ host, hostBrowser, dataDir, corpusDir, makeProjects }, use, testInfo) => {
    const electron = electronBinary();
    if (host === 'electron' && 'missing' in electron) {
      testInfo.skip(true, `electron host skipped: ${electron.missing}`);
      return;
    }
    let savePath: string | null = null;
    let openPath: string | null = null;
    let folderPath: string | null = null;
    let filePaths: string[] = [];
    const settings: CoreSettings = {
      dataDir,
      corpusDir,
      nextSavePath: () => savePath,
      nextOpenPath: () => openPath,
      nextFolderPath: () => folderPath,
      nextFilePaths: () => filePaths,
      makeProjects,
    };
    const open = (): Promise<HostSession | ElectronSession> =>
      host === 'chromium' && hostBrowser
        ? openChromium(hostBrowser, settings)
        : openElectron((electron as { path: string }).path, settings);
    const problems: string[] = [];
    const watch = (page: Page): void => {
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
      });
    };
    let session = await open();
    watch(session.page);
    await waitReady(session.page);
    const app: GlossatorApp = {
      get page() {
        return session.page;
      },
      dataDir,
      async restart() {
        await session.close();
        session = await open();
        watch(session.page);
        await waitReady(session.page);
        return session.page;
      },
      async answerSaveDialog(path) {
        savePath = path;
        if ('app' in session) await stubSaveDialog(session.app, path);
      },
      async answerOpenDialog(path) {
        openPath = path;
        if ('app' in session) await stubOpenDialog(session.app, [path]);
      },
      async answerFolderDialog(path) {
        folderPath = path;
        if ('app' in session) await stubOpenDialog(session.app, [path]);
      },
      async answerFilesDialog(paths) {
        filePaths = paths;
        if ('app' in session) await stubOpenDialog(session.app, paths);
      },
      async menu(command) {
        if ('app' in session) {
          await session.app.evaluate(
            ({ BrowserWindow }, [channel, cmd]) => BrowserWindow.getAllWindows()[0]?.webContents.send(channel!, cmd),
            [MENU_CHANNEL, command],
          );
        } else {
          await session.page.evaluate((cmd) => (window as unknown as { __glossatorMenu(c: string): void }).__glossatorMenu(cmd), command);
        }
      },
    };
    await use(app);
    await session.close();
    // CSP violations and uncaught errors surface as console errors: none may happen in any spec.
    expect(problems, 'the renderer logged errors').toEqual([]);
  },
  workbench: async ({ glossator }, use) => {
    await use(new WorkbenchPage(glossator));
  },
});

export { expect };
