// The review queue on a real corpus copy: edited documents give moved and needs-review passages, removed ones orphans.
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnnotationService } from '../../src/main/core/annotation-service';
import { CorpusService } from '../../src/main/core/corpus-service';
import { annotationHandlers } from '../../src/main/core/handlers/annotations';
import { reviewHandlers } from '../../src/main/core/handlers/review';
import { REASONS, ReviewService } from '../../src/main/core/review-service';
import { AnnotationStore } from '../../src/main/store/annotation-store';
import { TagStore } from '../../src/main/store/tag-store';
import type { PlacedAnnotation } from '../../src/shared/types';
import { SEED_CORPUS } from './support/core-harness';

const DOC = '000_4ab67b766fb33eed';
const GONE = '004_602bfc5574c20f0a';
const TITLE = 'Russo-Iranian Alignment Will Continue Despite Differences';
const STAYS = 'Iranian Foreign Minister Hossein Amir-Abdollahian arrived in Moscow';
const MOVES = 'Iranian President Hassan Rouhani criticized sanctions against Russia as the “wrong tool”';
const DELETED =
  'Russia has viewed the re-entry of Iranian oil into Western markets with concern, as it would ease price hikes and restrict Moscow’s capacity to weaponize energy in retaliation for sanctions.';

let root: string;
let corpusDir: string;
let dataDir: string;
let ids = 0;
const clock = { date: new Date('2026-11-22T10:00:00Z'), now: () => clock.date };
const opened: AnnotationStore[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'glossator-review-'));
  corpusDir = join(root, 'corpus');
  dataDir = join(root, 'data');
  await cp(SEED_CORPUS, corpusDir, { recursive: true });
  clock.date = new Date('2026-11-22T10:00:00Z');
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.flush()));
  await rm(root, { recursive: true, force: true });
});

/** Opens the corpus copy and the data dir afresh, as the app does on start or on switching corpus. */
async function openApp() {
  const corpus = await CorpusService.open(corpusDir);
  const store = new AnnotationStore({ dataDir, corpusKey: 'default' });
  const tags = new TagStore({ dataDir });
  const annotations = new AnnotationService(corpus, store, tags, clock, () => `a${++ids}`);
  const review = new ReviewService({ corpus, annotations, store, tags, clock });
  opened.push(store);
  const handlers = { ...annotationHandlers({ annotations, review }), ...reviewHandlers({ review }) };
  return { corpus, store, annotations, review, handlers };
}
type App = Awaited<ReturnType<typeof openApp>>;

async function tag(app: App, docId: string, exact: string, note = ''): Promise<PlacedAnnotation> {
  const start = app.corpus.get(docId).text.indexOf(exact);
  expect(start).toBeGreaterThanOrEqual(0);
  return app.annotations.create({ docId, start, end: start + exact.length, exact, tagIds: ['friction'], note });
}

async function editSource(docId: string, edit: (text: string) => string): Promise<void> {
  const file = join(corpusDir, `${docId}.txt`);
  const before = await readFile(file, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  await writeFile(file, after);
}

const fileOf = (docId: string) => join(dataDir, 'corpora/default/annotations', `${docId}.json`);
const storedOf = async (docId: string) => JSON.parse(await readFile(fileOf(docId), 'utf8')).annotations;

describe('passages on an edited document', () => {
  async function tagThenEdit() {
    const app = await openApp();
    const stays = await tag(app, DOC, STAYS);
    const moves = await tag(app, DOC, MOVES, 'keep this note');
    const deleted = await tag(app, DOC, DELETED);
    await app.store.flush();
    await editSource(DOC, (text) =>
      text
        .replace('Similarly, after Russia’s 2014', 'An editor added this paragraph later on.\n\nSimilarly, after Russia’s 2014')
        .replace('Rouhani criticized', 'Rouhani criticised')
        .replace(`${DELETED} `, ''),
    );
    clock.date = new Date('2026-12-01T09:00:00Z');
    return { app: await openApp(), stays, moves, deleted };
  }

  it('lists the moved and needs-review passages with reasons, not the anchored one', async () => {
    const { app, stays, moves, deleted } = await tagThenEdit();
    const items = await app.review.list();
    expect(items.map((i) => [i.passage.id, i.passage.state, i.reason, i.docTitle])).toEqual([
      [moves.id, 'moved', REASONS.moved, TITLE],
      [deleted.id, 'needs-review', REASONS['needs-review'], TITLE],
    ]);
    expect(items[1]!.passage.range).toBeNull();
    const text = app.corpus.get(DOC).text;
    const range = items[0]!.passage.range!;
    expect(text.slice(range.start, range.end)).toBe(MOVES.replace('criticized', 'criticised'));
    expect((await app.annotations.list(DOC)).find((p) => p.id === stays.id)?.state).toBe('anchored');
    expect(await app.handlers.listReview({})).toEqual(items);
  });

  it('confirms a move: anchored on reload, tags and note kept, gone from the queue', async () => {
    const { app, stays, moves, deleted } = await tagThenEdit();
    await expect(app.review.confirmMove(DOC, stays.id)).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(app.review.confirmMove(DOC, deleted.id)).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(app.review.confirmMove(DOC, 'zz')).rejects.toMatchObject({ code: 'not-found' });
    await expect(app.review.confirmMove('nope', moves.id)).rejects.toMatchObject({ code: 'not-found' });

    const range = (await app.review.list())[0]!.passage.range;
    const confirmed = await app.handlers.confirmMove({ docId: DOC, annotationId: moves.id });
    expect(confirmed).toMatchObject({ state: 'anchored', range, tagIds: ['friction'], note: 'keep this note' });
    expect(confirmed.created).toBe(moves.created);
    expect(confirmed.modified).toBe('2026-12-01T09:00:00.000Z');
    expect(confirmed.target.quote.exact).toContain('criticised');
    expect(confirmed.target.contentHash).toBe(app.corpus.get(DOC).contentHash);

    await app.store.flush();
    const again = await openApp();
    expect((await again.annotations.list(DOC)).find((p) => p.id === moves.id)).toMatchObject({ state: 'anchored', range });
    expect((await again.review.list()).map((i) => i.passage.id)).toEqual([deleted.id]);
  });

  it('refuses bad reattach inputs with typed errors and writes nothing', async () => {
    const { app, deleted } = await tagThenEdit();
    await app.store.flush();
    const before = await readFile(fileOf(DOC), 'utf8');
    const exact = 'mutual tensions have surfaced in recent weeks';
    const start = app.corpus.get(DOC).text.indexOf(exact);
    const good = { docId: DOC, annotationId: deleted.id, start, end: start + exact.length, exact };
    const cases: [object, string][] = [
      [{ exact: exact.toUpperCase() }, 'quote-mismatch'],
      [{ start: 10_000_000, end: 10_000_045 }, 'out-of-range'],
      [{ end: start }, 'out-of-range'],
      [{ docId: 'nope' }, 'not-found'],
      [{ annotationId: 'zz' }, 'not-found'],
    ];
    for (const [change, code] of cases) {
      await expect(app.review.reattach({ ...good, ...change })).rejects.toMatchObject({ code });
    }
    await app.store.flush();
    expect(await readFile(fileOf(DOC), 'utf8')).toBe(before);
  });

  it('reattaches a needs-review passage to newly chosen text', async () => {
    const { app, deleted } = await tagThenEdit();
    const exact = 'mutual tensions have surfaced in recent weeks';
    const start = app.corpus.get(DOC).text.indexOf(exact);
    const range = { start, end: start + exact.length };
    const placed = await app.handlers.reattach({ docId: DOC, annotationId: deleted.id, ...range, exact });
    expect(placed).toMatchObject({ state: 'anchored', range, tagIds: ['friction'], created: deleted.created });
    expect(placed.target.quote.exact).toBe(exact);

    await app.store.flush();
    const again = await openApp();
    expect((await again.annotations.list(DOC)).find((p) => p.id === deleted.id)).toMatchObject({ state: 'anchored', range });
    expect((await again.review.list()).map((i) => i.passage.state)).toEqual(['moved']);
  });
});

describe('passages of a removed document', () => {
  async function tagThenRemove() {
    const app = await openApp();
    const kept = await tag(app, DOC, STAYS);
    const later = await tag(app, GONE, 'nothing much has changed in their ties yet');
    const earlier = await tag(app, GONE, 'Russia–Iran relations remain firmly transactional');
    await app.store.flush();
    await rm(join(corpusDir, `${GONE}.txt`));
    return { app: await openApp(), kept, earlier, later };
  }

  it('lists them as orphaned, last, in their old reading order', async () => {
    const { app, earlier, later } = await tagThenRemove();
    expect(await app.store.documentIds()).toEqual([DOC, GONE]);
    const items = await app.review.list();
    expect(items.map((i) => [i.passage.id, i.passage.state, i.passage.range, i.docTitle, i.reason])).toEqual([
      [earlier.id, 'orphaned', null, GONE, REASONS.orphaned],
      [later.id, 'orphaned', null, GONE, REASONS.orphaned],
    ]);
  });

  it('deletes them through removeOrphan and the deleteAnnotation handler', async () => {
    const { app, kept, earlier, later } = await tagThenRemove();
    await expect(app.review.removeOrphan(DOC, kept.id)).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(app.review.removeOrphan('nope', earlier.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(app.review.removeOrphan('../../etc/passwd', earlier.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(app.handlers.deleteAnnotation({ docId: GONE, annotationId: 'zz' })).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(app.handlers.deleteAnnotation({ docId: 'nope', annotationId: 'zz' })).rejects.toMatchObject({
      code: 'not-found',
    });

    await app.review.removeOrphan(GONE, earlier.id);
    expect(await app.handlers.deleteAnnotation({ docId: GONE, annotationId: later.id })).toEqual({ annotationId: later.id });
    expect(await app.review.list()).toEqual([]);
    await app.store.flush();
    expect(await storedOf(GONE)).toEqual([]);
    expect((await storedOf(DOC)).map((a: { id: string }) => a.id)).toEqual([kept.id]);
    // Passages of documents still in the corpus are deleted as before.
    await app.handlers.deleteAnnotation({ docId: DOC, annotationId: kept.id });
    await app.store.flush();
    expect(await storedOf(DOC)).toEqual([]);
  });

  it('skips unreadable annotation files and lists only valid document ids', async () => {
    const { app, earlier, later } = await tagThenRemove();
    const dir = join(dataDir, 'corpora/default/annotations');
    await writeFile(join(dir, 'broken.json'), '{ not json');
    await writeFile(join(dir, `${DOC}.json`), '{ not json either');
    await writeFile(join(dir, '.hidden.json'), '{}');
    await writeFile(join(dir, `${GONE}.json.123abc`), '{}');
    await mkdir(join(dir, 'folder.json'));
    expect(await app.store.documentIds()).toEqual(['broken', DOC, GONE].sort());
    expect((await app.review.list()).map((i) => i.passage.id)).toEqual([earlier.id, later.id]);
  });

  it('documentIds() is empty before anything is written', async () => {
    const app = await openApp();
    expect(await app.store.documentIds()).toEqual([]);
    expect(await app.review.list()).toEqual([]);
  });
});
