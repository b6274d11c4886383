// Re-anchoring after text edits: the checked-in edit suite's figures, each step on small texts, snapshots, and the service.
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe as group, expect, it } from 'vitest';
import { hashText } from '../../src/main/corpus/corpus';
import { DIFF_MIN_SIMILARITY, DiffCache, levenshtein, place, type PlaceOutcome } from '../../src/main/anchoring';
import { SnapshotStore } from '../../src/main/store/snapshots';
import { AnnotationService } from '../../src/main/core/annotation-service';
import { CorpusService } from '../../src/main/core/corpus-service';
import { AnnotationStore } from '../../src/main/store/annotation-store';
import { TagStore } from '../../src/main/store/tag-store';
import { describe } from '../../src/shared/anchoring';
import type { Annotation } from '../../src/shared/types';
import { runSuite, type Pair } from './edit-suite';

group('the edit suite (test/fixtures/edits, made by scripts/make-edit-suite.ts)', () => {
  const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(2)}%`);
  function table(pairs: Pair[], by: (p: Pair) => string): string {
    const head = ['', 'pairs', 'survive', 'exact', 'exact %', 'wrong', 'anchored', 'moved', 'review', 'gone→review'];
    const keys = [...new Set(pairs.map(by)), 'ALL'];
    const rows = keys.map((k) => {
      const ps = pairs.filter((p) => k === 'ALL' || by(p) === k);
      const survive = ps.filter((p) => p.truth[1] !== 'gone');
      const exact = survive.filter((p) => p.exact).length;
      const state = (s: string) => ps.filter((p) => p.outcome.state === s).length;
      const goneReviewed = ps.filter((p) => p.truth[1] === 'gone' && p.outcome.state === 'needs-review').length;
      const gone = ps.length - survive.length;
      return [k, ps.length, survive.length, exact, pct(exact, survive.length), ps.filter((p) => p.wrong).length,
        state('anchored'), state('moved'), state('needs-review'), `${goneReviewed}/${gone}`].map(String);
    });
    const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    return [head, ...rows].map((r) => r.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  ')).join('\n');
  }
  const methods = (pairs: Pair[]) => {
    const counts = new Map<string, number>();
    for (const p of pairs) counts.set(`${p.outcome.state}/${p.outcome.method}`, (counts.get(`${p.outcome.state}/${p.outcome.method}`) ?? 0) + 1);
    return [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
  };

  const run = runSuite();
  const survive = run.pairs.filter((p) => p.truth[1] !== 'gone');
  const exactRate = survive.filter((p) => p.exact).length / survive.length;

  it('prints the figures', () => {
    const bare = runSuite({ snapshots: false }).pairs;
    console.log(
      `\nRe-anchoring with snapshots (old text known, diff step on), by edit kind:\n${table(run.pairs, (p) => p.kind)}` +
        `\n\nby passage shape:\n${table(run.pairs, (p) => p.shape)}\n\nby state/method: ${methods(run.pairs)}` +
        `\n\nFor comparison, without snapshots (quote search only):\n${table(bare, (p) => p.kind)}\n`,
    );
    expect(run.pairs.length).toBeGreaterThan(13_000);
  });

  it('reads an intact suite', () => expect(run.mismatched).toEqual([]));
  it('places ≥ 98% of the surviving passages exactly where the edit put them', () => expect(exactRate).toBeGreaterThanOrEqual(0.98));
  it('never places a passage anywhere else, nor one whose text is gone', () => {
    const wrong = run.pairs.filter((p) => p.wrong).map((p) => `${p.docId}/${p.kind} ${p.annotation.id}: ${JSON.stringify(p.outcome)} vs ${JSON.stringify(p.truth)}`);
    expect(wrong).toEqual([]);
  });
  it('never decides "orphaned" (only the caller knows a document is gone)', () => {
    expect(run.pairs.some((p) => p.outcome.state === 'orphaned')).toBe(false);
  });
});

const note = (target: Annotation['target']): Annotation => ({ id: 'a', docId: 'd', target, tagIds: [], note: '', created: '', modified: '' });
/** Describes `exact` (its nth occurrence) in `before` and re-anchors it on `after`. */
function across(before: string, after: string, exact: string, opts: { nth?: number; snapshot?: boolean } = {}): PlaceOutcome & { text: string | null } {
  let start = -1;
  for (let i = 0; i <= (opts.nth ?? 0); i++) start = before.indexOf(exact, start + 1);
  if (start < 0) throw new Error(`not in text: ${exact}`);
  const a = note(describe(before, start, start + exact.length, hashText(before)));
  const out = place(a.target, after, opts.snapshot === false ? null : before, { contentHash: hashText(after) });
  return { ...out, text: out.range && after.slice(out.range.start, out.range.end) };
}

group('reanchor, step by step', () => {
  const text = 'Talks resumed in Vienna on Monday. The committee approved the budget. Observers were cautious.';

  it('(1) unchanged hash: anchored by hash', () => {
    expect(across(text, text, 'approved the budget')).toMatchObject({ state: 'anchored', method: 'hash', text: 'approved the budget' });
  });
  it('(2) text changed after the passage, position and context intact: anchored by position', () => {
    const after = text.replace('Observers were cautious.', 'Observers were hopeful.');
    expect(across(text, after, 'approved the budget')).toMatchObject({ state: 'anchored', method: 'position' });
  });
  it('(3) text inserted before it: anchored through the diff at the shifted range', () => {
    const after = `Breaking. ${text.replace('Monday.', 'Monday morning.')}`;
    expect(across(text, after, 'approved the budget')).toMatchObject({ state: 'anchored', method: 'diff', text: 'approved the budget' });
  });
  it('(3) a typo fixed inside it: moved with the mapped range', () => {
    const before = `Intro. ${text.replace('budget', 'budgte')}`;
    const after = text.replace('Talks', 'The talks');
    const out = across(before, after, 'approved the budgte');
    expect(out).toMatchObject({ state: 'moved', method: 'diff', text: 'approved the budget' });
    expect(out.score).toBeGreaterThanOrEqual(DIFF_MIN_SIMILARITY);
  });
  it('(3) a replaced last word belongs to the passage; an insertion at its edge does not', () => {
    const after = `New. ${text.replace('the budget.', 'the spending. Officials left.')}`;
    expect(across(text, after, 'committee approved the budget')).toMatchObject({ state: 'moved', text: 'committee approved the spending' });
    expect(across(text, `${text} Extra.`.replace('Monday.', 'Monday, late.'), 'Vienna on Monday')).toMatchObject({ text: 'Vienna on Monday' });
  });
  it('(3) rewritten past the threshold: needs review, not a guess', () => {
    const after = text.replace('The committee approved the budget.', 'A panel signed off on spending plans.');
    expect(across(text, after, 'The committee approved the budget.')).toMatchObject({ state: 'needs-review', range: null });
  });
  it('(3) an edge whose replacement is ambiguous is review: "so far, primarily due to" → "so given to"', () => {
    const before = 'It has found it hard to do so far, primarily due to costs. Then more text follows here.';
    const after = 'It has found it hard to do so given to costs. Then more text follows here.';
    expect(across(before, after, 'found it hard to do so far')).toMatchObject({ state: 'needs-review' });
  });
  it('(3) a title printed twice, typo fixed in the first copy: the passage stays on the first copy', () => {
    const before = 'Home\n\nRussia and Iran Despite Diferences\n\nRussia and Iran Despite Diferences\n\nBody text follows.';
    const after = 'Home\n\nRussia and Iran Despite Differences\n\nRussia and Iran Despite Diferences\n\nBody text follows.';
    expect(across(before, after, 'Despite Diferences')).toMatchObject({ range: { start: 22, end: 41 }, state: 'moved' });
  });
  it('(3) a new word right beside it that repeats its edge word is a second copy: review', () => {
    const before = 'Tehran keeps a balanced foreign policy approach for now. Later text.';
    const after = 'Tehran keeps a balanced foreign approach approach for now. Later text.';
    expect(across(before, after, 'approach')).toMatchObject({ state: 'needs-review' });
  });
  it('(4) a moved paragraph is found at its new place', () => {
    const paras = ['First paragraph about talks.', 'Second one on sanctions and oil.', 'Third, on the drones that were supplied.', 'Fourth closes.'];
    const after = [paras[1], paras[2], paras[0], paras[3]].join('\n\n');
    expect(across(paras.join('\n\n'), after, 'about talks')).toMatchObject({ state: 'moved', method: 'exact', text: 'about talks' });
  });
  it('(4) with the diff, a pre-existing copy (a pull quote) is not where a deleted passage went', () => {
    const before = 'Met on Monday. The committee approved the budget for the mission on Monday evening. Observers left.\n\nThe committee approved the budget for the mission on Monday evening.';
    const after = before.replace(' The committee approved the budget for the mission on Monday evening.', '');
    const exact = 'committee approved the budget for the mission';
    expect(across(before, after, exact)).toMatchObject({ state: 'needs-review' });
    // The quote search alone would put it on the pull quote: the reason snapshots exist.
    expect(across(before, after, exact, { snapshot: false })).toMatchObject({ state: 'moved', text: exact });
  });
  it('(4) without a snapshot, or with one that is not the passage’s text: quote search, always "moved"', () => {
    const after = `Prefix. ${text}`;
    expect(across(text, after, 'approved the budget', { snapshot: false })).toMatchObject({ state: 'moved', method: 'exact' });
    const start = text.indexOf('approved the budget');
    const a = note(describe(text, start, start + 19, hashText(text)));
    expect(place(a.target, after, 'some other text entirely', { contentHash: hashText(after) })).toMatchObject({ state: 'moved', method: 'exact' });
  });
  it('(5) gone entirely: needs review with no range', () => {
    expect(across(text, 'Nothing like it.', 'approved the budget')).toEqual({ state: 'needs-review', range: null, method: 'none', score: expect.any(Number), candidates: expect.any(Number), doubt: 'absent', text: null });
  });
  it('emoji: offsets stay on code-point boundaries through insertions and fixes', () => {
    const before = 'Launch day 🚀 went wel 😀 overall. Next 👨‍👩‍👧 line.';
    const after = '🎉 Launch day 🚀 went well 😀 overall. Next 👨‍👩‍👧 line.';
    expect(across(before, after, '🚀 went wel 😀')).toMatchObject({ state: 'moved', method: 'diff', text: '🚀 went well 😀' });
    expect(across(before, after, '👨‍👩‍👧')).toMatchObject({ state: 'anchored', text: '👨‍👩‍👧' });
  });
  it('RTL: Persian and Arabic passages follow inserted and replaced words', () => {
    const before = 'وزیر امور خارجه ایران روز چهارشنبه به مسکو رفت. قال المتحدث إن الاتفاق تاريخي.';
    const after = 'گزارش: وزیر امور خارجه ایران روز پنجشنبه به مسکو رفت. قال المتحدث إن الاتفاق تاريخي جدا.';
    expect(across(before, after, 'ایران روز چهارشنبه به مسکو')).toMatchObject({ state: 'moved', method: 'diff', text: 'ایران روز پنجشنبه به مسکو' });
    expect(across(before, after, 'إن الاتفاق')).toMatchObject({ state: 'anchored', method: 'diff', text: 'إن الاتفاق' });
  });
  it('levenshtein counts code units and stops past its bound', () => {
    expect(levenshtein('kitten', 'sitting', 5)).toBe(3);
    expect(levenshtein('kitten', 'sitting', 2)).toBe(3);
    expect(levenshtein('', 'abc', 3)).toBe(3);
    expect(levenshtein('a😀b', 'a😃b', 5)).toBe(1);
  });
});

group('DiffCache: one per owner, a diff per text pair', () => {
  const v = (n: number) => `Version ${n} of the text.\n\nThe committee approved the budget.`;
  it('gives the same diff for the same two texts, another for other texts, and forgets the oldest past its size', () => {
    const cache = new DiffCache(2);
    const a = cache.diff(v(1), v(2));
    expect(cache.diff(v(1), v(2))).toBe(a);
    const b = cache.diff(v(2), v(1));
    expect(b).not.toBe(a);
    expect(cache.diff(v(1), v(2))).toBe(a); // now v2 → v1 is the least recently used
    cache.diff(v(1), v(3));
    expect(cache.diff(v(1), v(2))).toBe(a);
    expect(cache.diff(v(2), v(1))).not.toBe(b);
  });
  it('two owners never share one (no module state)', () => {
    expect(new DiffCache().diff(v(1), v(2))).not.toBe(new DiffCache().diff(v(1), v(2)));
  });
  it('place() gives the same outcome with a shared cache as with none', () => {
    const cache = new DiffCache();
    const start = v(1).indexOf('approved the budget');
    const target = describe(v(1), start, start + 19, hashText(v(1)));
    const opts = { contentHash: hashText(v(2)) };
    expect(place(target, v(2), v(1), { ...opts, diffs: cache })).toEqual(place(target, v(2), v(1), opts));
    const out = place(target, v(2), v(1), { ...opts, diffs: cache });
    expect(out.state).toBe('anchored');
    expect(v(2).slice(out.range!.start, out.range!.end)).toBe('approved the budget');
  });
});

const roots: string[] = [];
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'glossator-reanchor-'));
  roots.push(d);
  return d;
};
afterAll(async () => Promise.all(roots.map((d) => rm(d, { recursive: true, force: true }))));

group('SnapshotStore', () => {
  const text = 'The normalised text of a document. 🚀';
  const hash = hashText(text);

  it('writes <dataDir>/corpora/<key>/snapshots/<hex>.txt once, and loads it back', async () => {
    const dataDir = await tempDir();
    const store = new SnapshotStore({ dataDir, corpusKey: 'default' });
    await Promise.all([store.save(hash, text), store.save(hash, text)]);
    const file = join(dataDir, 'corpora', 'default', 'snapshots', `${hash.slice(7)}.txt`);
    expect(store.fileOf(hash)).toBe(file);
    expect(await readFile(file, 'utf8')).toBe(text);
    const first = await stat(file);
    await store.save(hash, text);
    // A new session verifies the file rather than rewriting it (a rewrite would replace the inode).
    await new SnapshotStore({ dataDir, corpusKey: 'default' }).save(hash.slice(7), text);
    expect((await stat(file)).ino).toBe(first.ino);
    expect(await new SnapshotStore({ dataDir, corpusKey: 'default' }).load(hash)).toBe(text);
    expect(await readdir(dirname(file))).toEqual([`${hash.slice(7)}.txt`]); // no temp files left
  });

  it('refuses a text that does not hash to the name, and hashes that are not hashes', async () => {
    const store = new SnapshotStore({ dataDir: await tempDir(), corpusKey: 'default' });
    await expect(store.save(hash, `${text}!`)).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(store.save('sha256:../../etc', text)).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(() => new SnapshotStore({ dataDir: '/tmp', corpusKey: '../x' })).toThrow();
  });

  it('treats a missing, altered, truncated or undecodable file as missing, and save() repairs it', async () => {
    const dataDir = await tempDir();
    const store = new SnapshotStore({ dataDir, corpusKey: 'default' });
    expect(await store.load(hash)).toBeNull();
    await store.save(hash, text);
    for (const damage of [text.replace('text', 'test'), text.slice(0, 10), Buffer.from([0xff, 0xfe, 0x00])]) {
      await writeFile(store.fileOf(hash), damage);
      expect(await store.load(hash)).toBeNull();
      await store.save(hash, text);
      expect(await store.load(hash)).toBe(text);
    }
  });
});

group('AnnotationService with snapshots: create on text A, reload the document as text B', () => {
  const A = [
    'Talks resume in Vienna',
    'Negotiators met on Monday for the first time since March. The committee approved the budget for the mission on Monday evening. Observers called the session short but useful.',
    'The committee approved the budget for the mission on Monday evening.',
    'A second round is planned for the autumn, officials said. The chair thanked the delegations.',
  ].join('\n\n');
  const B = A.replace(' The committee approved the budget for the mission on Monday evening.', '')
    .replace('for the first time', 'for teh first time')
    .replace('A second round', 'Meanwhile, a reporter asked about sanctions. A second round');
  const quotes = ['committee approved the budget for the mission', 'Negotiators met on Monday for the first time', 'planned for the autumn'];
  let corpusDir: string;
  let dataDir: string;
  let ids = 0;
  const clock = { now: () => new Date('2026-11-22T10:00:00Z') };

  async function open(withSnapshots = true) {
    const corpus = await CorpusService.open(corpusDir);
    const store = new AnnotationStore({ dataDir, corpusKey: 'default' });
    const snapshots = new SnapshotStore({ dataDir, corpusKey: 'default' });
    const service = new AnnotationService(corpus, store, new TagStore({ dataDir }), clock, () => `p${++ids}`, withSnapshots ? snapshots : null);
    return { corpus, store, snapshots, service };
  }
  const byQuote = <T extends Annotation>(list: T[], q: string): T => list.find((p) => p.target.quote.exact === q)!;

  beforeAll(async () => {
    const root = await tempDir();
    [corpusDir, dataDir] = [join(root, 'corpus'), join(root, 'data')];
    await mkdir(corpusDir);
    await writeFile(join(corpusDir, 'doc.txt'), A);
    const app = await open();
    const doc = app.corpus.get('doc');
    for (const exact of quotes) {
      const start = doc.text.indexOf(exact);
      await app.service.create({ docId: 'doc', start, end: start + exact.length, exact, tagIds: ['friction'] });
    }
    expect(await app.snapshots.load(doc.contentHash)).toBe(doc.text);
    await app.store.flush();
    await writeFile(join(corpusDir, 'doc.txt'), B);
  });

  it('lists anchored, moved and needs-review passages as the edit says, using the snapshot', async () => {
    const { service, corpus } = await open();
    const listed = await service.list('doc');
    const text = corpus.get('doc').text;
    const at = (q: string) => {
      const p = byQuote(listed, q);
      return { state: p.state, text: p.range && text.slice(p.range.start, p.range.end) };
    };
    expect(at(quotes[0]!)).toEqual({ state: 'needs-review', text: null });
    expect(at(quotes[1]!)).toEqual({ state: 'moved', text: 'Negotiators met on Monday for teh first time' });
    expect(at(quotes[2]!)).toEqual({ state: 'anchored', text: 'planned for the autumn' });
    // Without the snapshot the deleted passage lands on the pull quote, and nothing is "anchored".
    const bare = await (await open(false)).service.list('doc');
    expect(byQuote(bare, quotes[0]!).state).toBe('moved');
    expect(byQuote(bare, quotes[2]!).state).toBe('moved');
  });

  it('update and restore place the passage the same way list does', async () => {
    const { service, store } = await open();
    const p = byQuote(await service.list('doc'), quotes[2]!);
    expect(await service.update({ docId: 'doc', annotationId: p.id, note: 'checked' })).toMatchObject({ state: 'anchored', note: 'checked' });
    await service.remove({ docId: 'doc', annotationId: p.id });
    const { state: _s, range: _r, ...stored } = p;
    expect(await service.restore({ ...stored, note: 'checked' })).toMatchObject({ state: 'anchored', range: p.range });
    await store.flush();
  });

  it('create() fails with nothing stored when the snapshot cannot be written; list() still works', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'doc.txt'), A);
    await mkdir(join(root, 'data', 'corpora', 'default'), { recursive: true });
    await writeFile(join(root, 'data', 'corpora', 'default', 'snapshots'), 'a file where the folder should be');
    [corpusDir, dataDir] = [root, join(root, 'data')];
    const { service } = await open();
    const start = A.indexOf(quotes[2]!);
    const args = { docId: 'doc', start, end: start + quotes[2]!.length, exact: quotes[2]!, tagIds: ['friction'] };
    await expect(service.create(args)).rejects.toMatchObject({ code: 'io-error' });
    expect(await service.list('doc')).toEqual([]);
  });
});
