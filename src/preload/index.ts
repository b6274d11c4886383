// Sandboxed preload: one function per contract method on window.glossator, plus the menu-command subscription.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { MENU_CHANNEL, MENU_COMMANDS, METHODS, channelOf, type MenuCommand } from '../shared/methods';

const calls = Object.fromEntries(
  METHODS.map((method) => [method, (args?: unknown) => ipcRenderer.invoke(channelOf(method), args ?? {})]),
);

function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  const handler = (_event: IpcRendererEvent, command: unknown): void => {
    if ((MENU_COMMANDS as readonly unknown[]).includes(command)) listener(command as MenuCommand);
  };
  ipcRenderer.on(MENU_CHANNEL, handler);
  return () => ipcRenderer.removeListener(MENU_CHANNEL, handler);
}

contextBridge.exposeInMainWorld('glossator', { ...calls, onMenuCommand });
