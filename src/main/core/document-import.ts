// Imports one document into the open corpus: the original file is copied unchanged, then read like any corpus file.
import { readdir, readFile, realpath, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import type { ImportedDocument } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import { baseDocument, idOf } from '../corpus/corpus';
import { MAX_DOCUMENT_BYTES, SUPPORTED_EXTENSIONS, supportedExtension } from '../corpus/readers';
import { readerPool } from '../corpus/readers/read-pool';
import { WriteFailedError, describeOsError, writeDurably } from '../store/durable-write';
import { isDocumentName } from './workspace-corpora';
import type { LiveCorpus } from './live-corpus';

/** A file the analyst chose (by path) or dropped on the window (its name and bytes). */
export type ImportSource = { path: string } | { name: string; bytes: Uint8Array };

/** Copies tried per name: "report.pdf", "report (2).pdf" … far past any real clash. */
const MAX_COPIES = 1000;

const megabytes = (n: number) => `${Math.ceil(n / (1024 * 1024))} MB`;
const tooLarge = (name: string, size: number) =>
  new GlossatorError(
    'too-large',
    `${name} is ${megabytes(size)}; documents are limited to ${megabytes(MAX_DOCUMENT_BYTES)}.`,
  );

/**
 * One clear error per file, so the renderer can import a batch file by file and list what failed.
 * The original bytes are kept (the reading text is derived from them and can be re-derived by a
 * newer reader). They are read before they are copied: a file no reader can take is never added.
 */
export async function importDocument(ws: LiveCorpus, source: ImportSource): Promise<ImportedDocument> {
  if (ws.ref.readOnly) {
    throw new GlossatorError('unsupported', 'The bundled corpus is read-only: open a corpus folder to import documents into.');
  }
  const name = 'path' in source ? basename(source.path) : safeName(source.name);
  // Checked before the file is touched, so a batch learns at once which files are of no use.
  if (supportedExtension(name) === null) {
    const kind = extname(name) === '' ? 'files without an extension' : `${extname(name)} files`;
    throw new GlossatorError(
      'unsupported',
      `Glossator cannot read ${kind} such as ${name}; it reads ${SUPPORTED_EXTENSIONS.join(', ')} files.`,
    );
  }
  if (!isDocumentName(name)) {
    // The watcher and the corpus list pass over hidden and temporary files; one imported would vanish from view.
    throw new GlossatorError('invalid-argument', `${name} looks like a hidden or temporary file; rename it to import it.`);
  }
  const bytes = 'path' in source ? await readSource(source.path, ws.dir) : source.bytes;
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) throw tooLarge(name, bytes.byteLength);

  // Read first: a file no reader can take (damaged, a zip bomb, over its time or memory budget)
  // never enters the corpus folder, so it cannot fail again on every later open.
  const read = await readerPool().read(name, bytes);
  const stored = await copyIn(ws.dir, name, bytes);
  try {
    const id = ws.idFor(stored);
    if (id === null) throw new GlossatorError('invalid-argument', `${name} could not be given a document id; rename it.`);
    const doc = baseDocument(stored, read, id);
    ws.admit(doc);
    const shown = ws.corpus.get(doc.id);
    return { docId: shown.id, title: shown.title, source: stored };
  } catch (error) {
    await rm(join(ws.dir, stored), { force: true }).catch(() => undefined);
    if (error instanceof GlossatorError) throw error;
    throw new GlossatorError('invalid-argument', `${name} could not be read: ${(error as Error).message}`);
  }
}

/** A dropped file's name as a plain file name: no folders, no characters some disks refuse. */
function safeName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const clean = last.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '-').trim();
  if (clean === '' || clean === '.' || clean === '..') {
    throw new GlossatorError('invalid-argument', `"${name}" is not a usable file name.`);
  }
  return clean;
}

async function readSource(path: string, corpusDir: string): Promise<Uint8Array> {
  const name = basename(path);
  if (!isAbsolute(path)) throw new GlossatorError('invalid-argument', `A document must be given as a full path, not "${path}".`);
  try {
    const real = await realpath(path);
    const info = await stat(real);
    if (!info.isFile()) throw new GlossatorError('invalid-argument', `${name} is a folder, not a document.`);
    if (dirname(real) === corpusDir) throw new GlossatorError('invalid-argument', `${name} is already in this corpus.`);
    if (info.size > MAX_DOCUMENT_BYTES) throw tooLarge(name, info.size);
    return await readFile(real);
  } catch (error) {
    if (error instanceof GlossatorError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new GlossatorError('not-found', `There is no file at ${path}.`);
    throw new GlossatorError('io-error', `Could not read ${name}: ${describeOsError(error)}.`);
  }
}

/** "report.pdf", then "report (2).pdf" … the first name free on disk whose document id is free too. */
function candidates(name: string): string[] {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  return Array.from({ length: MAX_COPIES }, (_, i) => (i === 0 ? name : `${stem} (${i + 1})${ext}`));
}

/**
 * Writes the bytes under a new name and fsyncs file and folder: answers the name used. An
 * exclusive write refuses to overwrite, so a file that appeared meanwhile is never replaced. Ids are checked too:
 * "a b.txt" beside "a-b.txt" would give two documents one id, and one annotation file.
 */
async function copyIn(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const taken = new Set((await readdir(dir)).filter(isDocumentName).map(idOf));
  for (const candidate of candidates(name)) {
    if (taken.has(idOf(candidate))) continue;
    const path = join(dir, candidate);
    try {
      // exclusive: the synced file appears under its name whole, and never replaces one that
      // appeared meanwhile (then the next candidate name is tried).
      await writeDurably(path, bytes, { exclusive: true });
    } catch (error) {
      const cause = error instanceof WriteFailedError ? error.cause : error;
      if ((cause as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new GlossatorError('io-error', `Could not add ${name} to the corpus folder: ${describeOsError(cause)}. Nothing was added.`);
    }
    return candidate;
  }
  throw new GlossatorError('invalid-argument', `The corpus already holds ${MAX_COPIES} files named like ${name}; rename it first.`);
}
