// Memos in exports: Markdown and HTML digest sections, REFI-QDA Notes (xmllint against Project.xsd), and hostile memo Markdown made inert.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/main/export/digest';
import { renderHtml } from '../../src/main/export/html';
import { memoHtml, safeMemoMarkdown } from '../../src/main/export/memo-sections';
import { renderQdpx } from '../../src/main/interop/refi-export';
import type { ExportSet } from '../../src/main/export/types';
import type { Memo } from '../../src/shared/memos';
import { refiFixture, startTags, unzip, validate, type Fixture } from './refi-fixture';

let fx: Fixture;
let tmp: string;
let set: ExportSet;
const charts = { frequency: '<svg></svg>', cooccurrence: '<svg></svg>', distribution: '<svg></svg>' };

const memo = (id: string, subject: Memo['subject'], text: string, created = '2026-12-01T09:00:00.000Z'): Memo => ({
  id,
  subject,
  text,
  created,
  modified: created,
});

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'glossator-memo-export-'));
  fx = await refiFixture(tmp);
  set = {
    ...fx.set,
    memos: [
      memo('m-doc', { kind: 'document', docId: fx.docA.id }, '# Source check\n\nThe author is *partisan*.'),
      memo('m-tag', { kind: 'tag', tagId: 'friction' }, 'Use **Friction** for open disagreement only.'),
      memo('m-j1', { kind: 'journal' }, 'Started coding.', '2026-12-01T09:00:00.000Z'),
      memo('m-j2', { kind: 'journal' }, 'Merged two tags.', '2026-12-02T09:00:00.000Z'),
      memo('m-empty', { kind: 'document', docId: fx.docB.id }, '   '),
      memo('m-quiet', { kind: 'document', docId: fx.docs[1]!.id }, 'No passages here yet; read again.'),
    ],
  };
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** The Markdown between a heading line and the next heading of the same or a higher level. */
function sectionOf(md: string, heading: string): string {
  const at = md.indexOf(`\n${heading}\n`);
  if (at < 0) return '';
  const level = /^#+/.exec(heading)![0].length;
  const rest = md.slice(at + heading.length + 2);
  const next = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
  return next < 0 ? rest : rest.slice(0, next);
}

describe('Markdown digest', () => {
  // Grouped by tag, a tag's memo is under its heading; grouped by document, a document's memo is
  // under its own. Memos whose subject has no heading in that digest go to a section after the
  // passages; the journal is always its own section, oldest entry first.
  const layouts = [
    {
      groupBy: 'tag' as const,
      under: [['## Friction (2)', '*Tag memo:*\n\nUse **Friction** for open disagreement only.']],
      after: [['## Document memos', '### '], ['## Document memos', 'The author is *partisan*.']],
      lacks: ['## Tag memos'],
    },
    {
      groupBy: 'document' as const,
      under: [['DOC_A', '*Document memo:*\n\n#### Source check\n\nThe author is *partisan*.']],
      after: [['## Tag memos', '### Friction\n\nUse **Friction** for open disagreement only.']],
      lacks: [],
    },
  ];
  it.each(layouts)('grouped by $groupBy: memos under their subject’s heading, the rest and the journal after the passages', ({ groupBy, under, after, lacks }) => {
    const md = renderMarkdown({ ...set, options: { ...set.options, groupBy } });
    const heading = (h: string) => (h === 'DOC_A' ? `## ${fx.docA.title}` : h);
    for (const [h, text] of under) expect(sectionOf(md, heading(h!)), h).toContain(text);
    for (const [h, text] of after) expect(sectionOf(md, h!), h).toContain(text);
    for (const h of lacks) expect(md).not.toContain(h);
    // Each memo once, headings kept below the digest's own.
    expect(md.split('The author is *partisan*.')).toHaveLength(2);
    expect(md.split('open disagreement only.')).toHaveLength(2);
    expect(md).not.toMatch(/^# Source check/m);
    // The document memo of a document with no passages here, and the journal, come after every passage.
    const lastPassage = md.lastIndexOf('[p-');
    expect(md.indexOf(`### ${fx.docs[1]!.title}`)).toBeGreaterThan(lastPassage);
    const journal = sectionOf(md, '## Journal');
    expect(md.indexOf('## Journal')).toBeGreaterThan(lastPassage);
    expect(journal.indexOf('Started coding.')).toBeLessThan(journal.indexOf('Merged two tags.'));
    expect(journal).toContain('### 2026-12-01 09:00 UTC');
    // A memo of only spaces is no memo.
    expect(md).not.toContain(`### ${fx.docB.title}\n\n\n`);
  });

  const options: { name: string; includeMemos?: boolean; includeJournal?: boolean; has: string[]; lacks: string[] }[] = [
    { name: 'default: all', has: ['## Document memos', '*Tag memo:*', '## Journal'], lacks: [] },
    { name: 'memos off', includeMemos: false, has: ['## Journal'], lacks: ['## Document memos', '## Tag memos', '*Tag memo:*'] },
    { name: 'journal off', includeJournal: false, has: ['## Document memos'], lacks: ['## Journal'] },
  ];
  it.each(options)('options: $name', ({ includeMemos, includeJournal, has, lacks }) => {
    const md = renderMarkdown({ ...set, options: { ...set.options, ...(includeMemos === undefined ? {} : { includeMemos }), ...(includeJournal === undefined ? {} : { includeJournal }) } });
    for (const s of has) expect(md).toContain(s);
    for (const s of lacks) expect(md).not.toContain(s);
  });

  it('a tag filter keeps only that tag’s memo; a document filter only that document’s', () => {
    const md = renderMarkdown({ ...set, options: { ...set.options, tagIds: ['hedging'] } });
    expect(md).not.toContain('## Tag memos');
    expect(md).not.toContain('open disagreement only');
    const byDoc = renderMarkdown({ ...set, documents: [fx.docB], options: { ...set.options, docIds: [fx.docB.id] } });
    expect(byDoc).not.toContain('## Document memos');
  });
});

// Whole digests with memos, reviewed by eye once and kept (UPDATE_GOLDEN=1 rewrites them).
const GOLDEN_DIR = fileURLToPath(new URL('../golden/export/', import.meta.url));
describe('digest goldens with memos', () => {
  it.each([
    { file: 'digest-memos-by-tag.md', groupBy: 'tag' as const, render: renderMarkdown },
    { file: 'digest-memos-by-document.md', groupBy: 'document' as const, render: renderMarkdown },
    { file: 'digest-memos-by-document.html', groupBy: 'document' as const, render: (s: ExportSet) => renderHtml(s, charts) },
  ])('$file', async ({ file, groupBy, render }) => {
    const actual = render({ ...set, options: { ...set.options, groupBy } });
    const path = `${GOLDEN_DIR}${file}`;
    if (process.env.UPDATE_GOLDEN === '1') {
      await mkdir(GOLDEN_DIR, { recursive: true });
      await writeFile(path, actual, 'utf8');
    }
    expect(actual).toBe(await readFile(path, 'utf8'));
  });
});

describe('hostile memo Markdown', () => {
  const hostile: { name: string; text: string; never: RegExp }[] = [
    { name: 'a script element', text: 'Hi <script>alert(1)</script>', never: /<script/i },
    { name: 'an onerror attribute', text: '<img src=x onerror="alert(1)">', never: /<img/i },
    { name: 'a javascript: link', text: '[click](javascript:alert(1))', never: /javascript:/i },
    { name: 'a javascript: link in angle brackets', text: '[click](<javascript:alert(1)>)', never: /javascript:/i },
    { name: 'a reference definition', text: '[x][r]\n\n[r]: javascript:alert(1)', never: /javascript:/i },
    { name: 'a data: link', text: '[x](data:text/html;base64,PHNjcmlwdD4=)', never: /href="data:/i },
    { name: 'an image with javascript', text: '![a](javascript:alert(1))', never: /<img|javascript:/i },
    { name: 'an html block', text: '<div onclick="x()">\n\nhi\n\n</div>', never: /<div/i },
    { name: 'an iframe', text: '<iframe src="https://evil.example"></iframe>', never: /<iframe/i },
  ];
  it.each(hostile)('$name is inert in the HTML digest', ({ text, never }) => {
    const html = memoHtml(text, 3);
    expect(html).not.toMatch(never);
    expect(html).not.toMatch(/\son[a-z]+=/i.test(text) ? /<[^>]+\son[a-z]+=/i : /$^/);
  });
  it('code keeps its characters', () => {
    expect(memoHtml('Use `<b>` tags:\n\n```\n<script>x</script>\n```', 3)).toContain('&lt;script&gt;x&lt;/script&gt;');
  });
  it('safe links stay links', () => {
    expect(memoHtml('[site](https://example.org/a?b=1) and [mail](mailto:a@b.org)', 3)).toMatch(/<a href="https:\/\/example.org\/a\?b=1">site<\/a>.*<a href="mailto:a@b.org">mail<\/a>/);
  });
  it('the Markdown digest keeps raw HTML as text', () => {
    expect(safeMemoMarkdown('x <script>alert(1)</script>', 3)).toBe('x &lt;script>alert(1)&lt;/script>');
  });
});

describe('HTML digest', () => {
  it('shows a memo under its subject’s heading, the rest and the journal in sections, rendered', () => {
    const byTag = renderHtml(set, charts);
    const friction = byTag.indexOf('Friction<span class="count">');
    expect(friction).toBeGreaterThan(0);
    expect(byTag.slice(friction, byTag.indexOf('</h3>', friction))).toMatch(
      /<div class="memo" role="note" aria-label="Tag memo"><p class="memo-label">Tag memo<\/p>\n<p>Use <strong>Friction<\/strong> for open disagreement only.<\/p>/,
    );
    expect(byTag).toContain('<h2>Document memos</h2>');
    expect(byTag).toContain('<h4>Source check</h4>');
    expect(byTag).not.toContain('<h2>Tag memos</h2>');
    expect(byTag).toContain('<h2>Journal</h2>');
    const byDoc = renderHtml({ ...set, options: { ...set.options, groupBy: 'document' } }, charts);
    const docA = byDoc.indexOf(`<h2 dir="auto">${fx.docA.title}</h2>`);
    expect(docA).toBeGreaterThan(0);
    const section = byDoc.slice(docA, byDoc.indexOf('</section>', docA));
    expect(section).toContain('aria-label="Document memo"');
    expect(section).toContain('<em>partisan</em>');
    expect(byDoc).toContain('<h2>Tag memos</h2>');
    expect(byDoc.indexOf('<h2>Journal</h2>')).toBeGreaterThan(byDoc.indexOf('<h2>Tag memos</h2>'));
  });
});

describe('REFI-QDA', () => {
  it('writes memos as Notes referenced from the TextSource, the Code and the Project, and validates against Project.xsd', async () => {
    const qde = unzip(renderQdpx(set, fx.docs).bytes)['project.qde']!;
    await writeFile(join(tmp, 'memos.qde'), qde);
    validate('Project.xsd', join(tmp, 'memos.qde'));
    const notes = startTags(qde, 'Note');
    const byName = new Map(notes.map((n) => [n.name, n.guid]));
    const docNote = byName.get(`Document memo: ${fx.docA.title}`);
    const codeNote = byName.get('Code memo: Friction');
    expect(docNote).toBeDefined();
    expect(codeNote).toBeDefined();
    expect(notes.filter((n) => n.name!.startsWith('Journal '))).toHaveLength(2);
    expect(qde).toContain('The author is *partisan*.');
    // Where each NoteRef sits: in the source, in the code, after the project's Description.
    const source = qde.slice(qde.indexOf(`name="${fx.docA.title}"`));
    expect(source.slice(0, source.indexOf('</TextSource>'))).toContain(`<NoteRef targetGUID="${docNote}"/>`);
    const code = qde.slice(qde.indexOf('name="Friction"'));
    expect(code.slice(0, code.indexOf('</Code>'))).toContain(`<NoteRef targetGUID="${codeNote}"/>`);
    const tail = qde.slice(qde.lastIndexOf('</Description>'));
    expect(tail.match(/<NoteRef /g)).toHaveLength(2);
  });

  it('without memos, the project is as before', () => {
    const before = unzip(renderQdpx(fx.set, fx.docs).bytes)['project.qde']!;
    expect(before).not.toContain('memo');
  });
});
