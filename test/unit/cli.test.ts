// The headless CLI: list, stats, export and import on the default corpus; usage errors and exit codes.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type CliHooks } from '../../src/cli/main';
import { printable, printList } from '../../src/cli/print';
import { createCore } from '../../src/main/core/core';
import { call, SEED_CORPUS, value } from './support/core-harness';
import { FaultyOps } from './support/faulty-ops';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glossator-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return runWith({}, ...argv);
}

async function runWith(hooks: CliHooks, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { write: (t: string) => (out += t) }, { write: (t: string) => (err += t) }, hooks);
  return { code, out, err };
}

/** Tags two passages through the core, as the app would have. */
async function seed(dataDir: string): Promise<void> {
  const core = await createCore({ dataDir, corpusDir: SEED_CORPUS });
  const { text } = await value(call(core, 'getDocument', { docId: '000_4ab67b766fb33eed' }));
  for (const [exact, tag] of [['strategic cooperation between Russia and Iran will persist', 'cooperation'], ['mutual tensions have surfaced', 'friction']] as const) {
    const start = text.indexOf(exact);
    await value(call(core, 'createAnnotation', { docId: '000_4ab67b766fb33eed', start, end: start + exact.length, exact, tagIds: [tag], note: 'cli' }));
  }
  await core.flush();
}

describe('glossator CLI', () => {
  it('lists the default corpus with no set-up', async () => {
    const { code, out } = await run('list', '--data', dir);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^ID\s+WORDS\s+PASSAGES\s+COOPERATION\s+FRICTION\s+HEDGING\s+TITLE$/);
    expect(out).toContain('Russo-Iranian Alignment Will Continue Despite Differences');
    expect(out.trim().split('\n')).toHaveLength(6);
  });

  it('prints stats as text and JSON', async () => {
    await seed(dir);
    const text = await run('stats', '--data', dir);
    expect(text.out).toContain('5 documents, 2 passages, 0 needing review');
    const json = JSON.parse((await run('stats', '--data', dir, '--json')).out);
    expect(json.perTag).toEqual({ Cooperation: 1, Friction: 1, Hedging: 0 });
  });

  it.each([
    ['md', '## Cooperation (1)'],
    ['csv', 'passage_id,document_id'],
    ['html', '<!doctype html>'],
    ['jsonld', '"AnnotationCollection"'],
    ['qdc', 'urn:QDA-XML:codebook:1.0'],
  ])('exports %s with filters', async (format, expected) => {
    await seed(dir);
    const file = join(dir, `out.${format}`);
    const { code, out } = await run('export', '--data', dir, '--out', file, '--tags', 'Cooperation,friction');
    expect(code).toBe(0);
    expect(out).toMatch(/^Wrote \d+ bytes to /);
    expect((await readFile(file, 'utf8')).toLowerCase()).toContain(expected.toLowerCase());
  });

  it('exports a project and imports it into an empty data dir', async () => {
    await seed(dir);
    const file = join(dir, 'project.qdpx');
    expect((await run('export', '--data', dir, '--out', file)).code).toBe(0);
    const empty = join(dir, 'empty');
    await mkdir(empty);
    const imported = await run('import', file, '--data', empty);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('Imported 2, merged 0, not placed 0.');
    expect((await run('import', file, '--data', empty)).out).toContain('Imported 0, merged 2, not placed 0.');
  });

  it('an import that places nothing exits 1 and says why each passage was left out', async () => {
    const file = join(dir, 'elsewhere.jsonld');
    const target = { source: 'https://example.org/not-in-this-corpus', selector: { type: 'TextQuoteSelector', exact: 'words no seed article holds' } };
    const xpath = { source: 'https://example.org/not-in-this-corpus', selector: { type: 'XPathSelector', value: '/html/body/p[3]' } };
    await writeFile(file, JSON.stringify([{ type: 'Annotation', target }, { type: 'Annotation', target: xpath }]));
    const result = await run('import', file, '--data', dir);
    expect(result.code).toBe(1);
    expect(result.out).toContain('Imported 0, merged 0, not placed 2.');
    expect(result.out).toContain('an XPath into the page');
    expect(result.err).toContain('glossator: none of the 2 passages in the file could be placed');
  });

  it('exports W3C and CSV offsets in UTF-16 units with --offsets utf16, and refuses another unit', async () => {
    await seed(dir);
    const file = join(dir, 'units.csv');
    expect((await run('export', '--data', dir, '--out', file, '--offsets', 'utf16')).code).toBe(0);
    expect((await readFile(file, 'utf8')).split('\r\n')[1]).toMatch(/,utf16,/);
    const bad = await run('export', '--data', dir, '--out', file, '--offsets', 'bytes');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--offsets takes "codepoints" or "utf16", not "bytes"');
  });

  // Disk full at the first write, at every write, or a folder that refuses writes: each passage not stored is counted.
  it.each([
    ['ENOSPC', 1, /^glossator: 1 of 2 passages could not be stored: The disk is full \(ENOSPC\)/m],
    ['ENOSPC', 100, /^glossator: 2 of 2 passages could not be stored: The disk is full \(ENOSPC\)/m],
    ['EACCES', 100, /^glossator: 2 of 2 passages could not be stored: .*\(EACCES\)/m],
  ] as const)('an import whose writes fail with %s (%i times) exits 1 and counts the passages not stored', async (code, times, message) => {
    await seed(dir);
    const file = join(dir, 'project.jsonld');
    expect((await run('export', '--data', dir, '--out', file)).code).toBe(0);
    const empty = join(dir, 'empty');
    await mkdir(empty);
    // Lists once first, so the codebook is on disk and only the passages' writes meet the fault.
    expect((await run('list', '--data', empty)).code).toBe(0);
    const faulty = new FaultyOps();
    faulty.arm({ step: 'write', code, times });
    const result = await runWith({ ops: faulty.ops }, 'import', file, '--data', empty);
    expect(faulty.fired.length).toBeGreaterThan(0);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
    expect(result.out).toContain(`Imported ${times === 1 ? 1 : 0}, merged 0, not placed ${times === 1 ? 1 : 2}.`);
    // Nothing half-written: a clean retry stores exactly what the failed run did not.
    const retry = await run('import', file, '--data', empty);
    expect(retry.code).toBe(0);
    expect(retry.out).toContain(`Imported ${times === 1 ? 1 : 2}, merged ${times === 1 ? 1 : 0}, not placed 0.`);
  });

  it.each([
    [['frobnicate'], 2, 'Unknown command "frobnicate"'],
    [['export', '--out', 'x.docx'], 2, '--format takes one of'],
    [['export'], 2, 'export needs --out FILE'],
    [['export', '--out', 'x.md', '--tags', 'gossip'], 2, 'Unknown tag "gossip"'],
    [['export', '--out', 'x.md', '--docs', 'nope'], 2, 'Unknown document: nope'],
    [['export', '--out', 'x.md', '--group-by', 'colour'], 2, '--group-by takes'],
    [['list', '--bogus'], 2, "Unknown option '--bogus'"],
    [['import'], 2, 'import needs a FILE'],
    [['import', 'notes.txt'], 2, 'Cannot tell the format'],
    [['import', 'missing.jsonld'], 1, 'Could not read missing.jsonld'],
  ])('%j exits %i with a clear message', async (argv, code, message) => {
    const result = await run(...argv, '--data', dir);
    expect(result.code).toBe(code);
    expect(result.err).toContain(message);
  });

  it('says which file is damaged and exits non-zero when an import meets broken JSON', async () => {
    const bad = join(dir, 'broken.jsonld');
    await writeFile(bad, '{"type": "AnnotationCollection", ');
    const result = await run('import', bad, '--data', dir);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^glossator: .*JSON/);
  });

  it('runs as a process from its sources (the compiled bin is checked after the build, in e2e/cli.spec.ts)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', '--help']);
    expect(stdout).toContain('Usage: glossator <command>');
  });

  it('stays quiet and exits 0 when the reader closes the pipe early (glossator list | head)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'list', '--data', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the CLI has loaded, let alone written: its every write meets a closed pipe (EPIPE).
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  it('says "run npm run build first" when the bin finds no compiled CLI', async () => {
    await mkdir(join(dir, 'bin'));
    await copyFile('bin/glossator.mjs', join(dir, 'bin', 'glossator.mjs'));
    const failed = await promisify(execFile)(process.execPath, [join(dir, 'bin', 'glossator.mjs'), '--help']).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('run `npm run build` first') });
  });

  it('names the app version in its exports, not "cli"', async () => {
    await seed(dir);
    const file = join(dir, 'out.jsonld');
    expect((await run('export', '--data', dir, '--out', file)).code).toBe(0);
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    const text = await readFile(file, 'utf8');
    const versions = [...text.matchAll(/"schema:softwareVersion": "([^"]*)"/g)].map((m) => m[1]);
    expect(versions).toEqual([version, version]);
  });
});

describe('glossator CLI on a changed corpus', () => {
  it('re-anchors as the app does and reports passages to review on stderr', async () => {
    const corpus = join(dir, 'corpus');
    await mkdir(corpus);
    const seed = '000_4ab67b766fb33eed.txt';
    const raw = await readFile(join(SEED_CORPUS, seed), 'utf8');
    await writeFile(join(corpus, seed), raw);
    const core = await createCore({ dataDir: dir, corpusDir: corpus, bundledCorpusDir: SEED_CORPUS });
    const { text } = await value(call(core, 'getDocument', { docId: '000_4ab67b766fb33eed' }));
    for (const exact of ['strategic cooperation between Russia and Iran will persist', 'mutual tensions have surfaced in recent weeks']) {
      const start = text.indexOf(exact);
      await value(call(core, 'createAnnotation', { docId: '000_4ab67b766fb33eed', start, end: start + exact.length, exact, tagIds: ['friction'] }));
    }
    await core.close();
    await writeFile(join(corpus, seed), raw.replace('Despite Russia’s superficial alignment with Iran on the JCPOA, mutual tensions have surfaced in recent weeks. ', ''));
    const { code, err, out } = await run('list', '--corpus', corpus, '--data', dir);
    expect(code).toBe(0);
    expect(err).toContain('1 anchored, 0 moved, 1 need review, 0 orphaned');
    expect(out).toContain('000_4ab67b766fb33eed');
  });

  it('names the files it could not load on stderr, control characters stripped, and in --json', async () => {
    const corpus = join(dir, 'corpus');
    await mkdir(corpus);
    await writeFile(join(corpus, 'ports.txt'), 'Ports Weekly\n\nThe harbour handled record grain cargo.\n');
    const hostile = 'bad\u001b]0;owned\u0007\u001b[31m.docx';
    await writeFile(join(corpus, hostile), randomBytes(2048));
    const { code, err, out } = await run('list', '--corpus', corpus, '--data', join(dir, 'data'));
    expect(code).toBe(0);
    expect(out).toContain('Ports Weekly');
    expect(out).not.toContain('not loaded');
    expect(err).toContain('not loaded: bad.docx: bad.docx is not a readable Word document');
    expect(err).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const json = JSON.parse((await run('list', '--corpus', corpus, '--data', join(dir, 'data'), '--json')).out);
    expect(json.documents.map((d: { source: string }) => d.source)).toEqual(['ports.txt']);
    expect(json.notLoaded).toEqual([{ source: hostile, message: expect.stringContaining('not a readable Word document') }]);
  });
});

describe('CLI output of document-derived text', () => {
  // Nothing a title carries may act on the terminal: escape sequences go whole, other controls become spaces.
  const cases: [string, string, string][] = [
    ['colour (CSI)', 'Red \u001b[31malert\u001b[0m title', 'Red alert title'],
    ['clear screen', '\u001b[2J\u001b[HReport', 'Report'],
    ['window title (OSC, BEL)', '\u001b]0;pwned\u0007Brief', 'Brief'],
    ['hyperlink (OSC 8, ST)', '\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\', 'link'],
    ['lone ESC', 'a\u001bb', 'ab'],
    ['C1 CSI', 'x\u009b31my', 'x 31my'],
    ['bidi override', 'abc\u202Egnp.exe', 'abc gnp.exe'],
    ['bidi isolate', '\u2066Tehran\u2069', ' Tehran '],
    ['line break and tab', 'one\ntwo\tthree\r', 'one two three '],
    ['Persian and Russian stay', 'روابط ایران و روسیه — Россия', 'روابط ایران و روسیه — Россия'],
  ];
  it.each(cases)('%s', (_name, title, shown) => {
    expect(printable(title)).toBe(shown);
    let out = '';
    const doc = { id: 'd1', title, wordCount: 1, passageCount: 0, tagCounts: {}, needsReview: 0, coverage: { read: 0, total: 1 } };
    printList({ write: (t: string) => (out += t) }, { write: () => true }, [doc as never], [], [], false);
    expect(out).toContain(shown.trimEnd());
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});
