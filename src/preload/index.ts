// Sandboxed preload: exposes exactly one function per contract method on window.glossator, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { METHODS, channelOf } from '../shared/methods';

const api = Object.fromEntries(
  METHODS.map((method) => [method, (args?: unknown) => ipcRenderer.invoke(channelOf(method), args ?? {})]),
);

contextBridge.exposeInMainWorld('glossator', api);
