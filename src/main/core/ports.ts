// Host ports: what the core asks of whoever runs it (dialogs, the PDF engine, the clock), and the defaults without a host.
import type { ImportFormat } from '../../shared/types';
import { GlossatorError } from '../../shared/result';

/** The time of day; injected so tests and snapshots are reproducible. */
export interface Clock {
  now(): Date;
}

/** Where a saved file goes: a native dialog in Electron, a chosen path in tests and the CLI. */
export interface SaveTarget {
  chooseSavePath(suggestedName: string): Promise<string | null>;
}

/** What to open: native dialogs in Electron, given paths in tests and the CLI. null / [] = cancelled. */
export interface OpenTarget {
  /** The annotation file to import. */
  chooseOpenPath(format: ImportFormat): Promise<string | null>;
  /** A corpus folder to open. */
  chooseFolder(): Promise<string | null>;
  /** Documents to import into the open corpus. */
  chooseFiles(): Promise<string[]>;
}

/** Turns the HTML digest into PDF: Electron's printToPDF, or Chromium's in the test host. */
export interface PdfPrinter {
  print(html: string): Promise<Uint8Array>;
}

export const systemClock: Clock = { now: () => new Date() };

/** Without a host (the CLI, most tests) saving asks nobody: a clear refusal, not a hang. */
export const noSaveTarget: SaveTarget = {
  chooseSavePath: () => Promise.reject(new GlossatorError('unsupported', 'Saving files is not available here.')),
};

const unavailable = () => Promise.reject(new GlossatorError('unsupported', 'Opening files is not available here.'));
export const noOpenTarget: OpenTarget = { chooseOpenPath: unavailable, chooseFolder: unavailable, chooseFiles: unavailable };
