// The main-process boundary: every bad call gets a typed error, nothing is written; good calls round-trip.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import type { ErrorCode } from '../../src/shared/result';
import type { PlacedAnnotation } from '../../src/shared/types';
import { DEFAULT_OPTIONS } from '../../src/main/export/types';
import { callOn, send, SEED_CORPUS, value } from './support/core-harness';

const DOC = '000_4ab67b766fb33eed';
const fixedClock = { now: () => new Date('2026-11-22T10:00:00Z') };
let ids = 0;

let dataDir: string;
let core: Core;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glossator-core-'));
  core = await createCore({ dataDir, corpusDir: SEED_CORPUS, clock: fixedClock, newId: () => `a${++ids}` });
});
afterEach(async () => {
  await core.flush();
  await rm(dataDir, { recursive: true, force: true });
});

const call = callOn(() => core);
async function textOf(docId: string): Promise<string> {
  return (await value<{ text: string }>(call('getDocument', { docId }))).text;
}
async function validArgs() {
  const text = await textOf(DOC);
  const exact = 'strategic cooperation between Russia and Iran will persist';
  const start = text.indexOf(exact);
  return { docId: DOC, start, end: start + exact.length, exact, tagIds: ['cooperation'] };
}

describe('bad input is refused with a typed error and writes nothing', () => {
  const cases: [string, (good: Awaited<ReturnType<typeof validArgs>>) => [unknown, unknown], ErrorCode][] = [
    ['unknown method', (g) => ['dropTables', g], 'invalid-argument'],
    ['unknown document', (g) => ['createAnnotation', { ...g, docId: 'nope' }], 'not-found'],
    ['path-like document id', (g) => ['createAnnotation', { ...g, docId: '../../etc/passwd' }], 'not-found'],
    ['unknown tag', (g) => ['createAnnotation', { ...g, tagIds: ['gossip'] }], 'not-found'],
    ['offsets past the end', (g) => ['createAnnotation', { ...g, start: 10_000_000, end: 10_000_005 }], 'out-of-range'],
    ['reversed offsets', (g) => ['createAnnotation', { ...g, start: g.end, end: g.start }], 'out-of-range'],
    ['empty passage', (g) => ['createAnnotation', { ...g, end: g.start, exact: 'x' }], 'out-of-range'],
    ['negative offset', (g) => ['createAnnotation', { ...g, start: -1 }], 'invalid-argument'],
    ['fractional offset', (g) => ['createAnnotation', { ...g, start: 1.5 }], 'invalid-argument'],
    ['quote does not match', (g) => ['createAnnotation', { ...g, exact: g.exact.toUpperCase() }], 'quote-mismatch'],
    ['oversized note', (g) => ['createAnnotation', { ...g, note: 'n'.repeat(20_001) }], 'too-large'],
    ['wrong types', (g) => ['createAnnotation', { ...g, tagIds: 'cooperation' }], 'invalid-argument'],
    ['unknown keys', (g) => ['createAnnotation', { ...g, admin: true }], 'invalid-argument'],
    ['payload not an object', () => ['createAnnotation', 'DROP'], 'invalid-argument'],
    ['update of unknown passage', () => ['updateAnnotation', { docId: DOC, annotationId: 'zz', note: 'x' }], 'not-found'],
    ['delete of unknown passage', () => ['deleteAnnotation', { docId: DOC, annotationId: 'zz' }], 'not-found'],
    ['bad grouping', () => ['buildDigest', { options: { ...DEFAULT_OPTIONS, groupBy: 'colour' } }], 'invalid-argument'],
    ['unknown export format', () => ['exportDigest', { format: 'docx', options: DEFAULT_OPTIONS }], 'invalid-argument'],
  ];
  it.each(cases)('%s', async (_name, make, code) => {
    const [method, args] = make(await validArgs());
    const result = await send(core, method, args);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(10);
    }
    const annotationsDir = join(dataDir, 'corpora/default/annotations');
    expect(await readdir(annotationsDir).catch(() => [])).toEqual([]);
  });
});

describe('good calls', () => {
  it('create → list → update → delete round-trips through the files', async () => {
    const args = await validArgs();
    const created = await value<PlacedAnnotation>(call('createAnnotation', { ...args, note: 'persist!' }));
    expect(created).toMatchObject({ state: 'anchored', range: { start: args.start, end: args.end }, note: 'persist!' });
    expect(created.target.quote.exact).toBe(args.exact);
    expect(created.target.quote.prefix.length).toBeLessThanOrEqual(32);
    expect(created.created).toBe('2026-11-22T10:00:00.000Z');

    const updated = await value<PlacedAnnotation>(
      call('updateAnnotation', { docId: DOC, annotationId: created.id, tagIds: ['hedging', 'hedging', 'friction'] }),
    );
    expect(updated.tagIds).toEqual(['hedging', 'friction']);

    await core.flush();
    const reopened = await createCore({ dataDir, corpusDir: SEED_CORPUS, clock: fixedClock });
    const listed = await call('listAnnotations', { docId: DOC }, reopened);
    expect(listed).toMatchObject({ ok: true, value: [{ id: created.id, tagIds: ['hedging', 'friction'], note: 'persist!' }] });
    const docs = await value<{ id: string; tagCounts: Record<string, number> }[]>(
      call('listDocuments', {}, reopened),
    );
    expect(docs.find((d) => d.id === DOC)?.tagCounts).toEqual({ hedging: 1, friction: 1 });

    await value(call('deleteAnnotation', { docId: DOC, annotationId: created.id }));
    const file = JSON.parse(await readFile(join(dataDir, `corpora/default/annotations/${DOC}.json`), 'utf8'));
    expect(file.annotations).toEqual([]);
  });

  it('saves the digest where the save target says, and reports a cancelled dialog', async () => {
    const target = join(dataDir, 'out.md');
    let answer: string | null = target;
    const saving = await createCore({
      dataDir,
      corpusDir: SEED_CORPUS,
      clock: fixedClock,
      saveTarget: { chooseSavePath: async () => answer },
    });
    await value(call('createAnnotation', await validArgs(), saving));
    const options = { ...DEFAULT_OPTIONS };
    const saved = await value<{ path: string; bytes: number }>(call('exportDigest', { format: 'md', options }, saving));
    expect(saved.path).toBe(target);
    expect(await readFile(target, 'utf8')).toContain('strategic cooperation between Russia and Iran will persist');
    answer = null;
    expect(await call('exportDigest', { format: 'md', options }, saving)).toMatchObject({
      ok: false,
      error: { code: 'cancelled' },
    });
  });
});
