// Electron's side of the core's host services: save, open, folder and document dialogs, and PDF through printToPDF.
import { BrowserWindow, dialog } from 'electron';
import { extname } from 'node:path';
import type { OpenTarget, PdfPrinter, SaveTarget } from '../core/core';
import type { ImportFormat } from '../../shared/types';
import { SUPPORTED_EXTENSIONS } from '../corpus/readers';
import { printWindowOptions } from './window-options';

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.md': { name: 'Markdown', extensions: ['md'] },
  '.html': { name: 'HTML', extensions: ['html'] },
  '.pdf': { name: 'PDF', extensions: ['pdf'] },
  '.csv': { name: 'CSV', extensions: ['csv'] },
  '.jsonld': { name: 'JSON-LD (W3C Web Annotation)', extensions: ['jsonld', 'json'] },
  '.qdpx': { name: 'REFI-QDA project', extensions: ['qdpx'] },
  '.qdc': { name: 'REFI-QDA codebook', extensions: ['qdc'] },
};
const IMPORT_EXTENSION: Record<ImportFormat, string> = { jsonld: '.jsonld', qdpx: '.qdpx', qdc: '.qdc' };

const parent = (): BrowserWindow | undefined => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];

export const electronSaveTarget: SaveTarget = {
  async chooseSavePath(suggestedName) {
    const filter = FILTERS[extname(suggestedName)];
    const options = { defaultPath: suggestedName, filters: filter ? [filter] : [] };
    const win = parent();
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
};

export const electronOpenTarget: OpenTarget = {
  async chooseOpenPath(format) {
    const filter = FILTERS[IMPORT_EXTENSION[format]]!;
    const options = { properties: ['openFile' as const], filters: [filter, { name: 'All files', extensions: ['*'] }] };
    const win = parent();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  async chooseFolder() {
    const options = { title: 'Open a corpus folder', properties: ['openDirectory' as const, 'createDirectory' as const] };
    const win = parent();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  async chooseFiles() {
    const documents = { name: 'Documents', extensions: SUPPORTED_EXTENSIONS.map((e) => e.replace(/^\./, '')) };
    const options = {
      title: 'Add documents to the corpus',
      properties: ['openFile' as const, 'multiSelections' as const],
      filters: [documents, { name: 'All files', extensions: ['*'] }],
    };
    const win = parent();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  },
};

/** Prints in a hidden, sandboxed window with JavaScript off: the digest HTML has no scripts to run. */
export const electronPdf: PdfPrinter = {
  async print(html) {
    const win = new BrowserWindow(printWindowOptions());
    try {
      await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
      return new Uint8Array(pdf);
    } finally {
      win.destroy();
    }
  },
};
