// Reads one document file of any supported format into reading text, blocks and the metadata it states.
import { extname } from 'node:path';
import { GlossatorError } from '../../../shared/result';
import { MAX_DOCUMENT_BYTES, type DocumentReader, type ReadResult } from './types';

export type { DocumentReader, ReadResult } from './types';
export { MAX_DOCUMENT_BYTES } from './types';

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.pdf', '.docx'] as const;
export type SupportedExtension = (typeof SUPPORTED_EXTENSIONS)[number];

// Each reader is loaded the first time a file of its format must be read (the read worker loads them
// all before it takes work): the parsers (pdf.js, a DOM for HTML, a zip reader for .docx) cost more
// to load than a warm start does in all, and the main process, which only needs the list of
// extensions from this module, never needs them.
const READERS: Readonly<Record<SupportedExtension, () => Promise<DocumentReader>>> = {
  '.txt': async () => (await import('./text')).readText,
  '.md': async () => (await import('./markdown')).readMarkdown,
  '.html': async () => (await import('./html')).readHtml,
  '.htm': async () => (await import('./html')).readHtml,
  '.pdf': async () => (await import('./pdf')).readPdf,
  '.docx': async () => (await import('./docx')).readDocx,
};

/** Loads every reader now: the read worker does this before it says it is ready, so a read's time budget counts reading alone. */
export async function loadReaders(): Promise<void> {
  await Promise.all(Object.values(READERS).map((load) => load()));
}

/** The extension (lowercased) when Glossator reads it, else null. */
export function supportedExtension(fileName: string): SupportedExtension | null {
  const ext = extname(fileName).toLowerCase();
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(ext) ? (ext as SupportedExtension) : null;
}

/**
 * Throws a GlossatorError whose message names the file and says, in plain words, what is wrong:
 * 'too-large', 'unsupported' (format, password, no text layer) or 'invalid-argument' (damaged or
 * undecodable content). The size is checked first, before any parser sees the bytes.
 */
export async function readDocument(fileName: string, bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
    const mb = (n: number): string => `${Math.ceil(n / (1024 * 1024))} MB`;
    throw new GlossatorError('too-large', `${fileName} is ${mb(bytes.byteLength)}; Glossator reads documents up to ${mb(MAX_DOCUMENT_BYTES)}.`);
  }
  const ext = supportedExtension(fileName);
  if (ext === null) {
    const named = extname(fileName) === '' ? 'files without an extension' : `${extname(fileName)} files`;
    throw new GlossatorError('unsupported', `Glossator cannot read ${named} such as ${fileName}; it reads ${readableList()}.`);
  }
  const reader = await READERS[ext]();
  try {
    return await reader(fileName, bytes);
  } catch (e) {
    if (e instanceof GlossatorError) throw e;
    // A parser tripping over input it did not expect: the file's fault far more often than ours.
    throw new GlossatorError('invalid-argument', `${fileName} could not be read: ${(e as Error).message}`);
  }
}

/** ".txt, .md, .html, .htm, .pdf and .docx" */
function readableList(): string {
  const all = [...SUPPORTED_EXTENSIONS];
  return `${all.slice(0, -1).join(', ')} and ${all[all.length - 1] ?? ''} files`;
}
