// Creates the app window from mainWindowOptions; main installs the lock, session policy and protocol before it loads.
import { BrowserWindow } from 'electron';
import { mainWindowOptions } from './window-options';

/** Created without loading, so main can hold the window (for a second launch to focus) before the page loads. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath));
  win.once('ready-to-show', () => win.show());
  return win;
}
