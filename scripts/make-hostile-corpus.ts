// Builds e2e/fixtures/hostile-corpus/: one document per format Glossator reads, full of hostile payloads.
//
// Run `npx tsx scripts/make-hostile-corpus.ts` and review the diff. Every byte is fixed (no clocks),
// so a run with unchanged payloads rewrites identical files. The payloads are in hostile-payloads.ts.
//
// - hostile-plain.txt     every payload as plain words, one paragraph each
// - hostile-markdown.md   every payload in a code span (so it reads as text), then the markup and
//                         Markdown payloads live: raw HTML blocks, javascript: links, onerror images;
//                         hostile front matter
// - hostile-page.html     every payload as escaped text, then the markup payloads as real markup,
//                         in <head> and <body>; hostile <title> and author meta
// - hostile-word.docx     every payload as text, a hyperlink to javascript:, a hostile core title
// - hostile-print.pdf     the printable payloads as text, hostile Title and Author, and an
//                         OpenAction JavaScript action
// - manifest.json         hostile details for hostile-plain.txt, with a javascript: URL
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { DOC_AUTHORS, DOC_TITLES, label, PAYLOADS, PDF_PAYLOADS, type HostilePayload } from './hostile-payloads';

const OUT = fileURLToPath(new URL('../e2e/fixtures/hostile-corpus/', import.meta.url));
const ZIP_TIME = new Date(2024, 0, 15, 12, 0, 0);
const PDF_TIME = new Date('2024-01-15T12:00:00Z');

const INTRO =
  'This document is a test fixture. Every paragraph below holds a hostile payload that an attacker could hide in an article. ' +
  'Glossator must show each one as inert words: nothing may run, open, navigate or load.';

/** Markup payloads that leave a tag open; they go last, so what they swallow is only each other. */
const UNCLOSED = new Set([11, 21, 43, 44, 45, 48, 58, 59]);
const live = (ps: readonly HostilePayload[]): HostilePayload[] =>
  [...ps].sort((a, b) => Number(UNCLOSED.has(a.n)) - Number(UNCLOSED.has(b.n)) || a.n - b.n);

const escHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** XML 1.0 allows neither most C0 controls nor lone surrogates; Word files cannot hold them. */
const xmlSafe = (s: string): boolean => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s);

// ---- .txt ---------------------------------------------------------------------------------------

function plainText(): string {
  const paras = [DOC_TITLES.txt, INTRO, ...PAYLOADS.map((p) => `${label(p)} ${p.source}`), 'End of the hostile plain text.'];
  return `${paras.join('\n\n')}\n`;
}

// ---- .md ----------------------------------------------------------------------------------------

function markdown(): string {
  const yaml = (s: string): string => JSON.stringify(s);
  const asCode = PAYLOADS.map((p) => `- ${label(p)} \`${p.source}\``);
  const liveMarkup = live(PAYLOADS.filter((p) => p.markup || p.markdown)).map((p) => p.source);
  return [
    '---',
    `title: ${yaml(DOC_TITLES.md)}`,
    `author: ${yaml(DOC_AUTHORS.md)}`,
    '---',
    '',
    `# ${escHtml(DOC_TITLES.md)}`,
    '',
    INTRO,
    '',
    '## Payloads as code',
    '',
    ...asCode,
    '',
    '## Template and entity tricks as prose',
    '',
    // Outside code spans, entities decode to "<script>" text and braces stay literal.
    ...PAYLOADS.filter((p) => [32, 33, 34, 39, 40, 41, 42].includes(p.n)).flatMap((p) => [`${label(p)} ${p.source}`, '']),
    '## Live payloads',
    '',
    '[a reference link][ref] and [java\u202Escript link](java\u202Escript:window.__pwned_41=1) and [zwj link](java\u200Dscript:window.__pwned_42=1)',
    '',
    "[ref]: javascript:alert('__pwned_35')",
    '',
    ...liveMarkup.flatMap((m) => [m, '']),
    'End of the hostile Markdown.',
    '',
  ].join('\n');
}

// ---- .html --------------------------------------------------------------------------------------

function html(): string {
  const headTricks = PAYLOADS.filter((p) => [1, 2, 25, 26, 29, 31].includes(p.n)).map((p) => p.source);
  const asText = PAYLOADS.map((p) => `<p>${escHtml(label(p))} ${escHtml(p.source)}</p>`);
  const liveMarkup = live(PAYLOADS.filter((p) => p.markup)).map((p) => `<div class="live">${p.source}</div>`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escHtml(DOC_TITLES.html)}</title>`,
    `<meta name="author" content="${escHtml(DOC_AUTHORS.html)}">`,
    '<meta property="og:url" content="javascript:window.__pwned_og_url=1">',
    '<link rel="canonical" href="javascript:window.__pwned_canonical=1">',
    ...headTricks,
    '</head>',
    '<body onload="window.__pwned_48=1">',
    '<article>',
    `<h1>${escHtml(DOC_TITLES.html)}</h1>`,
    `<p>${escHtml(INTRO)}</p>`,
    // Decoded by the parser into the words "<script>…", which must stay words.
    '<p>Entity trick: &lt;script&gt;window.__pwned_39=1&lt;/script&gt; and &#60;img src=x onerror=window.__pwned_40=1&#62; and a NUL &#0; reference.</p>',
    ...asText,
    '<p>The same payloads follow as live markup; none of it is prose, and none of it may run.</p>',
    ...liveMarkup,
    '<p>End of the hostile page.</p>',
    '</article>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ---- .docx --------------------------------------------------------------------------------------

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const escXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const wPara = (text: string, style?: string): string =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${escXml(text)}</w:t></w:r></w:p>`;

function docx(): Uint8Array {
  const body = [
    wPara(DOC_TITLES.docx, 'Heading1'),
    wPara(INTRO),
    `<w:p><w:hyperlink r:id="rIdJs"><w:r><w:t xml:space="preserve">${escXml('Word hyperlink to javascript:')}</w:t></w:r></w:hyperlink></w:p>`,
    `<w:p><w:hyperlink r:id="rIdData"><w:r><w:t xml:space="preserve">Word hyperlink to data:text/html</w:t></w:r></w:hyperlink></w:p>`,
    ...PAYLOADS.filter((p) => xmlSafe(p.source)).map((p) => wPara(`${label(p)} ${p.source}`)),
    wPara('End of the hostile Word document.'),
  ].join('');
  const rel = (id: string, type: string, target: string, external = false): string =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${escXml(target)}"${external ? ' TargetMode="External"' : ''}/>`;
  const parts: Record<string, string> = {
    '[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
    '_rels/.rels': `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    'word/_rels/document.xml.rels': `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${[
      rel('rId1', 'styles', 'styles.xml'),
      rel('rIdJs', 'hyperlink', 'javascript:window.__pwned_docx_link=1', true),
      rel('rIdData', 'hyperlink', 'data:text/html,<script>opener.__pwned_docx_data=1</script>', true),
    ].join('')}</Relationships>`,
    'word/styles.xml': `${XML}<w:styles ${W}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>`,
    'word/document.xml': `${XML}<w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`,
    'docProps/core.xml': `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${escXml(DOC_TITLES.docx)}</dc:title><dc:creator>${escXml('<script>window.__pwned_docx_creator=1</script>')}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2024-01-15T12:00:00Z</dcterms:created></cp:coreProperties>`,
  };
  const files: Zippable = {};
  for (const [path, xml] of Object.entries(parts)) files[path] = [strToU8(xml), { mtime: ZIP_TIME }];
  return zipSync(files, { level: 6 });
}

// ---- .pdf ---------------------------------------------------------------------------------------

async function pdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(DOC_TITLES.pdf);
  doc.setAuthor(DOC_AUTHORS.pdf);
  doc.setCreationDate(PDF_TIME);
  doc.setModificationDate(PDF_TIME);
  // A JavaScript action run when a viewer opens the file; a text extractor must never run it.
  const action = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of("app.alert('__pwned_pdf_js'); this.__pwned_pdf_js = 1;") });
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const SIZE = 9;
  const LINE = 12;
  let page = doc.addPage([595, 842]);
  let y = 790;
  page.drawText('Hostile PDF', { x: 50, y, size: 16, font: bold });
  y -= 30;
  const intro = ['This document is a test fixture. Every paragraph below holds a hostile payload that an attacker', 'could hide in an article. Glossator must show each one as inert words: nothing may run.'];
  for (const line of intro) {
    page.drawText(line, { x: 50, y, size: SIZE, font });
    y -= LINE;
  }
  for (const p of PDF_PAYLOADS) {
    y -= LINE;
    if (y < 100) {
      page = doc.addPage([595, 842]);
      y = 790;
    }
    // Three lines to a paragraph, so the usual line gap is the in-paragraph one and payloads reflow into one block each.
    for (const line of [label(p), p.source, `(end of payload ${p.n})`]) {
      page.drawText(line, { x: 50, y, size: SIZE, font });
      y -= LINE;
    }
  }
  return doc.save({ useObjectStreams: false });
}

// ---- manifest -------------------------------------------------------------------------------------

function manifest(): string {
  return `${JSON.stringify(
    {
      schemaVersion: 1,
      documents: [
        {
          source: 'hostile-plain.txt',
          title: DOC_TITLES.txt,
          author: '<img src=x onerror=window.__pwned_manifest_author=1>',
          publisher: '=HYPERLINK("https://pwned.invalid/__pwned_manifest_publisher")',
          date: '"><script>window.__pwned_manifest_date=1</script>',
          url: 'javascript:window.__pwned_manifest_url=1',
          provenance: 'Hand-written hostile fixture for e2e/hostile.spec.ts.',
          titleSource: 'text',
        },
      ],
    },
    null,
    2,
  )}\n`;
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const files: Record<string, Uint8Array> = {
    'hostile-plain.txt': strToU8(plainText()),
    'hostile-markdown.md': strToU8(markdown()),
    'hostile-page.html': strToU8(html()),
    'hostile-word.docx': docx(),
    'hostile-print.pdf': await pdf(),
    'manifest.json': strToU8(manifest()),
  };
  for (const [name, bytes] of Object.entries(files)) await writeFile(`${OUT}${name}`, bytes);
  console.log(`wrote ${Object.keys(files).length} files with ${PAYLOADS.length} payloads to ${OUT}`);
}

await main();
