// Watching the corpus folder: files added, changed and removed reach the corpus, the search index and a change report.
import { mkdir, mkdtemp, realpath, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { isScratchName } from '../../src/main/core/corpus-watcher';
import type { CorpusChangeReport, DocumentSummary, GlossDocument, SearchResults } from '../../src/shared/types';
import { callOn, SEED_CORPUS, value } from './support/core-harness';

const FIRST = 'Ports Weekly\n\nThe harbour of Bandar Abbas handled record grain cargo this week.\n\nOfficials expect more.\n';

let root: string;
let corpusDir: string;
let core: Core;
let reports: CorpusChangeReport[];

beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'glossator-watch-')));
  corpusDir = join(root, 'corpus');
  await mkdir(corpusDir);
  await writeFile(join(corpusDir, 'ports.txt'), FIRST);
  core = await createCore({ dataDir: join(root, 'data'), corpusDir, bundledCorpusDir: SEED_CORPUS, watch: true });
  reports = [];
  core.onCorpusChanged((r) => reports.push(r));
});
afterEach(async () => {
  await core.close();
  await rm(root, { recursive: true, force: true });
});

const call = callOn(() => core);
const find = (query: string) =>
  value<SearchResults>(call('search', { query, wholeWord: false, caseSensitive: false, diacriticSensitive: false }));

/** Waits for the next report (polling, no fixed sleep); fails after `ms`. */
async function nextReport(ms = 10_000): Promise<CorpusChangeReport> {
  const seen = reports.length;
  const until = Date.now() + ms;
  while (reports.length === seen) {
    if (Date.now() > until) throw new Error('no corpus change report arrived');
    await new Promise((done) => setTimeout(done, 25));
  }
  return reports[seen]!;
}
const none = { anchored: 0, moved: 0, needsReview: 0, orphaned: 0 };

async function tag(docId: string, exact: string) {
  const { text } = await value<GlossDocument>(call('getDocument', { docId }));
  const start = text.indexOf(exact);
  return value(call('createAnnotation', { docId, start, end: start + exact.length, exact, tagIds: ['cooperation'] }));
}

describe('the corpus watcher', () => {
  it('loads an added file, and search finds its text', async () => {
    const report = nextReport();
    await writeFile(join(corpusDir, 'steel.txt'), 'Steel Tariffs\n\nNew tariffs on rolled steel take effect in March.\n');
    expect(await report).toEqual({ added: ['steel'], changed: [], removed: [], passages: none });
    expect((await value<DocumentSummary[]>(call('listDocuments'))).map((d) => d.id)).toEqual(['ports', 'steel']);
    expect((await find('rolled steel')).documents.map((d) => d.docId)).toEqual(['steel']);
  });

  it('does not follow a link added while open (it would read a file outside the corpus), as the loader does not at open', async () => {
    await writeFile(join(root, 'outside.txt'), 'Private Notes\n\nThe analyst never put this file in the corpus.\n');
    const report = nextReport();
    await symlink(join(root, 'outside.txt'), join(corpusDir, 'linked.txt'));
    // No document changes, but the list of files not loaded does: the analyst is told.
    expect(await report).toEqual({ added: [], changed: [], removed: [], passages: none, problems: ['linked.txt'] });
    expect((await value(call('listCorpusProblems'))).map((p) => p.source)).toEqual(['linked.txt']);
    const second = nextReport();
    await writeFile(join(corpusDir, 'steel.txt'), 'Steel Tariffs\n\nNew tariffs on rolled steel take effect in March.\n');
    expect(await second).toEqual({ added: ['steel'], changed: [], removed: [], passages: none });
    expect((await value<DocumentSummary[]>(call('listDocuments'))).map((d) => d.id)).toEqual(['ports', 'steel']);
    expect((await find('never put this file')).documents).toEqual([]);
    // Reopened, the loader skips (and reports) the link the same way.
    await core.close();
    core = await createCore({ dataDir: join(root, 'data'), corpusDir, bundledCorpusDir: SEED_CORPUS, watch: true });
    expect((await value<DocumentSummary[]>(call('listDocuments'))).map((d) => d.id)).toEqual(['ports', 'steel']);
  });

  it('reloads a changed file: passages are re-anchored and counted, search sees the new text', async () => {
    await tag('ports', 'record grain cargo');
    const report = nextReport();
    await writeFile(join(corpusDir, 'ports.txt'), FIRST.replace('Officials expect more.', 'Officials expect fertiliser shipments next.'));
    expect(await report).toEqual({ added: [], changed: ['ports'], removed: [], passages: { ...none, anchored: 1 } });
    expect((await find('fertiliser')).total).toBe(1);
    expect((await find('expect more')).total).toBe(0);
  });

  it('counts passages whose text went away as needing review', async () => {
    await tag('ports', 'record grain cargo');
    const report = nextReport();
    await writeFile(join(corpusDir, 'ports.txt'), 'Ports Weekly\n\nNothing of note happened at all.\n');
    const { passages } = await report;
    expect(passages.anchored).toBe(0);
    expect(passages.moved + passages.needsReview).toBe(1);
  });

  it('removes a deleted document; its passages stay in the data dir as orphans', async () => {
    await tag('ports', 'record grain cargo');
    await tag('ports', 'Officials expect more');
    const report = nextReport();
    await unlink(join(corpusDir, 'ports.txt'));
    expect(await report).toEqual({ added: [], changed: [], removed: ['ports'], passages: { ...none, orphaned: 2 } });
    expect(await value(call('listDocuments'))).toEqual([]);
    expect((await find('grain')).total).toBe(0);
    expect(core.corpus.all()).toEqual([]);
    const queue = await value<{ passage: { state: string } }[]>(call('listReview'));
    expect(queue.map((i) => i.passage.state)).toEqual(['orphaned', 'orphaned']);
    // Put back, the document brings its passages with it.
    const back = nextReport();
    await writeFile(join(corpusDir, 'ports.txt'), FIRST);
    expect(await back).toEqual({ added: ['ports'], changed: [], removed: [], passages: { ...none, anchored: 2 } });
  });

  it('says nothing for a save with the same text, dotfiles, scratch files and unsupported formats', async () => {
    await writeFile(join(corpusDir, 'ports.txt'), FIRST);
    await writeFile(join(corpusDir, '.hidden.txt'), 'Hidden\n\nText.\n');
    await writeFile(join(corpusDir, 'draft.txt.tmp'), 'Draft\n\nText.\n');
    await writeFile(join(corpusDir, '~$report.docx'), 'lock');
    await writeFile(join(corpusDir, 'notes.xyz'), 'x');
    // A real change after them: the first report must be about it alone.
    const report = nextReport();
    await writeFile(join(corpusDir, 'later.md'), '# Later\n\nA later note about wheat.\n');
    expect(await report).toMatchObject({ added: ['later'], changed: [], removed: [] });
    expect(reports).toHaveLength(1);
  });

  it('batches files written together into one report', async () => {
    const report = nextReport();
    await Promise.all(['a', 'b', 'c'].map((n) => writeFile(join(corpusDir, `${n}.txt`), `${n.toUpperCase()}\n\nText ${n}.\n`)));
    const first = await report;
    const all = [first, ...reports.slice(1)].flatMap((r) => r.added);
    // Usually one report; a slow disk may split the batch, but every file is reported once.
    while (all.length < 3) all.push(...(await nextReport()).added);
    expect(all.sort()).toEqual(['a', 'b', 'c']);
  });

  it('stops when the core is closed', async () => {
    await core.close();
    await writeFile(join(corpusDir, 'after.txt'), 'After\n\nText.\n');
    await expect(nextReport(1_000)).rejects.toThrow(/no corpus change report/);
  });
});

describe('scratch names', () => {
  it.each([
    ['.DS_Store', true],
    ['~$report.docx', true],
    ['report.docx~', true],
    ['report.pdf.crdownload', true],
    ['x.txt.tmp', true],
    ['report.pdf', false],
    ['notes (2).md', false],
  ])('%s → %s', (name, scratch) => expect(isScratchName(name)).toBe(scratch));
});
