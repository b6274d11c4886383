// The .pdf reader: pdf.js's text layer, page by page, into lines; pdf-layout.ts makes blocks of them.
import { GlossatorError } from '../../../shared/result';
import { collapse } from '../normalise-text';
import { assemble } from './assemble';
import { layout, type PdfLine, type PdfPage } from './pdf-layout';
import type { ReadResult } from './types';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPageProxy = Awaited<ReturnType<PdfDocument['getPage']>>;
type TextItem = Extract<Awaited<ReturnType<PdfPageProxy['getTextContent']>>['items'][number], { str: string }>;

/** Titles that name the file or the program, not the document ("Microsoft Word - draft3.docx"). */
const JUNK_TITLE = /^(untitled|document\d*|presentation\d*|slide \d+)$|^microsoft (word|powerpoint) - |\.(docx?|pdf|indd|qxd|tex|rtf|pages|odt)$/i;
/** Author fields that hold the account that made the file. */
const JUNK_AUTHOR = /^(unknown|admin(istrator)?|user|owner|windows user|microsoft office user|author)$/i;

/**
 * pdf.js is loaded on first use: it is large, and most corpora hold few PDFs. In Node, pdf.js v5
 * turns its web worker off and runs the worker's code in-process; handing it the worker module
 * ourselves (globalThis.pdfjsWorker) spares it a dynamic import by relative path, which would
 * break if the main process were ever bundled with it.
 */
let pdfjs: Promise<PdfJs> | undefined;
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjs;
}

export async function readPdf(fileName: string, bytes: Uint8Array): Promise<ReadResult> {
  const { getDocument, VerbosityLevel } = await loadPdfJs();
  const task = getDocument({
    // A copy, as a plain Uint8Array: pdf.js refuses Node Buffers and takes over the buffer it is given.
    data: new Uint8Array(bytes),
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false, // never compile code from a font in the file
    useSystemFonts: false,
    disableFontFace: true,
  });
  let pdf: PdfDocument;
  try {
    pdf = await task.promise;
  } catch (e) {
    await task.destroy();
    if ((e as Error).name === 'PasswordException') {
      throw new GlossatorError('unsupported', `${fileName} is password-protected; remove the password and add it again.`);
    }
    throw notReadable(fileName);
  }
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= pdf.numPages; n += 1) pages.push(await pageOf(pdf, n));
    const { text, blocks } = assemble(layout(pages));
    if (!/[\p{L}\p{N}]/u.test(text)) {
      throw new GlossatorError('unsupported', `${fileName} has no text layer (it is probably scanned); Glossator does not do OCR.`);
    }
    return { text, blocks, meta: await metaOf(pdf), normaliser: 'glossator-pdf/1' };
  } catch (e) {
    throw e instanceof GlossatorError ? e : notReadable(fileName);
  } finally {
    await pdf.destroy();
  }
}

const notReadable = (fileName: string): GlossatorError =>
  new GlossatorError('invalid-argument', `${fileName} is not a readable PDF (it may be damaged or incomplete).`);

async function pageOf(pdf: PdfDocument, n: number): Promise<PdfPage> {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent();
  const items = content.items.filter((i): i is TextItem => 'str' in i);
  page.cleanup();
  return { lines: linesOf(items) };
}

/**
 * Runs of text on one baseline make a line; a run that starts lower or higher by more than half
 * its size starts the next. Rotated text (watermarks, margin notes) is left out.
 */
function linesOf(items: readonly TextItem[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let runs: TextItem[] = [];
  const close = (): void => {
    const line = lineOf(runs);
    if (line !== null) lines.push(line);
    runs = [];
  };
  for (const item of items) {
    const [a = 0, b = 0, c = 0, d = 0] = item.transform as number[];
    if (Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d) || item.str === '') continue;
    const last = runs[runs.length - 1];
    if (last !== undefined && Math.abs(yOf(last) - yOf(item)) > 0.5 * Math.max(sizeOf(last), sizeOf(item))) close();
    runs.push(item);
  }
  close();
  return lines;
}

function lineOf(runs: readonly TextItem[]): PdfLine | null {
  let text = '';
  let end = -Infinity;
  for (const r of runs) {
    const x = xOf(r);
    // pdf.js usually emits the spaces itself; a visible gap without one is a space too.
    if (text !== '' && x - end > 0.15 * sizeOf(r) && !/\s$/.test(text) && !/^\s/.test(r.str)) text += ' ';
    text += r.str;
    end = Math.max(end, x + r.width);
  }
  const words = runs.filter((r) => r.str.trim() !== '');
  const longest = [...words].sort((p, q) => q.str.length - p.str.length)[0];
  if (longest === undefined) return null;
  return {
    text: collapse(text),
    x: Math.min(...words.map(xOf)),
    right: end,
    y: yOf(longest),
    size: sizeOf(longest),
  };
}

const xOf = (i: TextItem): number => Number(i.transform[4]);
const yOf = (i: TextItem): number => Number(i.transform[5]);
const sizeOf = (i: TextItem): number => Math.hypot(Number(i.transform[2]), Number(i.transform[3])) || i.height;

async function metaOf(pdf: PdfDocument): Promise<ReadResult['meta']> {
  const { info } = await pdf.getMetadata();
  const field = (key: string): string => {
    const value = (info as Record<string, unknown>)[key];
    return typeof value === 'string' ? collapse(value) : '';
  };
  const meta: ReadResult['meta'] = {};
  const title = field('Title');
  if (title.length >= 3 && title.length <= 300 && /\p{L}/u.test(title) && !JUNK_TITLE.test(title)) meta.title = title;
  const author = field('Author');
  if (author !== '' && /\p{L}/u.test(author) && !JUNK_AUTHOR.test(author)) meta.author = author;
  const language = field('Language');
  if (language !== '') {
    try {
      const tag = Intl.getCanonicalLocales(language)[0];
      if (tag !== undefined) meta.language = tag;
    } catch {
      // Not a language tag: say nothing rather than something wrong.
    }
  }
  return meta;
}
