// The .docx reader: mammoth turns the Word document into HTML, which is walked into blocks.
import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { GlossatorError } from '../../../shared/result';
import { collapse } from '../normalise-text';
import { htmlToBlocks, parseFragment } from './html-blocks';
import type { ReadResult } from './types';

const CORE_PROPERTIES = 'docProps/core.xml';

/**
 * Word's built-in styles that mammoth's default map leaves as plain paragraphs. Images are
 * dropped at conversion (they carry no text, and inlining them as data: URIs would only cost memory).
 */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Quote'] => blockquote:fresh",
  "p[style-name='Intense Quote'] => blockquote:fresh",
  "p[style-name='Caption'] => figcaption:fresh",
];

export async function readDocx(fileName: string, bytes: Uint8Array): Promise<ReadResult> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false, // a document must not make Glossator read other files
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
  } catch {
    throw new GlossatorError('invalid-argument', `${fileName} is not a readable Word document (.docx); it may be damaged, or another format renamed.`);
  }
  const document = parseFragment(html);
  // Footnote back-links ("↑") are navigation, not words of the note.
  for (const a of Array.from(document.querySelectorAll('a[href^="#footnote-ref"], a[href^="#endnote-ref"]'))) a.remove();
  const { text, blocks } = htmlToBlocks(document.body);
  const meta: ReadResult['meta'] = {};
  const title = coreTitle(bytes) ?? collapse(document.querySelector('h1, h2, h3, h4, h5, h6')?.textContent ?? '');
  if (title !== '') meta.title = title;
  return { text, blocks, meta, normaliser: 'glossator-docx/1' };
}

/**
 * The title in the document's core properties (File > Properties in Word). mammoth does not
 * expose it, so it is read from the zip directly; a missing or unparsable part just means none.
 */
function coreTitle(bytes: Uint8Array): string | null {
  try {
    const part = unzipSync(bytes, { filter: (f) => f.name === CORE_PROPERTIES })[CORE_PROPERTIES];
    if (part === undefined) return null;
    const xml: unknown = new XMLParser({ removeNSPrefix: true }).parse(new TextDecoder().decode(part));
    const title: unknown = (xml as { coreProperties?: { title?: unknown } }).coreProperties?.title;
    const text = typeof title === 'string' || typeof title === 'number' ? collapse(String(title)) : '';
    return text === '' ? null : text;
  } catch {
    return null;
  }
}
