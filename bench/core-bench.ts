// The Node half of the bench: the main-process core on the generated corpus, without a window.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { createCore, type Core } from '../src/main/core/core';
import { dispatch } from '../src/main/core/dispatch';
import { rawWrite } from './raw-write';
import { measureSavesBySize } from './save-sizes';
import { fsyncDir } from '../src/main/store/durable-write';
import type { Handlers } from '../src/shared/contract';
import type { Result } from '../src/shared/result';
import type { Annotation, DigestOptions } from '../src/shared/types';
import type { AnnotationFile } from '../src/main/store/schemas';
import type { GeneratedCorpus } from './generate';
import { figure, sample, time, type Figure } from './stats';

export interface CoreRuns {
  open: number;
  list: number;
  save: number;
  search: number;
  digest: number;
  lowdb: number;
  /** Passages in the document of each by-size save figure. */
  saveSizes: readonly number[];
}

type Call = <M extends keyof Handlers>(method: M, args: Parameters<Handlers[M]>[0]) => Promise<Awaited<ReturnType<Handlers[M]>>>;

/** Calls a handler as the IPC layer does (validation included), failing loudly: a bench of an error is no bench. */
function caller(core: Core): Call {
  return async (method, args) => {
    const result = (await dispatch(core.handlers, method, args)) as Result<unknown>;
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
    return result.value as never;
  };
}

async function openCore(gen: GeneratedCorpus, digestPath: string): Promise<Core> {
  return createCore({
    dataDir: gen.dataDir,
    corpusDir: gen.corpusDir,
    version: 'bench',
    saveTarget: { chooseSavePath: async () => digestPath },
    storeIo: { damaged: 'report' },
  });
}

interface OpenTimes {
  /** createCore until it answers. */
  samples: number[];
  /** The session's first listDocuments, which places every document's passages. */
  firstList: number[];
  /** Open + first listing + the first search answered (index filled): the app is fully usable. */
  usable: number[];
  /** Longest event-loop block from open until usable. */
  blockedMs: number[];
}

/**
 * Opening the corpus as the app does on start: open, the first listing, then the search index's
 * fill, with the longest stretch the event loop was blocked meanwhile. Each core is closed (which
 * cancels its fill) before the next opens, so no run shares the machine with the previous one.
 */
async function measureOpen(gen: GeneratedCorpus, runs: number, digestPath: string): Promise<OpenTimes> {
  const times: OpenTimes = { samples: [], firstList: [], usable: [], blockedMs: [] };
  await sample(runs, async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    let core: Core | null = null;
    const ms = await time(async () => (core = await openCore(gen, digestPath)));
    const opened = core as unknown as Core;
    const list = await time(() => caller(opened)('listDocuments', {}));
    // The search handler waits for the index's fill: its first answer is when search is usable.
    await caller(opened)('search', { query: 'Tehran', wholeWord: false, caseSensitive: false, diacriticSensitive: false });
    const usable = performance.now() - started;
    delay.disable();
    times.samples.push(ms);
    times.firstList.push(list);
    times.usable.push(usable);
    times.blockedMs.push(delay.max / 1e6);
    await opened.close();
    return ms;
  }, 0);
  return times;
}

interface SaveTimes {
  save: number[];
  /** write + fsync + rename of the same bytes beside the file: the floor the issue compares with. */
  raw: number[];
  /** The same plus the folder fsync that makes the rename itself survive a power cut. */
  rawDurable: number[];
}

async function measureSave(call: Call, gen: GeneratedCorpus, docId: string, runs: number): Promise<SaveTimes> {
  const passages = await call('listAnnotations', { docId });
  const target = passages[Math.floor(passages.length / 2)]!;
  const file = join(gen.dataDir, 'corpora', gen.corpusKey, 'annotations', `${docId}.json`);
  const beside = `${file}.bench-raw`;
  const times: SaveTimes = { save: [], raw: [], rawDurable: [] };
  // Interleaved, so all three see the same disk weather.
  await sample(runs, async (i) => {
    const tagIds = i % 2 === 0 ? ['friction'] : ['friction', 'hedging'];
    const ms = await time(() => call('updateAnnotation', { docId, annotationId: target.id, tagIds }));
    const bytes = await readFile(file);
    const raw = await time(() => rawWrite(beside, bytes));
    const rawDurable = await time(async () => {
      await rawWrite(beside, bytes);
      await fsyncDir(dirname(beside));
    });
    if (i >= 0) {
      times.save.push(ms);
      times.raw.push(raw);
      times.rawDurable.push(rawDurable);
    }
    return ms;
  });
  await rm(beside, { force: true });
  return times;
}

/** The whole corpus's passages in one lowdb file (steno, as JSONFilePreset writes) vs one document's file. */
async function measureLowdb(gen: GeneratedCorpus, runs: number, perDoc: number[]): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'glossator-bench-lowdb-'));
  try {
    const annotationDir = join(gen.dataDir, 'corpora', gen.corpusKey, 'annotations');
    const all: Annotation[] = [];
    for (const name of (await readdir(annotationDir)).filter((n) => n.endsWith('.json'))) {
      all.push(...(JSON.parse(await readFile(join(annotationDir, name), 'utf8')) as AnnotationFile).annotations);
    }
    const db = new Low(new JSONFile<{ annotations: Annotation[] }>(join(dir, 'db.json')), { annotations: [] });
    db.data.annotations = all;
    const single = await sample(runs, async (i) => {
      const a = db.data.annotations[(i + 1) * 997 % all.length]!;
      a.tagIds = i % 2 === 0 ? ['friction'] : ['hedging'];
      return time(() => db.write());
    });
    return [
      figure(`One lowdb file for the whole corpus (${all.length.toLocaleString('en')} passages): save one change`, 'ms', single, {
        note: 'lowdb JSONFile (steno): no fsync at all, and still rewrites every passage',
      }),
      figure('One lowdb file ÷ Glossator per-document durable save', 'x', single.map((s, i) => s / (perDoc[i % perDoc.length] ?? 1)), {
        higherIsBetter: true,
      }),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const ALL: DigestOptions = { groupBy: 'tag', tagIds: [], docIds: [], text: '', includeNotes: true, hashtags: false, bom: false };
const QUERIES = ['sanctions', 'Caspian corridor', 'rail', 'stra', 'North-South transit', 'enrichment talks Vienna', 'Tehran', 'likely'];

export async function coreBench(gen: GeneratedCorpus, runs: CoreRuns, log: (line: string) => void): Promise<Figure[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'glossator-bench-out-'));
  const digestPath = join(scratch, 'digest.md');
  const figures: Figure[] = [];
  try {
    log('core: open the corpus');
    const opened = await measureOpen(gen, runs.open, digestPath);
    const [cold, ...warm] = opened.samples;
    figures.push(
      figure(`Core: open the ${gen.documentCount.toLocaleString('en')}-document corpus, first time (cold)`, 'ms', [cold!]),
      figure('Core: open it again (warm: document cache)', 'ms', warm.length > 0 ? warm : [cold!]),
      figure('Core: first listing of a session (every document placed and counted), cold', 'ms', opened.firstList.slice(0, 1)),
      figure('Core: first listing of a session, warm', 'ms', opened.firstList.length > 1 ? opened.firstList.slice(1) : opened.firstList),
      figure('Core: open until usable (open + first listing + first search answered (index filled)), cold', 'ms', opened.usable.slice(0, 1)),
      figure('Core: open until usable, warm', 'ms', opened.usable.length > 1 ? opened.usable.slice(1) : opened.usable, { target: 1000 }),
      figure('Core: longest event-loop block while opening until usable', 'ms', opened.blockedMs, { target: 50 }),
    );
    const core = await openCore(gen, digestPath);
    const call = caller(core);
    try {
      log('core: list documents');
      await call('search', { query: 'Tehran', wholeWord: false, caseSensitive: false, diacriticSensitive: false });
      const list = await sample(runs.list, () => time(() => call('listDocuments', {})));
      figures.push(figure('Core: list documents with their counts (after the first)', 'ms', list));

      log('core: durable save');
      // An ordinary document of the corpus, through the whole call; saves by document size follow.
      const ordinary = await measureSave(call, gen, 'doc-0001', runs.save);
      const saves = ordinary.save;
      const per = (what: string) => ({ judgeBy: 'p50' as const, note: `ratio: each save divided by the ${what} that followed it` });
      figures.push(
        figure(`Durable save of one tag change through the core (an ordinary document of the ${gen.annotationCount.toLocaleString('en')}-passage corpus)`, 'ms', saves, { target: 30 }),
        figure('Raw write + fsync + rename of the same bytes, same disk', 'ms', ordinary.raw),
        figure('Durable save ÷ raw write', 'x', saves.map((s, i) => s / ordinary.raw[i]!), { target: 1.5, ...per('raw write') }),
        figure('Raw write + fsync + rename + folder fsync (a rename that survives a power cut)', 'ms', ordinary.rawDurable),
        figure('Durable save ÷ raw write with folder fsync', 'x', saves.map((s, i) => s / ordinary.rawDurable[i]!), per('raw write with folder fsync')),
      );
      figures.push(...(await measureSavesBySize(runs.save, runs.saveSizes)));
      figures.push(...(await measureLowdb(gen, runs.lowdb, saves)));

      log('core: search');
      const options = { wholeWord: false, caseSensitive: false, diacriticSensitive: false };
      const search = await sample(runs.search, (i) => time(() => call('search', { query: QUERIES[Math.abs(i) % QUERIES.length]!, ...options })));
      figures.push(figure(`Corpus search query (${QUERIES.length} queries: words, prefixes, phrases)`, 'ms', search, { target: 50 }));

      log('core: Markdown digest');
      // The first digest of a session places and cites every passage; repeats reuse that work.
      const fresh = await openCore(gen, digestPath);
      let first: number;
      try {
        await caller(fresh)('listDocuments', {});
        first = await time(() => caller(fresh)('exportDigest', { format: 'md', options: ALL }));
      } finally {
        await fresh.close();
      }
      const digest = await sample(runs.digest, () => time(() => call('exportDigest', { format: 'md', options: ALL })));
      figures.push(
        figure(`Markdown digest of all ${gen.annotationCount.toLocaleString('en')} passages, written to disk: first of a session`, 'ms', [first], { target: 1000 }),
        figure('…the same digest again (repeat)', 'ms', digest, { target: 1000 }),
      );
    } finally {
      await core.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return figures;
}
