// The electron host: the real app, launched by Playwright with a fresh data dir; dialogs are stubbed.
import { join } from 'node:path';
import { _electron, type ElectronApplication } from '@playwright/test';
import type { CoreSettings, HostSession } from './chromium-host';

export interface ElectronSession extends HostSession {
  app: ElectronApplication;
}

export async function openElectron(binary: string, settings: CoreSettings): Promise<ElectronSession> {
  const app = await _electron.launch({
    executablePath: binary,
    args: [join(process.cwd(), 'out/main/index.js')],
    env: { ...process.env, GLOSSATOR_DATA_DIR: settings.dataDir, GLOSSATOR_CORPUS_DIR: settings.corpusDir },
  });
  const page = await app.firstWindow();
  return { app, page, close: () => app.close() };
}

/** Answers the next save dialog with `path`, as if the analyst had chosen it. */
export async function stubSaveDialog(app: ElectronApplication, path: string): Promise<void> {
  await app.evaluate(({ dialog }, chosen) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath: chosen })) as typeof dialog.showSaveDialog;
  }, path);
}

/** Answers the next open dialog (file, files or folder) with `paths`, as if the analyst had chosen them. */
export async function stubOpenDialog(app: ElectronApplication, paths: string[]): Promise<void> {
  await app.evaluate(({ dialog }, chosen) => {
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: chosen })) as typeof dialog.showOpenDialog;
  }, paths);
}
