// W3C Web Annotation export and import: a round trip through an empty data dir, other tools' files, bad input.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { AnnotationService } from '../../src/main/core/annotation-service';
import { CodebookService } from '../../src/main/core/codebook-service';
import { CorpusService } from '../../src/main/core/corpus-service';
import { AnnotationStore } from '../../src/main/store/annotation-store';
import { TagStore } from '../../src/main/store/tag-store';
import { selectPassages } from '../../src/main/export/select';
import { DEFAULT_OPTIONS, type ExportSet } from '../../src/main/export/types';
import { ImportService } from '../../src/main/core/import/import-service';
import { renderWebAnnotation } from '../../src/main/interop/webanno-export';
import { MAX_CHOICE_DEPTH, MAX_HTML_BODY, parseWebAnnotation } from '../../src/main/interop/webanno-import';
import type { ParsedImport } from '../../src/main/interop/types';
import { GlossatorError } from '../../src/shared/result';
import type { GlossDocument, ImportReport, PlacedAnnotation } from '../../src/shared/types';
import type { Method } from '../../src/shared/contract';
import { call as callCore, SEED_CORPUS, value, type ArgsOf } from './support/core-harness';

const FIXTURES = join(process.cwd(), 'test/fixtures/webanno');
const DOC = ['000_4ab67b766fb33eed', '001_05282a48bb000cda', '002_01fb20c1ab9eae2c', '003_520b40829e764d2b', '004_602bfc5574c20f0a'];
const clock = { now: () => new Date('2026-11-22T10:00:00Z') };
const NOW = new Date('2026-11-23T08:30:00Z');

const temps: string[] = [];
const cores: Core[] = [];
async function temp(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `glossator-webanno-${prefix}-`));
  temps.push(dir);
  return dir;
}
async function coreOn(dataDir: string, corpusDir = SEED_CORPUS): Promise<Core> {
  const core = await createCore({ dataDir, corpusDir, clock });
  cores.push(core);
  return core;
}
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.flush()));
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const call = <M extends Method>(core: Core, method: M, ...args: ArgsOf<M>) => value(callCore(core, method, ...args));

/** Tags the passage quoting `exact` (its `nth` occurrence) in a document. */
async function tag(core: Core, docId: string, exact: string, tagIds: string[], note?: string, nth = 0) {
  const text = (await call(core, 'getDocument', { docId })).text;
  let start = text.indexOf(exact);
  for (let i = 0; i < nth; i++) start = text.indexOf(exact, start + 1);
  expect(start).toBeGreaterThanOrEqual(0);
  return call(core, 'createAnnotation', { docId, start, end: start + exact.length, exact, tagIds, note });
}

async function exportSet(core: Core): Promise<ExportSet> {
  const all = [...core.corpus.all()];
  const annotations = (await Promise.all(all.map((d) => call(core, 'listAnnotations', { docId: d.id })))).flat();
  const { documents, passages } = selectPassages({ documents: all, annotations, options: DEFAULT_OPTIONS });
  const tags = await call(core, 'listTags', {});
  return { documents, passages, tags, options: DEFAULT_OPTIONS, now: NOW, generator: { name: 'Glossator', version: '0.1.0' } };
}

/** The import service built from the same pieces core.ts composes; flushed before anything else opens the dir. */
async function importInto(dataDir: string, parsed: ParsedImport, corpusDir = SEED_CORPUS): Promise<ImportReport> {
  const corpus = await CorpusService.open(corpusDir);
  const store = new AnnotationStore({ dataDir, corpusKey: 'default' });
  const tags = new TagStore({ dataDir });
  const annotations = new AnnotationService(corpus, store, tags, clock, randomUUID);
  const codebook = new CodebookService({ tags, store, corpus, clock });
  const service = new ImportService({ corpus, annotations, store, tags, codebook, newId: randomUUID, clock });
  const report = await service.apply(parsed, 'jsonld');
  await Promise.all([store.flush(), tags.flush()]);
  return report;
}

/** What an analyst sees of every passage: document, place, quote, tag names, note, dates. */
async function observed(core: Core) {
  const names = new Map((await call(core, 'listTags', {})).map((t) => [t.id, t.name]));
  const rows = [];
  for (const doc of core.corpus.all()) {
    for (const a of await call(core, 'listAnnotations', { docId: doc.id })) {
      const { id, docId, range, state, note, created, modified } = a;
      rows.push({ id, docId, range, state, exact: a.target.quote.exact, tags: a.tagIds.map((t) => names.get(t)), note, created, modified });
    }
  }
  return rows;
}

async function files(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name)] = await readFile(join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

// Parsed output is probed field by field; the assertions are the type check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- probes arbitrary JSON-LD shapes the schema does not type
type Json = Record<string, any>;
const itemsOf = (json: string): Json[] => (JSON.parse(json) as Json).first?.items ?? [];

describe('round trip through an empty data dir', () => {
  let source: Core;
  let rendered: string;
  beforeEach(async () => {
    source = await coreOn(await temp('a'));
    const custom = await call(source, 'createTag', { name: 'Convenience', color: '#cc79a7' });
    await tag(source, DOC[0]!, 'strategic cooperation between Russia and Iran will persist', ['cooperation'], 'persist!');
    await tag(source, DOC[0]!, 'Iran has expressed solidarity with Russia’s security concerns, but has refused to support the invasion', ['hedging', 'friction']);
    await tag(source, DOC[1]!, 'partners of convenience', [custom.id, 'cooperation'], 'First thought.\n\nSecond thought, “quoted”.');
    await tag(source, DOC[3]!, 'The current relationship between Moscow and Tehran cannot be described as a strategic partnership.', [], 'Untagged, with a note');
    await tag(source, DOC[4]!, 'firmly transactional', []);
    rendered = renderWebAnnotation(await exportSet(source));
  });

  it('gives back the same passages, ids and dates, and a second import changes nothing', async () => {
    const target = await temp('b');
    const first = await importInto(target, parseWebAnnotation(rendered));
    expect(first).toEqual({ format: 'jsonld', imported: 5, merged: 0, unmatched: [], tagsAdded: ['Convenience'], changes: [], coders: [] });
    const before = await files(target);
    const again = await importInto(target, parseWebAnnotation(rendered));
    expect(again).toEqual({ format: 'jsonld', imported: 0, merged: 5, unmatched: [], tagsAdded: [], changes: [], coders: [] });
    expect(await files(target)).toEqual(before);

    const copy = await coreOn(target);
    const [want, got] = [await observed(source), await observed(copy)];
    expect(got).toEqual(want);
    expect(got.map((p) => p.tags)).toContainEqual(['Hedging', 'Friction']);
    expect(got.every((p) => p.state === 'anchored')).toBe(true);
  });

  it('is W3C-shaped JSON-LD: collection, embedded page, annotations, bodies, selectors in code points', async () => {
    const doc = JSON.parse(rendered) as Json;
    expect(doc).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'urn:glossator:export:2026-11-23T08:30:00.000Z',
      type: 'AnnotationCollection',
      total: 5,
      first: { type: 'AnnotationPage', partOf: doc.id, startIndex: 0 },
    });
    expect(typeof doc.label).toBe('string');
    expect(doc.first['@context']).toBeUndefined(); // §5.2: an embedded page SHOULD NOT repeat it
    const texts = new Map(source.corpus.all().map((d) => [`urn:glossator:doc:${d.id}`, d.text]));
    for (const a of doc.first.items as Json[]) {
      expect(a.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(a.type).toBe('Annotation');
      expect(['tagging', 'commenting', 'highlighting']).toContain(a.motivation);
      expect(a.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(a.generator).toMatchObject({ type: 'Software', name: 'Glossator' });
      for (const b of a.body ?? []) {
        expect(b.type).toBe('TextualBody');
        expect(['tagging', 'commenting']).toContain(b.purpose);
        expect(typeof b.value).toBe('string');
      }
      if (a.body?.some((b: Json) => b.purpose === 'commenting')) expect(a.motivation).toBe('commenting');
      expect(a.target).toMatchObject({ type: 'SpecificResource', source: { type: 'Text', format: 'text/plain' } });
      const text = texts.get(a.target.source.id)!;
      expect(text).toBeDefined();
      const [quote, position] = a.target.selector as [Json, Json];
      expect(quote).toMatchObject({ type: 'TextQuoteSelector', exact: expect.any(String), prefix: expect.any(String), suffix: expect.any(String) });
      expect(position.type).toBe('TextPositionSelector');
      expect([...text].slice(position.start, position.end).join('')).toBe(quote.exact);
    }
    const highlight = (doc.first.items as Json[]).find((a) => a.motivation === 'highlighting')!;
    // No tag, no note: an empty list of bodies, which expands to nothing in JSON-LD yet keeps Recogito's parser from throwing.
    expect(highlight.body).toEqual([]);
  });
});

describe('export details', () => {
  const doc: GlossDocument = {
    id: 'synthetic',
    title: 'Synthetic',
    author: null,
    publisher: null,
    date: null,
    url: 'https://example.org/synthetic',
    source: 'synthetic.txt',
    text: 'Talks 🇮🇷🤝🇷🇺 went well. The 🛢️ oil deal was signed in Tehran.',
    blocks: [],
    contentHash: 'sha256:x',
    normaliser: 'glossator-text/1',
    wordCount: 10,
  };
  const placed = (id: string, start: number, end: number, range: boolean): PlacedAnnotation => ({
    id,
    docId: doc.id,
    target: { position: { start, end }, quote: { exact: doc.text.slice(start, end), prefix: 'p', suffix: 's' }, contentHash: 'sha256:old' },
    tagIds: ['t1', 'gone'],
    note: '',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-02T00:00:00.000Z',
    state: range ? 'anchored' : 'needs-review',
    range: range ? { start, end } : null,
  });
  const set = (passages: PlacedAnnotation[]): ExportSet => ({
    documents: [doc],
    tags: [{ id: 't1', name: 'Energy', color: '#000000', description: '', shortcut: null, parentId: null, order: 0 }],
    passages,
    options: DEFAULT_OPTIONS,
    now: NOW,
    generator: { name: 'Glossator', version: '9.9.9' },
  });
  const start = doc.text.indexOf('oil deal');

  it('counts TextPositionSelector offsets in code points, and stays deterministic', () => {
    const out = renderWebAnnotation(set([placed('0e9b7d54-31a8-4c6f-8e2d-b5f4a9c1d7e3', start, start + 8, true)]));
    expect(renderWebAnnotation(set([placed('0e9b7d54-31a8-4c6f-8e2d-b5f4a9c1d7e3', start, start + 8, true)]))).toBe(out);
    const [a] = itemsOf(out);
    const codePoints = [...doc.text.slice(0, start)].length;
    expect(codePoints).toBe(start - 6); // five flag/handshake code points and the barrel, each a surrogate pair
    expect(a!.target.selector[1]).toEqual({ type: 'TextPositionSelector', start: codePoints, end: codePoints + 8 });
    expect(a!.body).toEqual([{ type: 'TextualBody', purpose: 'tagging', value: 'Energy' }]); // unknown tag id dropped
    expect(a!.target.source).toEqual({
      id: 'urn:glossator:doc:synthetic',
      type: 'Text',
      format: 'text/plain',
      'dcterms:title': 'Synthetic',
      'dcterms:identifier': 'synthetic.txt',
      'dcterms:source': { id: 'https://example.org/synthetic' },
    });
  });

  it('offers UTF-16 offsets as an option and says on the collection which unit it counts', () => {
    const one = [placed('0e9b7d54-31a8-4c6f-8e2d-b5f4a9c1d7e3', start, start + 8, true)];
    const points = JSON.parse(renderWebAnnotation(set(one))) as Json;
    expect(points['dcterms:description']).toMatch(/Unicode code points/);
    const units = JSON.parse(renderWebAnnotation({ ...set(one), options: { ...DEFAULT_OPTIONS, offsets: 'utf16' } })) as Json;
    expect(units['dcterms:description']).toMatch(/UTF-16 code units/);
    const a = units.first.items[0] as Json;
    expect(a.target.selector[1]).toEqual({ type: 'TextPositionSelector', start, end: start + 8 });
    expect(doc.text.slice(a.target.selector[1].start, a.target.selector[1].end)).toBe('oil deal');
  });

  it.each([
    { name: 'no coder identity yet', coders: undefined, coderId: undefined, creator: undefined },
    { name: "this machine's coder", coders: [{ id: 'ana-1f', name: 'Ana' }], coderId: undefined, creator: { id: 'urn:glossator:coder:ana-1f', type: 'Person', name: 'Ana', nickname: 'ana-1f' } },
    { name: "a teammate's passage", coders: [{ id: 'ana-1f', name: 'Ana' }, { id: 'ben-2c', name: 'Ben' }], coderId: 'ben-2c', creator: { id: 'urn:glossator:coder:ben-2c', type: 'Person', name: 'Ben', nickname: 'ben-2c' } },
    { name: 'a coder the export does not list', coders: [{ id: 'ana-1f', name: 'Ana' }], coderId: 'cy 3', creator: { id: 'urn:glossator:coder:cy%203', type: 'Person', name: 'cy 3', nickname: 'cy 3' } },
  ])('names the coder as the creator: $name, and our import reads it back', ({ coders, coderId, creator }) => {
    const one = { ...placed('0e9b7d54-31a8-4c6f-8e2d-b5f4a9c1d7e3', start, start + 8, true), ...(coderId ? { coderId } : {}) };
    const out = renderWebAnnotation({ ...set([one]), ...(coders ? { coders } : {}) });
    const [a] = itemsOf(out);
    expect(a!.creator).toEqual(creator);
    const back = parseWebAnnotation(out).passages[0]!;
    expect(back.creator).toEqual(creator ? { id: creator.id, name: creator.name } : undefined);
  });

  it("writes a passage with no tag and no note so Recogito's own W3C parser reads it instead of throwing", async () => {
    // @recogito/text-annotator's parseW3CTextAnnotation runs in Node: the real consumer, not a copy of its checks.
    const { parseW3CTextAnnotation } = await import('@recogito/text-annotator');
    const bare = { ...placed('0e9b7d54-31a8-4c6f-8e2d-b5f4a9c1d7e3', start, start + 8, true), tagIds: [] };
    const [a] = itemsOf(renderWebAnnotation({ ...set([bare]), options: { ...DEFAULT_OPTIONS, offsets: 'utf16' } }));
    expect(a!.motivation).toBe('highlighting');
    const withoutBody = { ...a!, body: undefined };
    expect(() => parseW3CTextAnnotation(withoutBody as never)).toThrow(); // what a missing body does to it
    const { parsed, error } = parseW3CTextAnnotation(a as never);
    expect(error).toBeUndefined();
    expect(parsed?.bodies).toEqual([]);
    expect(parsed?.target.selector).toEqual([{ quote: 'oil deal', start, end: start + 8 }]);
  });

  it('gives a passage that needs review only its stored quote, and an empty export no page', () => {
    const [a] = itemsOf(renderWebAnnotation(set([placed('r1', start, start + 8, false)])));
    expect(a!.target.selector).toEqual([{ type: 'TextQuoteSelector', exact: 'oil deal', prefix: 'p', suffix: 's' }]);
    expect(a!.id).toBe('urn:glossator:annotation:r1');
    const empty = JSON.parse(renderWebAnnotation(set([]))) as Json;
    expect(empty.total).toBe(0);
    expect(empty.first).toBeUndefined(); // §5.2: a page must hold at least one annotation
  });
});

describe('code points across a real import', () => {
  it('places a passage whose only distinguishing evidence is its position, after emoji', async () => {
    const corpusDir = await temp('emoji-corpus');
    const unit = 'The same sentence appears here again and again for the test. ';
    await writeFile(join(corpusDir, 'emoji.txt'), `Talks 🙂 and 🇮🇷🤝🇷🇺 went well.\n\n${unit.repeat(6).trim()}\n\nThe 🛢️ oil deal was signed.\n`);
    const source = await coreOn(await temp('emoji-a'), corpusDir);
    const docId = source.corpus.all()[0]!.id;
    // The 4th of six identical sentences: 32 characters of context either side are the same for the 2nd to 5th.
    const fourth = await tag(source, docId, 'sentence appears here', ['cooperation'], undefined, 3);
    const oil = await tag(source, docId, 'oil deal', ['friction']);
    const json = renderWebAnnotation(await exportSet(source));
    const tps = itemsOf(json).map((a) => a.target.selector[1]);
    expect(tps.map((s) => s.start)).toEqual([fourth.range!.start - 6, oil.range!.start - 7]);

    const target = await temp('emoji-b');
    expect(await importInto(target, parseWebAnnotation(json), corpusDir)).toMatchObject({ imported: 2, unmatched: [] });
    const copy = await coreOn(target, corpusDir);
    expect(await observed(copy)).toEqual(await observed(source));
  });
});

describe("other tools' exports", () => {
  const fixture = async (name: string) => parseWebAnnotation(await readFile(join(FIXTURES, name), 'utf8'));

  it('imports a Hypothesis export: places what it can, merges a colleague’s duplicate, lists the rest with reasons', async () => {
    const target = await temp('hyp');
    const report = await importInto(target, await fixture('hypothesis-export.json'));
    expect(report).toMatchObject({ imported: 3, merged: 1, tagsAdded: ['Ukraine war'] });
    expect(report.unmatched.map((u) => u.reason)).toEqual([
      'its target has no selector: a note on the whole page (a Hypothesis page note), not on a passage in it',
      'it is a reply to another annotation, not a note on a passage',
      'no document in this corpus matches its source, and its quote was not found in any document',
    ]);
    expect(report.unmatched[2]).toMatchObject({ quote: 'The Kremlin has never treated Tehran as an equal partner.' });

    const copy = await coreOn(target);
    const rows = await observed(copy);
    expect(rows.map((r) => [r.docId, r.tags])).toEqual([
      [DOC[0], ['Friction', 'Ukraine war']],
      [DOC[1], ['Cooperation', 'Hedging', 'Friction']],
      [DOC[4], ['Cooperation']],
    ]);
    expect(rows[0]).toMatchObject({ created: '2026-10-02T14:21:07.512Z', modified: '2026-10-02T14:23:40.100Z', state: 'anchored' });
    expect(rows[1]!.note).toBe('Note the hedge: “partners of convenience”, not allies.');
    // Hypothesis ids are not UUIDs, so each passage gets a fresh one.
    expect(rows.every((r) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(r.id))).toBe(true);

    const before = await files(target);
    expect(await importInto(target, await fixture('hypothesis-export.json'))).toMatchObject({ imported: 0, merged: 4, tagsAdded: [] });
    expect(await files(target)).toEqual(before);
  });

  it('imports a Recogito export: HTML bodies become plain text, ids are kept, ambiguous quotes are listed', async () => {
    const target = await temp('rec');
    const report = await importInto(target, await fixture('recogito-export.json'));
    expect(report).toMatchObject({ imported: 2, merged: 0, tagsAdded: ['Tactical'] });
    expect(report.unmatched).toEqual([
      { quote: 'Joint Comprehensive Plan of Action', source: 'unknown source', reason: 'it names no document, and its quote occurs in 4 documents' },
      {
        quote: 'Iranian leaders remain deeply suspicious of Russia – a sentiment rooted in a history of betrayal',
        source: 'Suspicious bind: Iran’s relationship with Russia',
        reason: expect.stringContaining('quote occurs in several places (2)'),
      },
    ]);
    const rows = await observed(await coreOn(target));
    expect(rows.map((r) => [r.docId, r.id, r.tags, r.note])).toEqual([
      [DOC[2], '0e9b7d54-31a8-4c6f-8e2d-b5f4a9c1d7e3', ['Hedging', 'Tactical'], 'Opportunism rather than alignment.'],
      [DOC[3], 'c4a1d6a2-5f0e-4b8e-9d3c-2a7f61e0b9d4', ['Tactical'], 'The authors\' core claim: tactical, not strategic.\n\nCompare <ECFR> & GIF.'],
    ]);
  });

  it('creates declared tags with their colour, or the next unused palette colour', async () => {
    const target = await temp('tags');
    const report = await importInto(target, {
      tags: [{ name: 'Sanctions', color: '#123ABC', description: 'Measures' }, { name: 'Energy', color: 'red' }, { name: ' HEDGING ' }],
      passages: [],
    });
    expect(report.tagsAdded).toEqual(['Sanctions', 'Energy']);
    const tags = await call(await coreOn(target), 'listTags', {});
    expect(tags.slice(3).map((t) => [t.name, t.color, t.description])).toEqual([
      ['Sanctions', '#123abc', 'Measures'],
      ['Energy', '#cc3d7a', ''],
    ]);
  });
});

describe('reading files', () => {
  const malformed: [string, string][] = [
    ['not JSON', '{"type": "Annotation",'],
    ['a number', '42'],
    ['null', 'null'],
    ['a list of numbers', '[1, 2]'],
    ['a list of other objects', '[{"name": "not an annotation"}]'],
    ['an object of another kind', '{"hello": "world"}'],
    ['a collection whose pages are elsewhere', '{"type": "AnnotationCollection", "total": 3, "first": "https://example.org/page1"}'],
    ['a collection claiming items it lacks', '{"type": "AnnotationCollection", "total": 2}'],
    ['a page without items', '{"type": "AnnotationPage", "items": "none"}'],
    ['a page continuing elsewhere', '{"type": "AnnotationPage", "items": [{"type": "Annotation", "target": "x"}], "next": "https://example.org/p2"}'],
  ];
  it.each(malformed)('refuses %s with a typed error in plain words', (_name, json) => {
    let caught: unknown;
    try {
      parseWebAnnotation(json);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(GlossatorError);
    expect((caught as GlossatorError).code).toBe('invalid-argument');
    expect((caught as GlossatorError).message).toMatch(/W3C Web Annotation.*Hypothesis/);
  });

  it('reads one annotation, a page, a Hypothesis API answer, string and Choice bodies', () => {
    const target = { source: 'urn:glossator:doc:x', selector: { type: 'TextQuoteSelector', exact: 'q' } };
    const one = parseWebAnnotation(JSON.stringify({ type: 'Annotation', motivation: 'tagging', bodyValue: 'Energy', target }));
    expect(one.passages).toEqual([{ id: undefined, source: { uri: 'urn:glossator:doc:x' }, quote: { exact: 'q', prefix: '', suffix: '' }, tagNames: ['Energy'], note: '', created: undefined, modified: undefined, sourceKey: 'urn:glossator:doc:x' }]);
    const choice = { type: 'Choice', items: [{ type: 'TextualBody', value: 'English' }, { type: 'TextualBody', value: 'Français' }] };
    const page = parseWebAnnotation(JSON.stringify({ type: 'AnnotationPage', items: [{ type: 'Annotation', body: [choice, 'https://example.org/c1'], target }] }));
    expect(page.passages[0]!.note).toBe('English\n\nhttps://example.org/c1');
    const api = parseWebAnnotation(JSON.stringify({ total: 1, rows: [{ uri: 'https://e.org/a', text: 'n', tags: ['A', 'a'], target: [{ source: 'https://e.org/a' }] }] }));
    expect(api.passages[0]).toMatchObject({ source: { uri: 'https://e.org/a' }, quote: { exact: '' }, tagNames: ['A'], note: 'n' });
    expect(api.tags).toEqual([{ name: 'A' }]);
  });
});

// ---- HTML bodies and hostile structure ----------------------------------------------------------

/** One annotation whose body is `value` in `format`, as a file would hold it. */
const withBody = (value: string, format = 'text/html') =>
  JSON.stringify({ type: 'Annotation', body: { type: 'TextualBody', value, format }, target: { source: 'urn:x', selector: { type: 'TextQuoteSelector', exact: 'q' } } });
/** A Choice `depth` levels deep around one textual body, written as text: no recursion to build it. */
const nestedChoice = (depth: number) =>
  JSON.stringify({ type: 'Annotation', target: 'urn:x', body: 'BODY' }).replace(
    '"BODY"',
    `${'{"type":"Choice","items":['.repeat(depth)}{"type":"TextualBody","value":"deep"}${']}'.repeat(depth)}`,
  );
function refusal(run: () => unknown): GlossatorError {
  try {
    run();
  } catch (e) {
    if (e instanceof GlossatorError) return e;
    throw new Error(`expected a GlossatorError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a refusal');
}

describe('HTML bodies become plain text', () => {
  it.each([
    ['paragraphs', '<p>One</p><p>Two</p>', 'One\n\nTwo'],
    ['unclosed paragraphs', '<p>One<p>Two', 'One\n\nTwo'],
    ['line breaks', 'a<br>b<br/>c<BR />d', 'a\nb\nc\nd'],
    ['inline markup', '<b>bold</b> and <a href="https://e.org">a link</a>', 'bold and a link'],
    ['entities', '&lt;b&gt; &amp; &quot;x&quot; &#8217; &#x1F600; &eacute;', '<b> & "x" ’ 😀 é'],
    ['a bad numeric reference', 'a&#xD800;b', 'a\ufffdb'],
    ['scripts, styles, templates and comments', 'a<script>x<y</script><style>p{}</style><template><p>t</p></template><!-- c -->b', 'ab'],
    ['a script never closed', 'a<script>alert(1)', 'a'],
    ['a comment never closed', 'a<!-- rest', 'a'],
    ['trailing spaces on lines', '<div>a   </div>\t<div>b</div>', 'a\n\nb'],
    ['text that only looks like HTML', 'if a < b and c > d', 'if a < b and c > d'],
  ])('%s', (_what, html, expected) => {
    expect(parseWebAnnotation(withBody(html)).passages[0]!.note).toBe(expected);
  });

  it('keeps a body that is not HTML exactly as written', () => {
    expect(parseWebAnnotation(withBody('<p>kept</p>', 'text/plain')).passages[0]!.note).toBe('<p>kept</p>');
  });
});

describe('hostile JSON-LD cannot hold the import up or crash it', () => {
  // Before: regular expressions over the body, whose cost grew with the square of its length
  // (1.2 MB of "<!--" ran past 300 s), and recursion through Choice ("Maximum call stack size
  // exceeded"). The 30 s budget is a net for a hang (the old code took minutes), over 50 times what any input takes; the figure
  // printed is what it took.
  const half = MAX_HTML_BODY - 16;
  const bomb = (unit: string) => unit.repeat(Math.floor(half / unit.length));
  const inputs: [string, string, string][] = [
    ['"<!--" repeated', bomb('<!--'), ''],
    ['"<script" repeated', bomb('<script'), ''],
    ['"<script>" without an end', bomb('<script>'), ''],
    ['"<a" repeated (an open tag never ended)', bomb('<a'), ''],
    ['"</p" repeated', bomb('</p'), ''],
    ['"&#" repeated', bomb('&#'), '&#'.repeat(Math.floor(half / 2))],
    ['nested <div>s', bomb('<div>'), ''],
    ['nested <div>s closed by other tags', `${'<div>'.repeat(50_000)}${'</span>'.repeat(35_000)}x`, 'x'],
    ['spaces without a line end', `${' '.repeat(half - 1)}x`, 'x'],
    ['spaces before each line end', bomb(' \t \n'), ''],
  ];
  it.each(inputs)('%s: read once, to the expected text', (_what, html, expected) => {
    const started = performance.now();
    const note = parseWebAnnotation(withBody(html)).passages[0]!.note;
    console.log(`${_what}: ${html.length.toLocaleString('en')} characters read in ${(performance.now() - started).toFixed(0)} ms`);
    expect(note).toBe(expected.trim());
  }, 30_000);

  it(`refuses an HTML body over ${MAX_HTML_BODY.toLocaleString('en')} characters with a clear message`, () => {
    const started = performance.now();
    const error = refusal(() => parseWebAnnotation(withBody('<!--'.repeat(300_000))));
    console.log(`1.2 MB "<!--" body refused in ${(performance.now() - started).toFixed(0)} ms: ${error.message.slice(0, 120)}`);
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toMatch(/^Annotation 1: An HTML body holds 1,200,000 characters; Glossator reads bodies of at most 500,000/);
  }, 30_000);

  it.each([1, MAX_CHOICE_DEPTH])('reads a Choice nested %i deep to its default body', (depth) => {
    expect(parseWebAnnotation(nestedChoice(depth)).passages[0]!.note).toBe('deep');
  });

  it.each([MAX_CHOICE_DEPTH + 1, 100_000])('refuses a Choice nested %i deep in plain words, not a stack overflow', (depth) => {
    const error = refusal(() => parseWebAnnotation(nestedChoice(depth)));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toMatch(new RegExp(`^Annotation 1: Its body nests a Choice within a Choice more than ${MAX_CHOICE_DEPTH} levels deep`));
  });

  it('reports the count of hostile inputs', () => {
    console.log(`hostile JSON-LD inputs: ${inputs.length} HTML bodies read, 1 oversized body and 2 deep Choices refused`);
    expect(inputs.length).toBeGreaterThan(0);
  });
});
