// Memos in exports: Markdown and HTML digest sections, REFI-QDA Notes (xmllint against Project.xsd), and hostile memo Markdown made inert.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
    ],
  };
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('Markdown digest', () => {
  it('has document memos, tag memos and the journal (oldest first) after the passages, headings kept below the section', () => {
    const md = renderMarkdown(set);
    const at = (s: string) => md.indexOf(s);
    expect(at('## Document memos')).toBeGreaterThan(at('## Friction'));
    expect(md).toContain('#### Source check');
    expect(md).not.toMatch(/^# Source check/m);
    expect(md).toContain('The author is *partisan*.');
    expect(at('## Tag memos')).toBeGreaterThan(at('## Document memos'));
    expect(md).toContain('### Friction\n\nUse **Friction** for open disagreement only.');
    expect(at('## Journal')).toBeGreaterThan(at('## Tag memos'));
    expect(at('Started coding.')).toBeLessThan(at('Merged two tags.'));
    expect(md).toContain('### 2026-12-01 09:00 UTC');
    // A memo of only spaces is no memo.
    expect(md.match(/^### /gm)!.length).toBeGreaterThan(0);
    expect(md).not.toContain(`### ${fx.docB.title}\n\n\n`);
  });

  const options: { name: string; includeMemos?: boolean; includeJournal?: boolean; has: string[]; lacks: string[] }[] = [
    { name: 'default: all', has: ['## Document memos', '## Tag memos', '## Journal'], lacks: [] },
    { name: 'memos off', includeMemos: false, has: ['## Journal'], lacks: ['## Document memos', '## Tag memos'] },
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
    const byDoc = renderMarkdown({ ...set, documents: [fx.docB], options: { ...set.options, docIds: [fx.docB.id] } });
    expect(byDoc).not.toContain('## Document memos');
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
  it('shows the memo sections, rendered', () => {
    const html = renderHtml(set, charts);
    expect(html).toContain('<h2>Document memos</h2>');
    expect(html).toContain('<h4>Source check</h4>');
    expect(html).toContain('<em>partisan</em>');
    expect(html).toContain('<h2>Journal</h2>');
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
