// What every Glossator window is created with: Electron's security checklist as data, so tests can read it.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The renderer is a web page with no Node: it reaches main only through the preload's contract calls.
 * Each line is an item of Electron's security checklist, set explicitly even where it is the default,
 * so a future default change (or an edit here) shows up in test/unit/electron-security.test.ts.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  // A page that loops on alert() is offered a way to stop it.
  safeDialogs: true,
  // A file dropped outside the drop zone must not replace the app with the file.
  navigateOnDragDrop: false,
  spellcheck: false,
} as const satisfies WebPreferences;

/** The one app window. The preload is the bundled CommonJS file (a sandboxed preload cannot be ESM). */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    // Shown on ready-to-show, so the analyst never sees an empty frame.
    show: false,
    title: 'Glossator',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath },
  };
}

/** The hidden window that prints a digest to PDF: the HTML has no scripts, so JavaScript is off too. */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return { show: false, webPreferences: { ...SECURE_WEB_PREFERENCES, javascript: false } };
}
