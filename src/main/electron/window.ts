// Creates the one app window with Electron's security settings; denies navigation and new windows.
import { BrowserWindow, shell, type WebContents } from 'electron';
import { join } from 'node:path';

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

/** The renderer may only ever show its own page; links to the web open in the system browser. */
function lockDown(contents: WebContents, ownUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== ownUrl) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
}

export async function createMainWindow(preloadDir: string, rendererDir: string): Promise<BrowserWindow> {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Glossator',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(preloadDir, 'index.cjs') },
  });
  win.once('ready-to-show', () => win.show());
  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  if (devUrl) {
    lockDown(win.webContents, devUrl);
    await win.loadURL(devUrl);
  } else {
    const file = join(rendererDir, 'index.html');
    lockDown(win.webContents, `file://${file}`);
    await win.loadFile(file);
  }
  return win;
}
