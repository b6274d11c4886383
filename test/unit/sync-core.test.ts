// Sync through the contract, as the app calls it: the open corpus folder as a project, its remote and token (the
// token never answered back or written into the folder), progress per phase, the report, conflicts and their
// resolution; the bundled corpus refuses to sync.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../src/main/core/core';
import { MemorySecretStore } from '../../src/main/sync/secret-store';
import { bareRepo } from './support/git-http-server';
import { call, refused, SEED_CORPUS, value } from './support/core-harness';
import { makeProject, passage, setPassages, syncAs } from './support/sync-project';

let root: string;
let core: Core | null = null;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'glossator-sync-core-'));
});
afterEach(async () => {
  await core?.close();
  core = null;
  rmSync(root, { recursive: true, force: true });
});

const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));

describe('sync through the contract', { timeout: 120_000 }, () => {
  it('the bundled corpus is read-only: no sync, a clear reason', async () => {
    core = await createCore({ dataDir: join(root, 'data'), corpusDir: SEED_CORPUS, bundledCorpusDir: SEED_CORPUS });
    expect(await value(call(core, 'getSyncStatus', {}))).toEqual({ folder: null, remote: null, hasToken: false, conflicts: 0 });
    expect(await refused(call(core, 'syncProject', {}), 'unsupported')).toMatch(/bundled corpus is read-only/);
  });

  it('sets a remote and token, syncs with progress, reports, and resolves a conflict', async () => {
    const remote = bareRepo(root, 'team');
    const project = join(root, 'project');
    cpSync(SEED_CORPUS, project, { recursive: true });
    makeProject(project, 'me', 'Me');
    setPassages(project, 'me', 'doc-a', [passage('p1', 'base')]);
    const secrets = new MemorySecretStore();
    core = await createCore({ dataDir: join(root, 'data'), corpusDir: project, bundledCorpusDir: SEED_CORPUS, secrets });
    expect(await refused(call(core, 'setSyncRemote', { url: 'https://user:pw@example.org/x.git' }), 'invalid-argument')).toMatch(/user name or password/);
    const status = await value(call(core, 'setSyncRemote', { url: remote, token: 'secret-token-1234' }));
    expect(status).toMatchObject({ folder: project, remote, hasToken: true, conflicts: 0 });
    const phases: string[] = [];
    core.onSyncProgress((p) => phases.push(p.phase));
    const first = await value(call(core, 'syncProject', {}));
    expect(first).toMatchObject({ ok: true, pushed: 1, error: null, summary: 'Pushed 1 passage.' });
    expect(phases).toEqual(['commit', 'fetch', 'merge', 'push']);

    // A teammate edits the same passage differently.
    const mate = join(root, 'mate');
    await syncAs(mate, 'Mate', { remote });
    setPassages(mate, 'me', 'doc-a', [passage('p1', 'theirs')]);
    await syncAs(mate, 'Mate');
    setPassages(project, 'me', 'doc-a', [passage('p1', 'mine')]);
    const second = await value(call(core, 'syncProject', {}));
    expect(second.conflicts).toBe(1);
    const [conflict] = await value(call(core, 'listConflicts', {}));
    expect(conflict).toMatchObject({ recordId: 'p1', kind: 'edit-edit' });
    expect(JSON.parse(conflict!.mine!)).toMatchObject({ note: 'mine' });
    expect(JSON.parse(conflict!.theirs!)).toMatchObject({ note: 'theirs' });
    expect(await value(call(core, 'resolveConflict', { id: conflict!.id, choice: 'both' }))).toEqual({ message: 'Resolved p1 in .glossator/coders/me/passages/doc-a.jsonl: kept both.' });
    expect(await value(call(core, 'listConflicts', {}))).toEqual([]);
    expect(readFileSync(join(project, '.glossator/coders/me/passages/doc-a.jsonl'), 'utf8')).toMatch(/"id":"p1".*"note":"mine".*\n.*"id":"p1~2".*"note":"theirs"/);
    for (const file of files(project)) expect(readFileSync(file).includes('secret-token-1234'), file).toBe(false);
  });
});
