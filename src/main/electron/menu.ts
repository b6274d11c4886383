// The native menu: the renderer's commands with their shortcuts, sent to the renderer to run.
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { MENU_CHANNEL, type MenuCommand } from '../../shared/methods';

/**
 * Shortcuts are shown but not registered (registerAccelerator: false): the renderer handles the
 * keys itself, so plain keys like "]" still type into a note and Ctrl+Z stays the field's own undo there.
 */
function item(win: BrowserWindow, label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions {
  return {
    label,
    ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
    click: () => win.webContents.send(MENU_CHANNEL, command),
  };
}

export function installMenu(win: BrowserWindow): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        item(win, 'Open Folder…', 'open-corpus'),
        item(win, 'Save as Project…', 'save-as-project'),
        item(win, 'Coder Name and Colour…', 'coder-identity'),
        item(win, 'Sync…', 'sync'),
        { type: 'separator' },
        item(win, 'Export…', 'export-digest', 'CmdOrCtrl+E'),
        item(win, 'Import…', 'import-annotations'),
        { type: 'separator' },
        { role: isMac ? 'close' : 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        item(win, 'Undo', 'undo', 'CmdOrCtrl+Z'),
        item(win, 'Redo', 'redo', 'Shift+CmdOrCtrl+Z'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        item(win, 'Find in Corpus', 'find', 'CmdOrCtrl+F'),
        item(win, 'Codebook…', 'codebook', 'Shift+CmdOrCtrl+K'),
      ],
    },
    {
      label: 'View',
      submenu: [
        item(win, 'Passages Across the Corpus', 'passages-view', 'Shift+CmdOrCtrl+P'),
        { type: 'separator' },
        item(win, 'Next Passage', 'next-passage', ']'),
        item(win, 'Previous Passage', 'previous-passage', '['),
        item(win, 'Mark Read / Unread', 'toggle-read', 'R'),
        { type: 'separator' },
        {
          label: 'Theme',
          submenu: [item(win, 'Follow System', 'theme-system'), item(win, 'Light', 'theme-light'), item(win, 'Dark', 'theme-dark')],
        },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
