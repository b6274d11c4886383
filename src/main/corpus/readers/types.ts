// What every document reader returns, and the size limit they share.
import type { Block, DocumentMeta, NormaliserVersion } from '../../../shared/types';

export interface ReadResult {
  /** Reading text: block texts joined by "\n\n"; annotations anchor on it. */
  text: string;
  blocks: Block[];
  /** Only what the file itself states (HTML meta tags, PDF info, docx core properties); never guessed. */
  meta: Partial<Omit<DocumentMeta, 'source'>>;
  /** Which reader (and version of it) made `text`; bump it whenever its output changes. */
  normaliser: NormaliserVersion;
}

export type DocumentReader = (fileName: string, bytes: Uint8Array) => Promise<ReadResult>;

/**
 * The largest file Glossator will read. A reader holds the whole file, its parsed form (a DOM or a
 * PDF's object tree) and the reading text in the main process at once, and the renderer shows the
 * text in full; think-tank articles and reports are a few MB at most, so anything past 50 MB is
 * almost certainly a scan or a file dropped by mistake, and refusing it keeps the app responsive.
 */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
