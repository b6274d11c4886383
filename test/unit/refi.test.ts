// REFI-QDA export/import: schema-valid .qdpx/.qdc from real corpus documents, code-point positions, exact round trip.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnnotationService } from '../../src/main/core/annotation-service';
import { CodebookService } from '../../src/main/core/codebook-service';
import { CorpusService } from '../../src/main/core/corpus-service';
import { DEFAULT_OPTIONS } from '../../src/main/export/types';
import { ImportService } from '../../src/main/core/import/import-service';
import { renderQdc, renderQdpx } from '../../src/main/interop/refi-export';
import { parseQdc, parseQdpx } from '../../src/main/interop/refi-import';
import { refiGuid } from '../../src/main/interop/refi-xml';
import type { ParsedImport } from '../../src/main/interop/types';
import { AnnotationStore } from '../../src/main/store/annotation-store';
import { TagStore } from '../../src/main/store/tag-store';
import { DEFAULT_TAGS } from '../../src/shared/default-tags';
import { GlossatorError } from '../../src/shared/result';
import type { PlacedAnnotation } from '../../src/shared/types';
import { refiFixture, startTags, unzip, validate, type Fixture } from './refi-fixture';

const NOW = new Date('2026-11-22T10:00:00Z');

let fx: Fixture;
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'glossator-refi-'));
  fx = await refiFixture(tmp);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function expectInvalid(run: () => unknown, words: RegExp): void {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(GlossatorError);
    expect((e as GlossatorError).code).toBe('invalid-argument');
    expect((e as GlossatorError).message).toMatch(words);
    return;
  }
  throw new Error('expected an invalid-argument error');
}

describe('renderQdpx', () => {
  it('writes a project.qde that validates against Project.xsd, and a .qdc that validates against Codebook.xsd', async () => {
    const files = unzip(renderQdpx(fx.set, fx.docs).bytes);
    await writeFile(join(tmp, 'project.qde'), files['project.qde']!);
    validate('Project.xsd', join(tmp, 'project.qde'));
    await writeFile(join(tmp, 'codebook.qdc'), renderQdc(fx.tags, NOW));
    validate('Codebook.xsd', join(tmp, 'codebook.qdc'));
  });

  it('is checked for real: a broken colour makes xmllint fail', async () => {
    const qde = unzip(renderQdpx(fx.set, fx.docs).bytes)['project.qde']!.replace('color="#009E73"', 'color="green"');
    await writeFile(join(tmp, 'broken.qde'), qde);
    expect(() => validate('Project.xsd', join(tmp, 'broken.qde'))).toThrow(/fails to validate|not accepted/);
  });

  it('holds one UTF-8 source text per document with placed passages, and leaves out passages that need review', () => {
    const { bytes, skipped } = renderQdpx(fx.set, fx.docs);
    const files = unzip(bytes);
    expect(skipped).toBe(1);
    const sources = startTags(files['project.qde']!, 'TextSource');
    expect(sources.map((s) => s.name)).toEqual([fx.docA.title, fx.docB.title, fx.emoji.title]);
    for (const [i, doc] of [fx.docA, fx.docB, fx.emoji].entries()) {
      const path = sources[i]!.plainTextPath!.replace('internal://', 'sources/');
      expect(files[path]).toBe(doc.text);
    }
    expect(Object.keys(files).sort()).toEqual(['project.qde', ...sources.map((s) => `sources/${s.guid}.txt`)].sort());
    expect(files['project.qde']).not.toContain(fx.review.target.quote.exact);
  });

  it('counts positions in code points of the exported text, not UTF-16 code units', () => {
    const files = unzip(renderQdpx(fx.set, fx.docs).bytes);
    const xml = files['project.qde']!;
    const selections = startTags(xml, 'PlainTextSelection');
    const source = startTags(xml, 'TextSource').find((s) => s.name === fx.emoji.title)!;
    const text = Array.from(files[`sources/${source.guid}.txt`]!);
    const emoji = selections.find((s) => s.guid === fx.emojiPassage.id)!;
    const [start, end] = [Number(emoji.startPosition), Number(emoji.endPosition)];
    expect(text.slice(start, end).join('')).toBe(fx.emojiPassage.target.quote.exact);
    const before = fx.emoji.text.slice(0, fx.emojiPassage.range!.start);
    expect(start).toBe(Array.from(before).length);
    expect(start).toBeLessThan(before.length); // flags before it: two code points, four UTF-16 units each
    const first = selections.find((s) => s.guid === fx.atStart.id)!;
    expect(first.startPosition).toBe('0');
  });

  it('gives the same bytes for the same input, whatever order the passages come in', () => {
    const one = renderQdpx(fx.set, fx.docs).bytes;
    const two = renderQdpx({ ...fx.set, passages: [...fx.set.passages].reverse() }, fx.docs).bytes;
    expect(unzip(two)['project.qde']).toBe(unzip(one)['project.qde']);
    expect(Buffer.from(two).equals(Buffer.from(one))).toBe(true);
    expect(renderQdc(fx.tags, NOW)).toBe(renderQdc(fx.tags, NOW));
  });

  it('leaves notes out when the options say so', () => {
    const xml = unzip(renderQdpx({ ...fx.set, options: { ...DEFAULT_OPTIONS, includeNotes: false } }, fx.docs).bytes)['project.qde']!;
    expect(xml).not.toContain('<Notes>');
    expect(xml).not.toContain('<NoteRef');
  });

  it('refuses a codebook with no tags', () => {
    expectInvalid(() => renderQdc([], NOW), /no tags/);
  });
});

describe('parseQdpx reads back exactly what was exported', () => {
  let parsed: ParsedImport;
  beforeAll(() => {
    parsed = parseQdpx(renderQdpx(fx.set, fx.docs).bytes);
  });

  it('tags: names, colours and descriptions', () => {
    // Each with its Code's GUID as key (passages name tags by it) and its parent's (none: a flat codebook here).
    expect(parsed.tags).toEqual(
      fx.tags.map((t) => ({ name: t.name, color: t.color, description: t.description, key: refiGuid('code', t.id), parentKey: null })),
    );
  });

  it('passages: quotes, positions, tags, notes, ids and stamps', () => {
    const names = new Map(fx.tags.map((t) => [t.id, t.name]));
    const placed = fx.set.passages.filter((p) => p.range !== null);
    expect(parsed.passages).toHaveLength(placed.length);
    for (const original of placed) {
      const doc = fx.docs.find((d) => d.id === original.docId)!;
      const back = parsed.passages.find((p) => p.id === original.id);
      expect(back, original.id).toEqual({
        id: original.id,
        source: { docId: doc.id, fileName: doc.source, ...(doc.url ? { uri: doc.url } : {}), title: doc.title },
        quote: original.target.quote,
        position: original.range,
        positionIn: doc.contentHash,
        tagNames: original.tagIds.map((id) => names.get(id)),
        tagKeys: original.tagIds.map((id) => refiGuid('code', id)),
        note: original.note,
        created: original.created,
        modified: original.modified,
        creator: { id: refiGuid('user', 'Glossator'), name: 'Glossator analyst' },
        sourceKey: expect.stringMatching(/^refi:/),
      });
    }
  });

  it('parseQdc reads the codebook', () => {
    expect(parseQdc(renderQdc(fx.tags, NOW))).toEqual({ tags: parsed.tags, passages: [], changes: [] });
  });
});

describe('a .qdpx imported into an empty data dir gives back the exported passages', () => {
  it('same documents, ranges, quotes, tag names and notes; a second import only merges', async () => {
    const dataDir = join(tmp, 'data');
    const clock = { now: () => new Date('2026-12-01T00:00:00Z') };
    let ids = 0;
    const newId = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
    // Composed as src/main/core/core.ts composes them.
    const corpus = await CorpusService.open(fx.corpusDir);
    const store = new AnnotationStore({ dataDir, corpusKey: 'default' });
    const tags = new TagStore({ dataDir });
    const annotations = new AnnotationService(corpus, store, tags, clock, newId);
    const codebook = new CodebookService({ tags, store, corpus, clock });
    const importer = new ImportService({ corpus, annotations, store, tags, codebook, newId, clock });
    const parsed = parseQdpx(renderQdpx(fx.set, fx.docs).bytes);

    const report = await importer.apply(parsed, 'qdpx');
    expect(report).toEqual({ format: 'qdpx', imported: 5, merged: 0, unmatched: [], tagsAdded: ['Sanctions & Trade'], changes: [], coders: [{ name: 'Glossator analyst', passages: 5 }] });
    const codebookNow = await tags.list();
    expect(codebookNow.find((t) => t.name === 'Sanctions & Trade')).toMatchObject({ color: '#aa3377', description: fx.tags[3]!.description });
    const nameOf = new Map(codebookNow.map((t) => [t.id, t.name]));
    const exportedNames = new Map(fx.tags.map((t) => [t.id, t.name]));
    const summary = (a: PlacedAnnotation, names: Map<string, string>) => ({
      id: a.id,
      docId: a.docId,
      range: a.range,
      quote: a.target.quote,
      tags: a.tagIds.map((id) => names.get(id)),
      note: a.note,
      created: a.created,
    });
    const listed = (await Promise.all(fx.docs.map((d) => annotations.list(d.id)))).flat();
    const exported = fx.set.passages.filter((a) => a.range !== null);
    expect(listed.map((a) => summary(a, nameOf))).toEqual(
      expect.arrayContaining(exported.map((a) => summary(a, exportedNames))),
    );
    expect(listed).toHaveLength(exported.length);
    expect(listed.every((a) => a.state === 'anchored')).toBe(true);

    const again = await importer.apply(parsed, 'qdpx');
    expect(again).toMatchObject({ imported: 0, merged: 5, unmatched: [], tagsAdded: [] });
    await Promise.all([store.flush(), tags.flush()]);
  });
});

describe('parseQdpx reads other tools’ projects', () => {
  const G = {
    code: '{7A4B36F0-0C0E-4F64-9F4A-1D6C0F0E0A01}',
    child: '7A4B36F0-0C0E-4F64-9F4A-1D6C0F0E0A02',
    folder: '7A4B36F0-0C0E-4F64-9F4A-1D6C0F0E0A03',
    source: '7A4B36F0-0C0E-4F64-9F4A-1D6C0F0E0A04',
    note: '7A4B36F0-0C0E-4F64-9F4A-1D6C0F0E0A05',
  };
  const qde = (origin: string, start: number, end: number) => `<?xml version="1.0" encoding="utf-8"?>
<qda:Project xmlns:qda="urn:QDA-XML:project:1.0" name="x" origin="${origin}">
<qda:CodeBook><qda:Codes>
 <qda:Code guid="${G.folder}" name="Geopolitics" isCodable="false">
  <qda:Code guid="${G.code}" name="Arms trade" isCodable="true" color="#f0a"><qda:Description><![CDATA[Drones & <missiles>]]></qda:Description>
   <qda:Code guid="${G.child}" name="Drones" isCodable="true"/></qda:Code>
 </qda:Code></qda:Codes></qda:CodeBook>
<qda:Sources><qda:TextSource guid="${G.source}" name="interview.txt" plainTextPath="internal://${G.source}.txt">
 <qda:PlainTextSelection guid="${G.source.replace('04', '06')}" startPosition="${start}" endPosition="${end}">
  <qda:Description>memo from the tool</qda:Description>
  <qda:Coding guid="${G.source.replace('04', '07')}"><qda:CodeRef targetGUID="${G.code.toLowerCase()}"/></qda:Coding>
  <qda:Coding guid="${G.source.replace('04', '08')}"><qda:CodeRef targetGUID="${G.child}"/></qda:Coding>
  <qda:NoteRef targetGUID="${G.note}"/>
 </qda:PlainTextSelection></qda:TextSource></qda:Sources>
<qda:Notes><qda:Note guid="${G.note}"><qda:PlainTextContent>first line&#10;second &#x1F600;</qda:PlainTextContent></qda:Note></qda:Notes>
</qda:Project>`;
  // CRLF line endings and a byte-order mark, as Windows tools write them.
  const text = '\uFEFFQ: Why?\r\nA: Drones 🛩 and more.\r\n';
  const archive = (origin: string, start: number, end: number) =>
    zipSync({ 'project.qde': strToU8(qde(origin, start, end)), [`Sources/${G.source}.txt`]: strToU8(text) });

  it('counts "\\r\\n" as two positions, as most tools do, and quotes with LF', () => {
    const parsed = parseQdpx(archive('MAXQDA 2022', 8, 30));
    // The folder (isCodable="false") is kept as a tag so its codes keep their place, and the change is reported.
    expect(parsed.tags.map((t) => t.name)).toEqual(['Geopolitics', 'Arms trade', 'Drones']);
    expect(parsed.changes?.[0]?.what).toBe('“Geopolitics” became a tag');
    expect(parsed.tags[1]).toMatchObject({ name: 'Arms trade', color: '#ff00aa', description: 'Drones & <missiles>' });
    const [p] = parsed.passages;
    expect(p).toMatchObject({ quote: { exact: '\nA: Drones 🛩 and more.', prefix: 'Q: Why?' }, tagNames: ['Arms trade', 'Drones'] });
    expect(p!.note).toBe('first line\nsecond 😀\n\nmemo from the tool');
    expect(p!.source).toEqual({ fileName: 'interview.txt', title: 'interview.txt' });
    // In UTF-16 units of the tool's own (LF) text, with that text's hash: it picks an occurrence only
    // in a document with that very text, and is a hint elsewhere.
    expect(p!.position).toEqual({ start: 7, end: 30 });
    expect(p!.positionIn).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(p!.id).toBeUndefined();
  });

  it('passes on passages it cannot quote (outside the text, or in a file not in the archive) with no quote, to be reported', () => {
    expect(parseQdpx(archive('MAXQDA 2022', 8, 999)).passages[0]).toMatchObject({ quote: { exact: '' }, tagNames: ['Arms trade', 'Drones'] });
    const external = zipSync({ 'project.qde': strToU8(qde('NVivo 14', 8, 30).replace(/internal:\/\/[^"]+/, 'relative:///interview.txt')) });
    expect(parseQdpx(external).passages).toMatchObject([{ quote: { exact: '' }, source: { title: 'interview.txt' } }]);
  });

  it('counts "\\r\\n" as one position for ATLAS.ti', () => {
    expect(parseQdpx(archive('ATLAS.ti 23', 7, 29)).passages[0]!.quote.exact).toBe('\nA: Drones 🛩 and more.');
  });
});

describe('parseQdpx and parseQdc refuse what they cannot read, in plain words', () => {
  const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
  const cases: [string, () => unknown, RegExp][] = [
    ['empty file', () => parseQdpx(new Uint8Array()), /not a readable zip/],
    ['not a zip', () => parseQdpx(strToU8('<Project/>')), /not a readable zip/],
    ['zip without project.qde', () => parseQdpx(zip({ 'readme.txt': 'hi' })), /no project\.qde/],
    ['project.qde not XML', () => parseQdpx(zip({ 'project.qde': 'name,quote\n1,2' })), /not well-formed XML/],
    ['project.qde cut short', () => parseQdpx(zip({ 'project.qde': '<Project name="x"><Users>' })), /not well-formed XML/],
    ['project.qde not UTF-8', () => parseQdpx(zipSync({ 'project.qde': new Uint8Array([0x3c, 0xff, 0xfe, 0x41]) })), /not UTF-8/],
    ['codebook inside a .qdpx', () => parseQdpx(zip({ 'project.qde': renderQdc(DEFAULT_TAGS, NOW) })), /root element is <CodeBook>, not <Project>/],
    ['.qdc not XML', () => parseQdc('just words'), /not well-formed XML/],
    ['project file given as .qdc', () => parseQdc('<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>'), /root element is <Project>, not <CodeBook>/],
  ];
  it.each(cases)('%s', (_name, run, words) => expectInvalid(run, words));
});
