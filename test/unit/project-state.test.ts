// The renderer's project state against a fake main: the first-run coder dialog, layer selection (which call, which
// passages, late answers dropped), the open's notice shown once, and Save as project….
import { describe, expect, test } from 'vitest';
import { FakeMain, FakeError } from './support/fake-client';
import { Workbench } from '../../src/renderer/src/state/workbench.svelte';
import { Corpora } from '../../src/renderer/src/state/corpora.svelte';
import { ProjectState, layerFromKey, layerKey, type LayerChoice } from '../../src/renderer/src/state/project.svelte';
import { SyncState } from '../../src/renderer/src/state/sync.svelte';
import type { CorpusInfo, PlacedAnnotation } from '../../src/shared/types';

const PROJECT: CorpusInfo = { path: '/p/team', name: 'team', key: 'c-0000000000000001', readOnly: false, documentCount: 2, project: { id: 'p-1', name: 'team' }, notice: 'This folder is now a project: 3 passages on 1 document were copied.' };
const PLAIN: CorpusInfo = { path: '/p/plain', name: 'plain', key: 'c-0000000000000002', readOnly: false, documentCount: 2, project: null, notice: null };
const CODERS = [
  { id: 'ana-111111', name: 'Ana', color: '#0072b2' },
  { id: 'ben-222222', name: 'Ben', color: '#009e73' },
];

const passage = (id: string, coderId: string): PlacedAnnotation => ({
  id,
  docId: 'doc-a',
  target: { position: { start: 0, end: 3 }, quote: { exact: 'abc', prefix: '', suffix: '' }, contentHash: 'h' },
  tagIds: ['friction'],
  note: '',
  created: '2026-01-01T00:00:00Z',
  modified: '2026-01-01T00:00:00Z',
  state: 'anchored',
  range: { start: 0, end: 3 },
  coderId,
});

async function setup(current: CorpusInfo, confirmed: boolean) {
  const main = new FakeMain();
  main.handle('listCorpora', () => ({ current, recent: [] }));
  main.handle('getCoder', () => ({ coder: { ...CODERS[0]!, confirmed } }));
  main.handle('listCoders', () => CODERS);
  main.handle('listLayerPassages', ({ layer }) =>
    layer === 'all' ? [passage('a1', 'ana-111111'), passage('b1', 'ben-222222')] : layer === 'adjudicated' ? [] : [passage('b1', layer.coderId)],
  );
  const wb = new Workbench(main.client);
  await wb.init(null);
  const corpora = new Corpora(wb);
  await corpora.load();
  const project = new ProjectState(wb, corpora);
  await project.load(corpora.current);
  return { main, wb, corpora, project };
}

describe('ProjectState', () => {
  test.each<[string, LayerChoice]>([
    ['mine', 'mine'],
    ['all', 'all'],
    ['adjudicated', 'adjudicated'],
    ['coder:ben-222222', { coderId: 'ben-222222' }],
  ])('layer key %s round-trips', (key, choice) => {
    expect(layerFromKey(key)).toEqual(choice);
    expect(layerKey(choice)).toBe(key);
  });

  test('a project with an unconfirmed coder opens the dialog; saving names the coder and closes it', async () => {
    const { main, project, wb } = await setup(PROJECT, false);
    expect(project.isProject).toBe(true);
    expect(project.dialogOpen).toBe(true);
    main.handle('setCoder', ({ name, color }) => ({ id: 'ana-111111', name, color, confirmed: true }));
    expect(await project.saveCoder('Ana Lima', '#d55e00')).toBe(true);
    expect(project.dialogOpen).toBe(false);
    expect(project.coder).toEqual({ id: 'ana-111111', name: 'Ana Lima', color: '#d55e00', confirmed: true });
    expect(wb.notices.status).toBe('You code as Ana Lima.');
  });

  test('a refused name keeps the dialog open and says why', async () => {
    const { main, project, wb } = await setup(PROJECT, false);
    main.handle('setCoder', () => {
      throw new FakeError('store-unreadable', 'settings.json cannot be read.');
    });
    expect(await project.saveCoder('Ana', '#0072b2')).toBe(false);
    expect(project.dialogOpen).toBe(true);
    expect(wb.notices.error).toBe('settings.json cannot be read.');
  });

  test('a confirmed coder is not asked again; a plain corpus has no coders and no dialog', async () => {
    expect((await setup(PROJECT, true)).project.dialogOpen).toBe(false);
    const plain = await setup(PLAIN, false);
    expect(plain.project.isProject).toBe(false);
    expect(plain.project.dialogOpen).toBe(false);
    expect(plain.project.coders).toEqual([]);
    expect(plain.main.count('listCoders')).toBe(0);
  });

  test('choosing a layer fetches its passages for the open document; Mine goes back to the analyst’s own', async () => {
    const { main, project } = await setup(PROJECT, true);
    expect(project.readOnly).toBe(false);
    expect(project.passages).toBeNull();
    await project.chooseLayer('all');
    expect(main.lastArgs('listLayerPassages')).toEqual({ docId: 'doc-a', layer: 'all' });
    expect(project.passages?.map((p) => p.coderId)).toEqual(['ana-111111', 'ben-222222']);
    expect(project.readOnly).toBe(true);
    expect(project.coderMap.get('ben-222222')?.name).toBe('Ben');
    await project.chooseLayer({ coderId: 'ben-222222' });
    expect(main.lastArgs('listLayerPassages')).toEqual({ docId: 'doc-a', layer: { coderId: 'ben-222222' } });
    await project.chooseLayer('adjudicated');
    expect(project.passages).toEqual([]);
    const calls = main.count('listLayerPassages');
    await project.chooseLayer('mine');
    expect(project.passages).toBeNull();
    expect(main.count('listLayerPassages')).toBe(calls);
  });

  test('a late answer for an earlier layer is dropped', async () => {
    const { main, project } = await setup(PROJECT, true);
    main.hold('listLayerPassages');
    const first = project.chooseLayer('all');
    const second = project.chooseLayer('adjudicated');
    await main.release('listLayerPassages', 'reversed');
    await Promise.all([first, second]);
    expect(project.layer).toBe('adjudicated');
    expect(project.passages).toEqual([]);
  });

  test('the notice of an open shows until dismissed; opening another corpus resets the layer', async () => {
    const { project, corpora } = await setup(PROJECT, true);
    expect(project.notice).toBe(PROJECT.notice);
    project.dismissNotice();
    expect(project.notice).toBeNull();
    await project.chooseLayer('all');
    await project.load(corpora.current);
    expect(project.layer).toBe('mine');
    expect(project.notice).toBeNull();
  });

  test('Save as project… asks main for a folder, saves, opens it and shows what was copied; cancelling says so', async () => {
    const { main, project, wb, corpora } = await setup(PLAIN, false);
    main.handle('chooseProjectFolder', () => {
      throw new FakeError('cancelled', 'No folder was chosen.');
    });
    await project.saveAsProject();
    expect(wb.notices.status).toBe('No project was saved.');
    main.handle('chooseProjectFolder', () => ({ token: 'grant-1', name: 'team' }));
    main.handle('saveAsProject', () => ({ ...PROJECT, notice: '5 documents copied into /p/team. This folder is now a project.' }));
    main.handle('listCorpora', () => ({ current: { ...PROJECT, notice: null }, recent: [] }));
    await project.saveAsProject();
    expect(main.lastArgs('saveAsProject')).toEqual({ token: 'grant-1' });
    expect(corpora.current?.path).toBe('/p/team');
    expect(project.notice).toBe('5 documents copied into /p/team. This folder is now a project.');
    expect(wb.notices.status).toBe('Saved as project team.');
  });
});

describe('SyncState', () => {
  const conflict = { id: 'c1', file: '.glossator/coders/ana/passages/doc-a.jsonl', recordId: 'p1', kind: 'edit-edit', fields: [], mine: '{"note":"mine"}', theirs: '{"note":"theirs"}' };
  const report = { ok: true, summary: 'Pulled 2 passages, 1 conflict to resolve.', committed: null, pulled: 2, pushed: 0, conflicts: 1, refused: [], error: null };

  test('a sync shows its phase while it runs, reports, reloads the corpus and lists the conflicts; resolving one settles it', async () => {
    const main = new FakeMain();
    const wb = new Workbench(main.client);
    await wb.init(null);
    let reloads = 0;
    const sync = new SyncState(wb, async () => void reloads++);
    let waiting = 1;
    main.handle('getSyncStatus', () => ({ folder: '/p/team', remote: '/mnt/team.git', hasToken: false, conflicts: waiting }));
    main.handle('listConflicts', () => (waiting > 0 ? [conflict] : []));
    main.handle('syncProject', () => {
      sync.onProgress({ phase: 'merge', detail: 'merging 3 files' });
      expect(sync.progress).toEqual({ phase: 'merge', detail: 'merging 3 files' });
      return report;
    });
    sync.onProgress({ phase: 'fetch', detail: 'not ours' });
    expect(sync.progress).toBeNull();
    await sync.sync();
    expect(sync.running).toBe(false);
    expect(sync.report).toEqual(report);
    expect(wb.notices.status).toBe('Pulled 2 passages, 1 conflict to resolve.');
    expect(reloads).toBe(1);
    expect(sync.conflicts).toEqual([conflict]);
    main.handle('resolveConflict', ({ choice }) => {
      waiting = 0;
      return { message: `Resolved p1: ${choice}.` };
    });
    await sync.resolve(conflict, 'both');
    expect(main.lastArgs('resolveConflict')).toEqual({ id: 'c1', choice: 'both' });
    expect(wb.notices.status).toBe('Resolved p1: both.');
    expect(sync.conflicts).toEqual([]);
    expect(reloads).toBe(2);
  });

  test('a sync that stops says where and why', async () => {
    const main = new FakeMain();
    const wb = new Workbench(main.client);
    await wb.init(null);
    main.handle('getSyncStatus', () => ({ folder: '/p/team', remote: 'https://git.example.org/x.git', hasToken: true, conflicts: 0 }));
    main.handle('syncProject', () => ({ ...report, ok: false, conflicts: 0, error: { phase: 'push', code: 'auth', message: 'The remote refused the token.' } }));
    const sync = new SyncState(wb, async () => undefined);
    await sync.sync();
    expect(wb.notices.error).toBe('Sync stopped at push: The remote refused the token.');
  });
});
