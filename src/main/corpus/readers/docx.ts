// The .docx reader: mammoth turns the Word document into HTML, which is walked into blocks.
import { XMLParser } from 'fast-xml-parser';
import mammoth from 'mammoth';
import { GlossatorError } from '../../../shared/result';
import { collapse } from '../normalise-text';
import { htmlToBlocks, parseFragment } from './html-blocks';
import type { ReadResult } from './types';
import { inflateEntries, listZip, type ZipLimits } from './zip-guard';

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

/**
 * What a .docx may unpack to. Its XML is the whole text with markup around it; a report of a few
 * hundred pages is a few MB of it. mammoth reads any part the package names, so every XML part is
 * measured (images are never inflated: they are dropped unread).
 */
export const DOCX_LIMITS: ZipLimits = { maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 128 * 1024 * 1024 };
const isXmlPart = (name: string): boolean => /\.(xml|rels)$/i.test(name);

export async function readDocx(fileName: string, bytes: Uint8Array): Promise<ReadResult> {
  const owner = { what: fileName };
  let core: Uint8Array | undefined;
  try {
    const entries = listZip(bytes, owner);
    core = inflateEntries(bytes, owner, isXmlPart, DOCX_LIMITS, { entries, keep: (n) => n === CORE_PROPERTIES }).get(CORE_PROPERTIES);
  } catch (e) {
    if (e instanceof GlossatorError && e.code !== 'invalid-argument') throw e;
    throw new GlossatorError('invalid-argument', `${fileName} is not a readable Word document (.docx); it may be damaged, or another format renamed.`);
  }
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
  const title = coreTitle(core) ?? collapse(document.querySelector('h1, h2, h3, h4, h5, h6')?.textContent ?? '');
  if (title !== '') meta.title = title;
  return { text, blocks, meta, normaliser: 'glossator-docx/1' };
}

/**
 * The title in the document's core properties (File > Properties in Word). mammoth does not
 * expose it, so it is read from the zip directly (bounded above); a missing or unparsable part just means none.
 */
function coreTitle(part: Uint8Array | undefined): string | null {
  if (part === undefined) return null;
  try {
    const xml: unknown = new XMLParser({ removeNSPrefix: true }).parse(new TextDecoder().decode(part));
    const title: unknown = (xml as { coreProperties?: { title?: unknown } }).coreProperties?.title;
    const text = typeof title === 'string' || typeof title === 'number' ? collapse(String(title)) : '';
    return text === '' ? null : text;
  } catch {
    return null;
  }
}
