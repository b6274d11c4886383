// Electron entry: one instance per data dir, the app:// protocol, locked-down renderers, the core over IPC, flush on quit.
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { acquireDataLock } from '../store/lock';
import { createCore, type Core } from '../core/core';
import { CORPUS_CHANNEL, SYNC_CHANNEL } from '../../shared/methods';
import { SafeStorageSecrets } from './secret-store';
import { APP_SCHEME_REGISTRATION, createAppProtocolHandler } from './app-protocol';
import { electronOpenTarget, electronPdf, electronSaveTarget } from './host';
import { registerIpc } from './ipc';
import { OPEN_BUTTON, lockDown, type ExternalLinkPrompt } from './lockdown';
import { installMenu } from './menu';
import { APP_SCHEME, APP_START_URL, devServerUrl, ownUrlTest } from './origin';
import { applySessionPolicy } from './session-policy';
import { claimSingleInstance } from './single-instance';
import { createMainWindow } from './window';

const flag = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

function paths() {
  // The read-only corpus shipped with the app (an extraResource when packaged), whatever folder is opened first.
  const bundledCorpusDir = app.isPackaged ? join(process.resourcesPath, 'corpus') : join(app.getAppPath(), 'corpus');
  const corpusDir = flag('corpus') ?? process.env['GLOSSATOR_CORPUS_DIR'] ?? bundledCorpusDir;
  const given = flag('data-dir') ?? process.env['GLOSSATOR_DATA_DIR'];
  // Absolute, since it may become userData (app.setPath refuses a relative path).
  const explicitDataDir = given ? resolve(given) : undefined;
  return { corpusDir, dataDir: explicitDataDir ?? app.getPath('userData'), explicitDataDir, bundledCorpusDir };
}

const { corpusDir, dataDir, bundledCorpusDir, explicitDataDir } = paths();
// By default the data dir is userData. A data dir given explicitly becomes userData too: the same
// layout, and the single-instance lock (kept in userData) then guards that data dir, so two windows
// on two data dirs (the e2e workers) may run side by side but never two on one.
if (explicitDataDir) app.setPath('userData', dataDir);
// Both must happen before `ready`.
protocol.registerSchemesAsPrivileged([APP_SCHEME_REGISTRATION]);
// Every renderer is sandboxed, including any a future feature might create.
app.enableSandbox();

// Never in a packaged build: see devServerUrl.
const devUrl = devServerUrl(process.env['ELECTRON_RENDERER_URL'], app.isPackaged);
const isOwnUrl = ownUrlTest(devUrl);
let mainWindow: BrowserWindow | null = null;

/** The external-link prompt, as a native dialog over the window the link came from. */
function confirmFor(contents: WebContents) {
  return async (prompt: ExternalLinkPrompt): Promise<boolean> => {
    const options = { type: 'question' as const, noLink: true, ...prompt };
    const parent = BrowserWindow.fromWebContents(contents);
    const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    return response === OPEN_BUTTON;
  };
}

// Every renderer (the app window, the hidden print window, anything later) gets the same lock.
app.on('web-contents-created', (_event, contents) => {
  lockDown(contents, { isOwnUrl, confirm: confirmFor(contents), openExternal: (url) => shell.openExternal(url) });
});
app.on('session-created', applySessionPolicy);

async function start(): Promise<void> {
  await app.whenReady();
  // After the single-instance lock, the data folder's own lock: the CLI's import takes the same
  // one, so neither writes while the other runs. A held lock stops the start with its holder named.
  const dataLock = await acquireDataLock(dataDir, 'app');
  // Also on an exit that skips before-quit (app.exit after a failed start); a crash leaves a stale lock, which the next start replaces.
  process.once('exit', () => dataLock.releaseSync());
  // Also set here: applying the policy twice is harmless, missing the default session is not.
  applySessionPolicy(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: join(import.meta.dirname, '../renderer'), readFile }));
  const core: Core = await createCore({
    corpusDir,
    dataDir,
    bundledCorpusDir,
    watch: true,
    version: app.getVersion(),
    saveTarget: electronSaveTarget,
    openTarget: electronOpenTarget,
    pdf: electronPdf,
    // The app moves an unreadable annotation file aside and offers its backups; the CLI only reports.
    storeIo: { damaged: 'move-aside' },
    secrets: new SafeStorageSecrets(join(dataDir, 'sync-tokens.json')),
    // Opening a folder makes it a project (its data in .glossator/, shareable through Sync).
    makeProjects: true,
  });
  registerIpc(ipcMain, core.handlers, isOwnUrl);
  const win = createMainWindow(join(import.meta.dirname, '../preload/index.cjs'));
  mainWindow = win;
  installMenu(win);
  core.onCorpusChanged((report) => {
    if (!win.isDestroyed()) win.webContents.send(CORPUS_CHANNEL, report);
  });
  core.onSyncProgress((progress) => {
    if (!win.isDestroyed()) win.webContents.send(SYNC_CHANNEL, progress);
  });

  let flushed = false;
  app.on('before-quit', (event) => {
    if (flushed) return;
    event.preventDefault();
    // close() stops the folder watcher too, which would otherwise keep the process alive.
    void core.close().finally(async () => {
      try {
        await dataLock.release();
      } finally {
        flushed = true;
        app.quit();
      }
    });
  });
  app.on('window-all-closed', () => app.quit());
  await win.loadURL(devUrl ?? APP_START_URL);
}

if (claimSingleInstance(app, () => mainWindow)) {
  start().catch((error: unknown) => {
    dialog.showErrorBox('Glossator could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
