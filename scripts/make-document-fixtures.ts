// Builds test/fixtures/documents/: one sample per reader, plus the awkward files readers must refuse.
//
// Run `npx tsx scripts/make-document-fixtures.ts` and review the diff. Every byte is fixed (no
// clocks, seeded "random" bytes), so a run with unchanged code rewrites identical files.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { PDFDocument, type PDFFont, StandardFonts } from 'pdf-lib';
import { ARTICLE_HTML, ARTICLE_MD, DOCX_PARTS, PDF_PAGES, type PdfLine } from './document-fixture-content';

const OUT = fileURLToPath(new URL('../test/fixtures/documents/', import.meta.url));
/** Local time on purpose: zip stores local DOS times, so this gives the same bytes in every time zone. */
const ZIP_TIME = new Date(2024, 0, 15, 12, 0, 0);
const PDF_TIME = new Date('2024-01-15T12:00:00Z');

async function articlePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle('Caspian Corridors and the Limits of Alignment');
  doc.setAuthor('Jane Doe');
  doc.setCreationDate(PDF_TIME);
  doc.setModificationDate(PDF_TIME);
  const fonts: Record<PdfLine['font'], PDFFont> = {
    body: await doc.embedFont(StandardFonts.TimesRoman),
    bold: await doc.embedFont(StandardFonts.TimesRomanBold),
    small: await doc.embedFont(StandardFonts.Helvetica),
  };
  for (const [i, lines] of PDF_PAGES.entries()) {
    const page = doc.addPage([595, 842]);
    // Running header and page number, as report templates print them on every page.
    page.drawText('Gulf Policy Review | Occasional Paper 7', { x: 72, y: 806, size: 9, font: fonts.small });
    page.drawText(String(i + 1), { x: 292, y: 40, size: 9, font: fonts.small });
    for (const line of lines) page.drawText(line.text, { x: line.x ?? 72, y: line.y, size: line.size ?? 11, font: fonts[line.font] });
  }
  return doc.save({ useObjectStreams: false });
}

/** A page with only shapes on it: what a scan looks like to a text extractor (an image, no text). */
async function scannedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreationDate(PDF_TIME);
  doc.setModificationDate(PDF_TIME);
  const page = doc.addPage([595, 842]);
  for (let y = 700; y > 100; y -= 20) page.drawRectangle({ x: 72, y, width: 450, height: 8 });
  return doc.save({ useObjectStreams: false });
}

/**
 * pdf-lib cannot encrypt, so this is written by hand: a one-page PDF whose trailer names a
 * Standard security handler (RC4, revision 2) with a user password. pdf.js checks the empty
 * password against /U, fails, and asks for one, which is all a password-protected file does.
 */
function encryptedPdf(): Uint8Array {
  const hex32 = (seed: number): string => Array.from({ length: 32 }, (_, i) => ((seed * (i + 7) * 31) & 0xff).toString(16).padStart(2, '0')).join('');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    '<< /Length 16 >>\nstream\n\x8a\x13\x07\x99\x01\x42\x5c\x71\x90\x0e\x3b\x66\x21\xd4\x18\x02\nendstream',
    `<< /Filter /Standard /V 1 /R 2 /Length 40 /O <${hex32(3)}> /U <${hex32(5)}> /P -3904 >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [i, o] of objects.entries()) {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  const id = hex32(9).slice(0, 32);
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(body, (c) => c.charCodeAt(0));
}

function docx(parts: Readonly<Record<string, string>>): Uint8Array {
  const files: Zippable = {};
  for (const [path, xml] of Object.entries(parts)) files[path] = [strToU8(xml), { mtime: ZIP_TIME }];
  return zipSync(files, { level: 6 });
}

/** Seeded bytes (a linear congruential generator), with NULs, so the file is the same every run. */
function noise(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let s = seed;
  for (let i = 0; i < length; i += 1) {
    s = (s * 1103515245 + 12345) >>> 0;
    bytes[i] = i % 17 === 0 ? 0 : s >>> 24;
  }
  return bytes;
}

function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    bytes[2 + i * 2] = c & 0xff;
    bytes[3 + i * 2] = c >> 8;
  }
  return bytes;
}

const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const pdf = await articlePdf();
  const files: Record<string, Uint8Array> = {
    'article.md': strToU8(ARTICLE_MD),
    'article.html': strToU8(ARTICLE_HTML),
    'article.pdf': pdf,
    'article.docx': docx(DOCX_PARTS),
    'empty.txt': new Uint8Array(0),
    'binary.txt': noise(2048, 42),
    'latin1.txt': latin1('Caf\u00e9 society in Tehran: a na\u00efve r\u00e9sum\u00e9 of the 1970s.\n'),
    'utf16.txt': utf16le('Notes from Tehr\u0101n\n\nThe capital\u2019s bazaar reopened on Saturday. Traders said little.\n'),
    'encrypted.pdf': encryptedPdf(),
    // The header and first objects of a real PDF, cut off before the page tree and cross-reference table.
    'corrupt.pdf': pdf.subarray(0, 300),
    'scanned.pdf': await scannedPdf(),
    // A valid zip archive, but not a Word document: no [Content_Types].xml, no word/document.xml.
    'corrupt.docx': zipSync({ 'notes.txt': [strToU8('not a document'), { mtime: ZIP_TIME }], 'noise.bin': [noise(256, 7), { mtime: ZIP_TIME }] }),
  };
  for (const [name, bytes] of Object.entries(files)) await writeFile(`${OUT}${name}`, bytes);
  console.log(`wrote ${Object.keys(files).length} files to ${OUT}`);
}

await main();
