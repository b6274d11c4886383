// Electron entry: resolves paths, composes the core, registers IPC, opens the window, flushes on quit.
import { app, dialog } from 'electron';
import { join } from 'node:path';
import { createCore, type Core } from '../core/core';
import { electronOpenTarget, electronPdf, electronSaveTarget } from './host';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { createMainWindow } from './window';

const flag = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

function paths() {
  const corpusDir =
    flag('corpus') ??
    process.env['GLOSSATOR_CORPUS_DIR'] ??
    (app.isPackaged ? join(process.resourcesPath, 'corpus') : join(app.getAppPath(), 'corpus'));
  const dataDir = flag('data-dir') ?? process.env['GLOSSATOR_DATA_DIR'] ?? app.getPath('userData');
  return { corpusDir, dataDir };
}

async function start(): Promise<void> {
  // Every renderer is sandboxed, including any a future feature might create.
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  await app.whenReady();
  const { corpusDir, dataDir } = paths();
  const core: Core = await createCore({
    corpusDir,
    dataDir,
    version: app.getVersion(),
    saveTarget: electronSaveTarget,
    openTarget: electronOpenTarget,
    pdf: electronPdf,
  });
  const rendererDir = join(import.meta.dirname, '../renderer');
  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  registerIpc(core.handlers, (url) => (devUrl ? url.startsWith(devUrl) : url.startsWith('file://')));
  const win = await createMainWindow(join(import.meta.dirname, '../preload'), rendererDir);
  installMenu(win);

  let flushed = false;
  app.on('before-quit', (event) => {
    if (flushed) return;
    event.preventDefault();
    void core.flush().finally(() => {
      flushed = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => app.quit());
}

start().catch((error: unknown) => {
  dialog.showErrorBox('Glossator could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
