// The undo history across restarts: kept per corpus in the data folder, bounded, validated on read, a damaged
// file set aside and reported; a kept step undoes only a passage still in the state it expects.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, test } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { UNDO_HISTORY_LIMIT, type UndoRecord } from '../../src/shared/contract';
import { Workbench } from '../../src/renderer/src/state/workbench.svelte';
import { PassageEditor } from '../../src/renderer/src/state/passage-editor';
import { callOn, SEED_CORPUS, value } from './support/core-harness';
import { FakeMain, settle } from './support/fake-client';

describe('kept in the data folder', () => {
  let dataDir: string;
  let core: Core;
  const call = callOn(() => core);
  const historyFile = () => join(dataDir, 'corpora', 'default', 'undo-history.json');
  const note = (i: number): UndoRecord => ({ kind: 'note', label: `edit ${i}`, docId: 'd', annotationId: 'a', before: `${i}`, after: `${i + 1}` });

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'glossator-undo-'));
    core = await createCore({ dataDir, corpusDir: SEED_CORPUS, storeIo: { damaged: 'move-aside' } });
  });
  afterEach(async () => {
    await core.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts empty, and gives back what was saved after a restart', async () => {
    expect(await value(call('getUndoHistory', {}))).toEqual({ done: [], undone: [], problem: null });
    const done = [note(1), note(2)];
    const undone = [note(3)];
    expect(await value(call('saveUndoHistory', { done, undone }))).toEqual({ saved: 3 });
    await core.close();
    core = await createCore({ dataDir, corpusDir: SEED_CORPUS, storeIo: { damaged: 'move-aside' } });
    expect(await value(call('getUndoHistory', {}))).toEqual({ done, undone, problem: null });
  });

  it(`refuses more than ${UNDO_HISTORY_LIMIT} steps and records that are not passage operations`, async () => {
    const many = Array.from({ length: UNDO_HISTORY_LIMIT + 1 }, (_, i) => note(i));
    expect((await call('saveUndoHistory', { done: many, undone: [] })).ok).toBe(false);
    const bad = { kind: 'rename', label: 'x', docId: 'd' } as unknown as UndoRecord;
    expect((await call('saveUndoHistory', { done: [bad], undone: [] })).ok).toBe(false);
  });

  test.each([
    ['not JSON', '{"schemaVersion": 1, "done": ['],
    ['the wrong shape', JSON.stringify({ schemaVersion: 1, done: [{ kind: 'note' }], undone: [] })],
    ['a newer format', JSON.stringify({ schemaVersion: 99, done: [], undone: [] })],
  ])('a file holding %s is set aside and reported; a new history starts and the corpus still opens', async (_what, text) => {
    await core.close();
    await mkdir(join(dataDir, 'corpora', 'default'), { recursive: true });
    await writeFile(historyFile(), text);
    core = await createCore({ dataDir, corpusDir: SEED_CORPUS, storeIo: { damaged: 'move-aside' } });
    const kept = await value(call('getUndoHistory', {}));
    expect(kept.done).toEqual([]);
    expect(kept.problem).toMatch(/^The undo history could not be read, so it starts empty\. .*undo-history\.json/);
    // Nothing was deleted: the damaged file is beside the new one.
    const files = await readdir(join(dataDir, 'corpora', 'default'));
    expect(files.filter((f) => f.startsWith('undo-history.json') && f !== 'undo-history.json').length).toBeGreaterThanOrEqual(1);
    expect(await value(call('saveUndoHistory', { done: [note(1)], undone: [] }))).toEqual({ saved: 1 });
    expect((await value(call('listDocuments', {}))).length).toBeGreaterThan(0);
  });
});

describe('undo after a restart (renderer)', () => {
  const FIRST = 'Strategic cooperation between Russia and Iran will persist.';

  /** A fresh renderer over the same main: what a restart leaves. */
  async function restarted(main: FakeMain): Promise<Workbench> {
    await settle();
    const wb = new Workbench(main.client);
    await wb.init(null);
    return wb;
  }

  it('undoes a tagging done before the restart, with the usual message', async () => {
    const main = new FakeMain();
    const wb = new Workbench(main.client);
    await wb.init(null);
    await new PassageEditor(wb).tagSelection({ start: 0, end: FIRST.length, exact: FIRST }, 'friction');
    const fresh = await restarted(main);
    expect(fresh.history.nextUndo).toBe('tag “Strategic cooperation between Russia…” as Friction');
    await fresh.runUndo();
    expect(fresh.notices.status).toBe('Undid: tag “Strategic cooperation between Russia…” as Friction.');
    expect(main.passagesOf('doc-a')).toEqual([]);
    await fresh.runUndo(true);
    expect(main.passagesOf('doc-a')).toHaveLength(1);
  });

  it.each([
    ['retagged elsewhere', (main: FakeMain, id: string) => main.passagesOf('doc-a').find((a) => a.id === id)!.tagIds.push('hedging'), 'its tags have changed since'],
    ['deleted elsewhere', (main: FakeMain) => main.passagesOf('doc-a').splice(0, 1), 'the passage is no longer there'],
  ])('does not undo a passage %s: says why and drops the step', async (_what, change, reason) => {
    const main = new FakeMain();
    const wb = new Workbench(main.client);
    await wb.init(null);
    const editor = new PassageEditor(wb);
    await editor.tagSelection({ start: 0, end: FIRST.length, exact: FIRST }, 'friction');
    const id = wb.annotations[0]!.id;
    await editor.toggleTag(id, 'cooperation');
    const fresh = await restarted(main);
    change(main, id);
    await fresh.runUndo();
    expect(fresh.notices.status).toBe(`Could not undo “add Cooperation on “Strategic cooperation between Russia…””: ${reason}. That step was dropped from the history.`);
    expect(fresh.history.nextUndo).toBe('tag “Strategic cooperation between Russia…” as Friction');
    expect(main.undoHistory.done.map((r) => r.kind)).toEqual(['create']);
  });
});
