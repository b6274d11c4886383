// Reads one document file of any supported format into reading text, blocks and the metadata it states.
import { extname } from 'node:path';
import { GlossatorError } from '../../../shared/result';
import { readDocx } from './docx';
import { readHtml } from './html';
import { readMarkdown } from './markdown';
import { readPdf } from './pdf';
import { readText } from './text';
import { MAX_DOCUMENT_BYTES, type DocumentReader, type ReadResult } from './types';

export type { DocumentReader, ReadResult } from './types';
export { MAX_DOCUMENT_BYTES } from './types';

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.pdf', '.docx'] as const;
export type SupportedExtension = (typeof SUPPORTED_EXTENSIONS)[number];

const READERS: Readonly<Record<SupportedExtension, DocumentReader>> = {
  '.txt': readText,
  '.md': readMarkdown,
  '.html': readHtml,
  '.htm': readHtml,
  '.pdf': readPdf,
  '.docx': readDocx,
};

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
  try {
    return await READERS[ext](fileName, bytes);
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
