// Corpus loader tests: the real seed folder and its manifest, derived metadata, manifest errors, unreadable files.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { countWords, hashText, idOf, loadCorpus, loadDocument, MANIFEST_FILE, type Manifest } from '../../src/main/corpus/corpus';
import { hashedId } from '../../src/main/corpus/doc-id';
import { deriveMeta, shorten } from '../../src/main/corpus/meta';
import { NORMALISER_VERSION, normalise } from '../../src/main/corpus/normalise';
import type { GlossDocument } from '../../src/shared/types';

const CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/documents/', import.meta.url));

/** The documents of a folder that must load without problems. */
async function documentsOf(dir: string): Promise<GlossDocument[]> {
  const { documents, problems } = await loadCorpus(dir);
  expect(problems).toEqual([]);
  return documents;
}

/**
 * Content hashes per normaliser version. A failure here with an unchanged version means the
 * normaliser's output changed without a version bump: bump NORMALISER_VERSION, then pin anew.
 */
const PINNED_HASHES: Record<string, Record<string, string>> = {
  'glossator-text/1': {
    '000_4ab67b766fb33eed': 'sha256:6e573afda663a3fd33e6ec93f26b00efb5a198d600b4bbeb666eb2c839ff33dc',
    '001_05282a48bb000cda': 'sha256:e95063a521cd9d6b3337683ba22046d96bef53763914544ad3475943e3b49a70',
    '002_01fb20c1ab9eae2c': 'sha256:0d896122759b3a615e087358dbc45a86db9af21062ca703efc758b35e90ec1aa',
    '003_520b40829e764d2b': 'sha256:8e5a9cef6e02d5d15d859ea0840d23eedb2627b3e62f9ef87637be7bfc143dbe',
    '004_602bfc5574c20f0a': 'sha256:3dac2cc975fe2c7bfaf95b2ecf5cdacab361e6d2d3631e4bf5b7ecb045da98b8',
  },
  // 2: only 002 changes (a sentence a pull-quote was printed inside is one paragraph again).
  'glossator-text/2': {
    '000_4ab67b766fb33eed': 'sha256:6e573afda663a3fd33e6ec93f26b00efb5a198d600b4bbeb666eb2c839ff33dc',
    '001_05282a48bb000cda': 'sha256:e95063a521cd9d6b3337683ba22046d96bef53763914544ad3475943e3b49a70',
    '002_01fb20c1ab9eae2c': 'sha256:c1225fde73ccf30ed171165b9b7c5a4b324219a8e36cb6b2dfe894868a7cf86f',
    '003_520b40829e764d2b': 'sha256:8e5a9cef6e02d5d15d859ea0840d23eedb2627b3e62f9ef87637be7bfc143dbe',
    '004_602bfc5574c20f0a': 'sha256:3dac2cc975fe2c7bfaf95b2ecf5cdacab361e6d2d3631e4bf5b7ecb045da98b8',
  },
};

const EXPECTED = [
  ['000_4ab67b766fb33eed', 'Russo-Iranian Alignment Will Continue Despite Differences', 'Samuel Ramani', 'Gulf International Forum'],
  ['001_05282a48bb000cda', 'Suspicious bind: Iran’s relationship with Russia', 'Faezeh Foroutan', 'European Council on Foreign Relations'],
  ['002_01fb20c1ab9eae2c', 'Iran’s stance on the Ukraine crisis and its ties with Russia', null, null],
  ['003_520b40829e764d2b', 'Russia and Iran: a tactical rather than strategic rapprochement', null, null],
  ['004_602bfc5574c20f0a', 'Russia–Iran relations after Putin’s visit to Tehran', null, null],
];

describe('loadCorpus on the seed corpus', () => {
  it('loads the five seeds, sorted by file name, with manifest metadata', async () => {
    const docs = await documentsOf(CORPUS);
    expect(docs.map((d) => [d.id, d.title, d.author, d.publisher])).toEqual(EXPECTED);
    for (const d of docs) {
      expect(d.source).toBe(`${d.id}.txt`);
      expect(d.normaliser).toBe(NORMALISER_VERSION);
      expect(d.contentHash).toBe(hashText(d.text));
      expect(d.wordCount).toBe(countWords(d.text));
      expect(d.wordCount).toBeGreaterThan(500);
    }
  });

  it('gives stable content hashes for the current normaliser version', async () => {
    const docs = await documentsOf(CORPUS);
    const pinned = PINNED_HASHES[NORMALISER_VERSION];
    expect(pinned, `pin the hashes for ${NORMALISER_VERSION}`).toBeDefined();
    expect(Object.fromEntries(docs.map((d) => [d.id, d.contentHash]))).toEqual(pinned);
    expect((await documentsOf(CORPUS)).map((d) => d.contentHash)).toEqual(docs.map((d) => d.contentHash));
  });

  it('takes titles, authors and publishers from the manifest only where the text names them', async () => {
    const manifest = JSON.parse(await readFile(join(CORPUS, MANIFEST_FILE), 'utf8')) as Manifest;
    const docs = await documentsOf(CORPUS);
    expect(manifest.documents.map((e) => e.source)).toEqual(docs.map((d) => d.source));
    for (const e of manifest.documents) {
      const text = docs.find((d) => d.source === e.source)?.text ?? '';
      const named = [e.titleSource === 'text' ? e.title : null, e.author, e.publisher].filter((s) => s !== null);
      for (const s of named) expect(text, `${e.source} should contain "${s}"`).toContain(s);
      expect(e.provenance).toBe(`shared/seeds/${e.source}`);
    }
  });

  it('derives the same author and publisher as the manifest where the seeds name them', async () => {
    for (const d of (await documentsOf(CORPUS)).filter((x) => x.author !== null)) {
      const derived = deriveMeta(d.blocks, d.text, d.source);
      expect([derived.title, derived.author, derived.publisher]).toEqual([d.title, d.author, d.publisher]);
    }
  });
});

describe('corpus helpers', () => {
  it('hashes UTF-8 text with sha256', () => {
    expect(hashText('')).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hashText('é')).toBe(hashText('\u00e9'));
    expect(hashText('é')).not.toBe(hashText('e\u0301'));
  });

  it.each([
    ['000_4ab67b766fb33eed.txt', '000_4ab67b766fb33eed'],
    ['a b.c.txt', 'a-b-c'],
    ['Iran’s view.txt', 'Iran-s-view'],
  ])('derives id %s → %s', (source, id) => expect(idOf(source)).toBe(id));

  it('counts tokens that hold a letter or digit', () => {
    expect(countWords('One — two\n\n– 3 … week-long')).toBe(4);
  });

  // The definition countWords implements in one pass: any difference changes documents' word counts.
  const reference = (text: string): number => text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
  it.each([
    ['', 0],
    ['  a  b  ', 2],
    ['— • … –', 0],
    ['\u00a0a\u2003b\ufeffc\u3000d\u2028e\u1680f', 6],
    ['é 1 .. _ $', 2],
    ['\u{1D7D8} \u{1D400} \u{1F600}', 2],
    ['lone \ud800 \udc00 surrogates', 2],
    ['Тегеран и Москва ٣ تهران', 5],
    ['a\tb\vc\fd\re\nf', 6],
  ])('counts %j as %i words, as split-and-test does', (text, words) => {
    expect(countWords(text)).toBe(words);
    expect(reference(text)).toBe(words);
  });

  it('agrees with split-and-test on arbitrary UTF-16', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    // Biased toward the characters that matter: spaces of every kind, ASCII, surrogates.
    const pool = [0x20, 0x09, 0x0a, 0xa0, 0x2003, 0x3000, 0xfeff, 0x41, 0x7a, 0x35, 0x2d, 0xe9, 0x0663, 0xd83d, 0xde00, 0xdc00];
    for (let i = 0; i < 2000; i++) {
      const codes = Array.from({ length: 24 }, () => (next() % 3 === 0 ? next() % 0x10000 : pool[next() % pool.length]!));
      const text = String.fromCharCode(...codes);
      expect(countWords(text), JSON.stringify(text)).toBe(reference(text));
    }
  });

  it.each([
    ['Short title', 'Short title'],
    [
      'When Iranian President Ebrahim Raisi visited Moscow in January to meet with his Russian counterpart Vladimir Putin.',
      'When Iranian President Ebrahim Raisi visited Moscow in January to meet with his Russian…',
    ],
  ])('shortens a title at a word boundary: %s', (input, want) => {
    expect(shorten(input)).toBe(want);
    expect(shorten(input).length).toBeLessThanOrEqual(90);
  });
});

describe('loadCorpus on other folders', () => {
  const dirs: string[] = [];
  const tempCorpus = async (files: Record<string, string>): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'glossator-corpus-'));
    dirs.push(dir);
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    return dir;
  };
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it('derives metadata from the text when there is no manifest, and skips files it does not read', async () => {
    const dir = await tempCorpus({
      'b doc.txt': 'A Study of Caspian Trade\n\nBy Jane Doe\n\nBody text about trade. More of it.\n\nThe views expressed here do not necessarily reflect the views of the Caspian Policy Institute.',
      'a.txt': 'No heading here, just a first sentence that runs on for quite some time before it stops. Then more.\n\nJohn Smith is a senior researcher at the Institute.',
      'c.txt': '',
      'notes.rtf': '{\\rtf1 Not read}',
      '.DS_Store': 'x',
    });
    await mkdir(join(dir, 'sub.txt'));
    const docs = await documentsOf(dir);
    expect(docs.map((d) => [d.id, d.title, d.author, d.publisher, d.wordCount])).toEqual([
      ['a', 'No heading here, just a first sentence that runs on for quite some time before it stops.', 'John Smith', null, 28],
      ['b-doc', 'A Study of Caspian Trade', 'Jane Doe', 'Caspian Policy Institute', 30],
      ['c', 'c', null, null, 0],
    ]);
    expect(docs.every((d) => d.date === null && d.url === null)).toBe(true);
  });

  it('uses a manifest entry where there is one and derives the rest', async () => {
    const manifest = {
      schemaVersion: 1,
      documents: [
        { source: 'a.txt', title: 'Given', author: null, publisher: 'P', date: '2022-07-01', url: null, provenance: 'x', titleSource: 'descriptive' },
      ],
    };
    const dir = await tempCorpus({ 'a.txt': 'Text.', 'b.txt': 'Heading Line\n\nText.', [MANIFEST_FILE]: JSON.stringify(manifest) });
    const docs = await documentsOf(dir);
    expect(docs.map((d) => [d.title, d.publisher, d.date])).toEqual([
      ['Given', 'P', '2022-07-01'],
      ['Heading Line', null, null],
    ]);
  });

  const entry = { source: 'a.txt', title: 'T', author: null, publisher: null, date: null, url: null, provenance: 'p', titleSource: 'text' };
  it.each([
    ['invalid JSON', '{"schemaVersion": 1,', /manifest\.json: not valid JSON/],
    ['a wrong schema version', JSON.stringify({ schemaVersion: 2, documents: [] }), /manifest\.json: malformed manifest: schemaVersion/],
    ['a missing title', JSON.stringify({ schemaVersion: 1, documents: [{ ...entry, title: undefined }] }), /manifest\.json: malformed manifest: documents\[0\]\.title/],
    ['an unknown key', JSON.stringify({ schemaVersion: 1, documents: [{ ...entry, auther: 'X' }] }), /documents\[0\].*auther/],
    ['a bad titleSource', JSON.stringify({ schemaVersion: 1, documents: [{ ...entry, titleSource: 'guess' }] }), /documents\[0\]\.titleSource/],
    ['a duplicated source', JSON.stringify({ schemaVersion: 1, documents: [entry, entry] }), /documents\[1\]\.source "a\.txt" is listed twice/],
  ])('rejects a manifest with %s, naming the file and the problem', async (_what, json, message) => {
    const dir = await tempCorpus({ 'a.txt': 'Text.', [MANIFEST_FILE]: json });
    await expect(loadCorpus(dir)).rejects.toThrow(message);
  });

  it('leaves out a file that is not valid UTF-8, names it, and loads the rest', async () => {
    const dir = await tempCorpus({ 'good.txt': 'Fine.' });
    await writeFile(join(dir, 'bad.txt'), Uint8Array.from([0x66, 0xff, 0xfe]));
    const { documents, problems } = await loadCorpus(dir);
    expect(documents.map((d) => d.source)).toEqual(['good.txt']);
    expect(problems).toEqual([{ source: 'bad.txt', message: expect.stringMatching(/^bad\.txt is not UTF-8 text/) as unknown as string }]);
  });

  it('loads every file whose names share an id: the first by name keeps it, the others get their hashed id', async () => {
    const dir = await tempCorpus({ 'a b.txt': 'One.', 'a-b.txt': 'Two.', 'A B.txt': 'Three.', 'a-b.md': 'Four.' });
    const { documents, problems } = await loadCorpus(dir);
    expect(problems).toEqual([]);
    expect(documents.map((d) => [d.id, d.source])).toEqual([
      ['A-B', 'A B.txt'],
      ['a-b', 'a b.txt'],
      [hashedId('a-b.md'), 'a-b.md'],
      [hashedId('a-b.txt'), 'a-b.txt'],
    ]);
  });

  it('reads every supported format, with stated meta over derived meta and the manifest over both', async () => {
    const dir = await tempCorpus({});
    for (const name of ['article.md', 'article.html', 'article.pdf', 'article.docx', 'scanned.pdf', 'binary.txt']) {
      await copyFile(join(FIXTURES, name), join(dir, name.startsWith('article.') ? `${name.slice(8)}-doc.${name.slice(8)}` : name));
    }
    const entry = { source: 'html-doc.html', title: 'Manifest Title', author: null, publisher: null, date: null, url: null, provenance: 'p', titleSource: 'descriptive' };
    await writeFile(join(dir, MANIFEST_FILE), JSON.stringify({ schemaVersion: 1, documents: [entry] }));
    const { documents, problems } = await loadCorpus(dir);
    expect(documents.map((d) => [d.id, d.normaliser, d.title, d.author])).toEqual([
      ['docx-doc', 'glossator-docx/1', 'Sanctions and Survival: Iran’s Economy in 2024', null],
      ['html-doc', 'glossator-html/2', 'Manifest Title', null],
      ['md-doc', 'glossator-md/2', 'Sanctions and the Caspian Trade', null],
      ['pdf-doc', 'glossator-pdf/1', 'Caspian Corridors and the Limits of Alignment', 'Jane Doe'],
    ]);
    // The manifest entry names no language, so the page's own stays.
    expect(documents.find((d) => d.id === 'html-doc')?.language).toBe('en-GB');
    for (const d of documents) expect([d.contentHash, d.wordCount]).toEqual([hashText(d.text), countWords(d.text)]);
    expect(problems.map((p) => p.source)).toEqual(['binary.txt', 'scanned.pdf']);
    expect(problems[1]?.message).toMatch(/^scanned\.pdf has no text layer/);
  });

  it('loads one document by file name, as the watcher and importer do', async () => {
    const dir = await tempCorpus({ 'a.txt': 'Heading Line\n\nText.' });
    const [fromCorpus] = await documentsOf(dir);
    expect(await loadDocument(dir, 'a.txt')).toEqual(fromCorpus);
    await expect(loadDocument(dir, 'missing.txt')).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('missing.txt') as unknown as string });
  });
});

describe('deriveMeta', () => {
  it('never invents: no author or publisher when the text names none', () => {
    const { text, blocks } = normalise('Iran is an Asian country. Its leaders say so.\n\nBy contrast, others disagree.');
    expect(deriveMeta(blocks, text, 'x.txt')).toEqual({
      title: 'Iran is an Asian country.',
      author: null,
      publisher: null,
      date: null,
      url: null,
      source: 'x.txt',
    });
  });

  it('skips a generic first heading such as "Summary" for the title', () => {
    const { text, blocks } = normalise('Summary\n\n• Russia and Iran converge. More.\n\nIntroduction\n\nBody.');
    expect(deriveMeta(blocks, text, 'x.txt').title).toBe('Russia and Iran converge.');
  });

  it('reads a publisher that "does not take collective positions"', () => {
    const { text, blocks } = normalise('Body.\n\nThe European Council on Foreign Relations does not take collective positions.');
    expect(deriveMeta(blocks, text, 'x.txt').publisher).toBe('European Council on Foreign Relations');
  });
});
