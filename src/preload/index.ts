// Sandboxed preload: one function per contract method on window.glossator, plus the two main→renderer subscriptions.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CORPUS_CHANNEL, MENU_CHANNEL, MENU_COMMANDS, METHODS, SYNC_CHANNEL, channelOf, type MenuCommand } from '../shared/methods';

const calls = Object.fromEntries(
  METHODS.map((method) => [method, (args?: unknown) => ipcRenderer.invoke(channelOf(method), args ?? {})]),
);

/** Subscribes to a channel; `accept` filters what main sends, so the renderer only sees well-formed messages. */
function subscribe<T>(channel: string, accept: (value: unknown) => value is T) {
  return (listener: (value: T) => void): (() => void) => {
    const handler = (_event: IpcRendererEvent, value: unknown): void => {
      if (accept(value)) listener(value);
    };
    ipcRenderer.on(channel, handler);
    return () => ipcRenderer.removeListener(channel, handler);
  };
}

const isMenuCommand = (value: unknown): value is MenuCommand => (MENU_COMMANDS as readonly unknown[]).includes(value);
const isReport = (value: unknown): value is object => typeof value === 'object' && value !== null;

contextBridge.exposeInMainWorld('glossator', {
  ...calls,
  onMenuCommand: subscribe(MENU_CHANNEL, isMenuCommand),
  onCorpusChanged: subscribe(CORPUS_CHANNEL, isReport),
  onSyncProgress: subscribe(SYNC_CHANNEL, isReport),
});
