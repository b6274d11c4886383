// Kept placements and summaries: after every kind of write, and after a text change, they equal what a fresh start computes.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnnotationService } from '../../src/main/core/annotation-service';
import { CodebookService } from '../../src/main/core/codebook-service';
import { CorpusService } from '../../src/main/core/corpus-service';
import { CoverageService } from '../../src/main/core/coverage-service';
import { documentHandlers, mapLimited } from '../../src/main/core/handlers/documents';
import { exportHandlers } from '../../src/main/core/handlers/export';
import { countPassages } from '../../src/main/core/placements';
import { loadDocument } from '../../src/main/corpus/corpus';
import { SnapshotStore } from '../../src/main/store/snapshots';
import { AnnotationStore } from '../../src/main/store/annotation-store';
import { TagStore } from '../../src/main/store/tag-store';
import type { DigestOptions, PlacedAnnotation } from '../../src/shared/types';
import { SEED_CORPUS } from './support/core-harness';

const DOC = '000_4ab67b766fb33eed';
const OTHER = '001_05282a48bb000cda';
const OPTIONS: DigestOptions = { groupBy: 'tag', tagIds: [], docIds: [], text: '', includeNotes: true, hashtags: false, bom: false };

let root: string;
let corpusDir: string;
let dataDir: string;
let ids = 0;
const clock = { now: () => new Date('2026-11-22T10:00:00Z') };
const unavailable = () => Promise.reject(new Error('not in this test'));

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'glossator-placements-'));
  corpusDir = join(root, 'corpus');
  dataDir = join(root, 'data');
  await cp(SEED_CORPUS, corpusDir, { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The services of one open corpus, as the workspace composes them; `corpus` may be shared with another app. */
async function openApp(corpus?: CorpusService) {
  corpus ??= await CorpusService.open(corpusDir);
  const store = new AnnotationStore({ dataDir, corpusKey: 'default' });
  const tags = new TagStore({ dataDir });
  const annotations = new AnnotationService(corpus, store, tags, clock, () => `p${++ids}`, new SnapshotStore({ dataDir, corpusKey: 'default' }));
  const codebook = new CodebookService({ tags, store, corpus, clock });
  const coverage = new CoverageService({ dataDir, corpusKey: 'default' });
  const host = { saveTarget: { chooseSavePath: unavailable }, openTarget: { chooseOpenPath: unavailable, chooseFolder: unavailable, chooseFiles: unavailable }, pdf: null };
  const handlers = {
    ...documentHandlers({ corpus, annotations, coverage, info: { version: 'test', dataDir, corpusDir } }),
    ...exportHandlers({ corpus, annotations, tags, importer: null as never, clock, version: 'test', ...host }),
  };
  return { corpus, store, tags, annotations, codebook, handlers };
}
type App = Awaited<ReturnType<typeof openApp>>;

/** Tags the first `words` words of each of the first `count` body paragraphs of a document. */
async function tagParagraphs(app: App, docId: string, count: number, tagIds: string[]): Promise<PlacedAnnotation[]> {
  const doc = app.corpus.get(docId);
  const made: PlacedAnnotation[] = [];
  for (const block of doc.blocks.filter((b) => b.kind === 'paragraph').slice(0, count)) {
    const end = doc.text.indexOf(' ', block.start + 30);
    made.push(await app.annotations.create({ docId, start: block.start, end, exact: doc.text.slice(block.start, end), tagIds }));
  }
  return made;
}

/** What a fresh start shows for the same files (and the same corpus object, so text changes count). */
async function fresh(app: App) {
  await app.store.flush();
  const again = await openApp(app.corpus);
  return {
    documents: await again.handlers.listDocuments({}),
    passages: await Promise.all(app.corpus.all().map((d) => again.annotations.list(d.id))),
    digest: await again.handlers.buildDigest({ options: OPTIONS }),
    charts: await again.handlers.getCharts({ options: OPTIONS }),
  };
}

async function shown(app: App) {
  return {
    documents: await app.handlers.listDocuments({}),
    passages: await Promise.all(app.corpus.all().map((d) => app.annotations.list(d.id))),
    digest: await app.handlers.buildDigest({ options: OPTIONS }),
    charts: await app.handlers.getCharts({ options: OPTIONS }),
  };
}

describe('after each kind of write, the kept listing equals a fresh computation', () => {
  // Every path that writes passages: the service's own, the codebook's, and the store's (imports,
  // review and recovery write through it directly).
  const writes: [string, (app: App, made: PlacedAnnotation[]) => Promise<unknown>][] = [
    ['create', (app) => tagParagraphs(app, OTHER, 1, ['hedging'])],
    ['update tags', (app, [a]) => app.annotations.update({ docId: DOC, annotationId: a!.id, tagIds: ['hedging', 'friction'] })],
    ['update note', (app, [a]) => app.annotations.update({ docId: DOC, annotationId: a!.id, note: 'a new note' })],
    ['delete', (app, [, b]) => app.annotations.remove({ docId: DOC, annotationId: b!.id })],
    ['restore after delete', async (app, [, b]) => {
      await app.annotations.remove({ docId: DOC, annotationId: b!.id });
      await shown(app); // the listing without it is kept too
      // Restored with a note, so the listing differs from the one before the delete.
      await app.annotations.restore({ ...b!, note: 'restored with a note' });
    }],
    ['set tags of many', (app, [a, b]) => app.annotations.setTagsMany([{ docId: DOC, annotationId: a!.id, tagIds: [] }, { docId: DOC, annotationId: b!.id, tagIds: ['hedging'] }])],
    ['merge tags', (app) => app.codebook.mergeTags({ sourceId: 'friction', targetId: 'cooperation' })],
    ['delete a tag', (app) => app.codebook.deleteTag({ tagId: 'friction' })],
    ['a write straight to the store', (app, [, , c]) => app.store.update(DOC, c!.id, (x) => ({ ...x, tagIds: ['cooperation', 'hedging'] }))],
  ];

  it.each(writes)('%s', async (_name, write) => {
    const app = await openApp();
    const made = await tagParagraphs(app, DOC, 3, ['friction']);
    const before = await shown(app); // kept from here on
    await write(app, made);
    const after = await shown(app);
    expect(after).toEqual(await fresh(app));
    expect(after).not.toEqual(before);
  });

  it('a document nobody wrote keeps its placement; the written one is placed again', async () => {
    const app = await openApp();
    const [a] = await tagParagraphs(app, DOC, 2, ['friction']);
    await tagParagraphs(app, OTHER, 2, ['hedging']);
    const [doc, other] = [await app.annotations.placement(DOC), await app.annotations.placement(OTHER)];
    expect(await app.annotations.placement(DOC)).toBe(doc);
    await app.annotations.update({ docId: DOC, annotationId: a!.id, tagIds: ['hedging'] });
    expect(await app.annotations.placement(OTHER)).toBe(other);
    expect(await app.annotations.placement(DOC)).not.toBe(doc);
  });

  it('a save places again only the passages it changed; the others keep their placement', async () => {
    const app = await openApp();
    const [a, b, c] = await tagParagraphs(app, DOC, 3, ['friction']);
    const byId = async () => new Map((await app.annotations.list(DOC)).map((p) => [p.id, p]));
    const before = await byId();
    await app.annotations.update({ docId: DOC, annotationId: b!.id, tagIds: ['hedging'] });
    const after = await byId();
    expect(after.get(a!.id)).toBe(before.get(a!.id));
    expect(after.get(c!.id)).toBe(before.get(c!.id));
    expect(after.get(b!.id)).not.toBe(before.get(b!.id));
    expect(after.get(b!.id)?.tagIds).toEqual(['hedging']);
  });

  it('a restored backup and a fresh start of a damaged file are listed as a fresh start lists them', async () => {
    const seeding = await openApp();
    const [a] = await tagParagraphs(seeding, DOC, 3, ['friction']);
    await seeding.annotations.update({ docId: DOC, annotationId: a!.id, tagIds: ['hedging'] });
    await seeding.store.flush();
    const file = seeding.store.fileOf(DOC);
    await writeFile(file, (await readFile(file, 'utf8')).slice(0, 40));
    const app = await openApp();
    const damaged = (await app.handlers.listDocuments({})).find((d) => d.id === DOC)!;
    expect(damaged.storeError).toMatch(/not valid JSON/);
    await app.store.restoreBackup(DOC, 2);
    expect(await shown(app)).toEqual(await fresh(app));
    const restored = (await app.handlers.listDocuments({})).find((d) => d.id === DOC)!;
    expect(restored).toMatchObject({ passageCount: 2, storeError: null, tagCounts: { friction: 2 } });
  });
});

describe('a changed text', () => {
  it('places the passages again on the new text, without any write', async () => {
    const app = await openApp();
    const [first, second] = await tagParagraphs(app, DOC, 3, ['friction']);
    const before = await shown(app);
    expect(before.documents.find((d) => d.id === DOC)!.needsReview).toBe(0);
    // The first passage's words are gone, the second's moved by an inserted sentence.
    const source = join(corpusDir, `${DOC}.txt`);
    const text = await readFile(source, 'utf8');
    const edited = text.replace(first!.target.quote.exact, '').replace(second!.target.quote.exact, `New words. ${second!.target.quote.exact}`);
    await writeFile(source, edited);
    app.corpus.replace(await loadDocument(corpusDir, `${DOC}.txt`));
    const after = await shown(app);
    expect(after).toEqual(await fresh(app));
    const placed = after.passages[app.corpus.all().findIndex((d) => d.id === DOC)]!;
    expect(placed.find((p) => p.id === first!.id)!.state).toBe('needs-review');
    expect(placed.find((p) => p.id === second!.id)!.range).not.toEqual(second!.range);
    expect(after.documents.find((d) => d.id === DOC)!.needsReview).toBe(1);
  });
});

describe('what callers get', () => {
  it('passages are frozen and the array is the caller’s own', async () => {
    const app = await openApp();
    await tagParagraphs(app, DOC, 2, ['friction']);
    const list = await app.annotations.list(DOC);
    expect(Object.isFrozen(list[0])).toBe(true);
    expect(() => (list[0]!.tagIds as string[]).push('x')).toThrow(TypeError);
    list.pop();
    expect(await app.annotations.list(DOC)).toHaveLength(2);
  });

  it('counts() answers a copy: changing it changes no later answer', async () => {
    const app = await openApp();
    await tagParagraphs(app, DOC, 2, ['friction']);
    const counts = await app.annotations.counts(DOC);
    counts.tagCounts.friction = 99;
    expect(await app.annotations.counts(DOC)).toEqual(countPassages(await app.annotations.list(DOC)));
  });
});

describe('mapLimited', () => {
  it('answers in order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimited([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(most).toBe(3);
    expect(await mapLimited([], 3, async () => 1)).toEqual([]);
  });
});
