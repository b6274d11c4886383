// Sync between clones of one bare repository on this machine (a path remote, as on a shared drive): commits that
// say what changed, passages travelling both ways, conflicts recorded with both versions, and a folder that
// command-line git reads as an ordinary repository.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bareRepo } from './support/git-http-server';
import { gitCli, makeProject, passage, passages, setCodebook, setPassages, syncAs } from './support/sync-project';
import { readConflicts, resolveConflict } from '../../src/main/sync/conflicts';

let root: string;
let remote: string;
let ana: string;
let sara: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'glossator-sync-'));
  remote = bareRepo(root, 'team');
  ana = join(root, 'ana');
  sara = join(root, 'sara');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function twoClones() {
  makeProject(ana, 'ana', 'Ana');
  setPassages(ana, 'ana', 'doc-a', [passage('p1', 'first')]);
  const first = await syncAs(ana, 'Ana', { remote });
  expect(first.error).toBeNull();
  const joined = await syncAs(sara, 'Sara', { remote });
  expect(joined.error).toBeNull();
  makeProject(sara, 'sara', 'Sara');
  return { first, joined };
}

describe('sync through a bare repository on a path', { timeout: 120_000 }, () => {
  it('two analysts see each other’s passages, reported by name, in phases', async () => {
    const { first, joined } = await twoClones();
    expect(first.committed).toBe('Glossator sync: 1 passage added on doc-a; codebook: added Friction; 1 document added or changed; 2 project files changed');
    expect(first.phases).toEqual(['commit', 'fetch', 'merge', 'push']);
    expect(first.summary).toBe('Pushed 1 passage.');
    expect(joined.summary).toBe('Pulled 1 passage from Ana, codebook changes (added Friction).');
    expect(passages(sara, 'ana', 'doc-a')).toEqual([passage('p1', 'first')]);

    setPassages(sara, 'sara', 'doc-a', [passage('s1'), passage('s2')]);
    setPassages(ana, 'ana', 'doc-a', [passage('p1', 'first'), passage('p2')]);
    expect((await syncAs(sara, 'Sara')).summary).toBe('Pushed 2 passages.');
    const back = await syncAs(ana, 'Ana');
    expect(back.summary).toBe('Pulled 2 passages from Sara, pushed 1 passage.');
    expect((await syncAs(sara, 'Sara')).summary).toBe('Pulled 1 passage from Ana.');
    expect(passages(sara, 'ana', 'doc-a').map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(passages(ana, 'sara', 'doc-a').map((p) => p.id)).toEqual(['s1', 's2']);
    // An ordinary repository: command-line git clones it, logs it, and sees a clean working tree.
    expect(gitCli(ana, 'status', '--porcelain')).toBe('');
    expect(gitCli(remote, 'log', '--format=%an: %s', 'main')).toContain('Sara: Glossator sync: 2 passages added on doc-a');
    gitCli(root, 'clone', '--quiet', remote, 'cli-clone');
    expect(readFileSync(join(root, 'cli-clone', '.gitattributes'), 'utf8')).toContain('.glossator/**/*.jsonl merge=glossator');
    expect(gitCli(remote, 'fsck', '--strict')).toBe('');
    expect(gitCli(ana, 'fsck', '--strict')).toBe('');
  });

  it('a rename on one side and a recolour on the other merge; a conflicting note edit is kept with both versions', async () => {
    await twoClones();
    setPassages(sara, 'ana', 'doc-a', [passage('p1', 'Sara’s note')]);
    setCodebook(sara, [{ id: 'friction', name: 'Tension', color: '#cc3333' }]);
    expect((await syncAs(sara, 'Sara')).error).toBeNull();
    setPassages(ana, 'ana', 'doc-a', [passage('p1', 'Ana’s note')]);
    setCodebook(ana, [{ id: 'friction', name: 'Friction', color: '#0000ff' }]);
    const merged = await syncAs(ana, 'Ana');
    expect(merged.error).toBeNull();
    expect(merged.conflicts).toBe(1);
    expect(merged.summary).toBe('Pulled codebook changes (renamed Friction to Tension), pushed 1 passage, 1 conflict to resolve.');
    expect(readFileSync(join(ana, '.glossator', 'codebook.jsonl'), 'utf8')).toContain('{"id":"friction","name":"Tension","color":"#0000ff"}');
    expect(passages(ana, 'ana', 'doc-a')).toEqual([passage('p1', 'Ana’s note')]);
    const [conflict] = await readConflicts(ana);
    expect(conflict).toMatchObject({ recordId: 'p1', kind: 'edit-edit', mine: { note: 'Ana’s note' }, theirs: { note: 'Sara’s note' } });
    // The conflict travels with the project; taking theirs settles it everywhere.
    await resolveConflict(ana, conflict!.id, 'theirs', async () => new Uint8Array());
    expect(passages(ana, 'ana', 'doc-a')).toEqual([passage('p1', 'Sara’s note')]);
    expect(await readConflicts(ana)).toEqual([]);
    await syncAs(ana, 'Ana');
    await syncAs(sara, 'Sara');
    expect(passages(sara, 'ana', 'doc-a')).toEqual([passage('p1', 'Sara’s note')]);
    expect(await readConflicts(sara)).toEqual([]);
  });

  it('keep both gives theirs a new id; a passage deleted here and edited there comes back as a conflict', async () => {
    await twoClones();
    setPassages(sara, 'ana', 'doc-a', [passage('p1', 'edited by Sara')]);
    await syncAs(sara, 'Sara');
    setPassages(ana, 'ana', 'doc-a', []);
    const r = await syncAs(ana, 'Ana');
    expect(r.conflicts).toBe(1);
    expect(passages(ana, 'ana', 'doc-a')).toEqual([passage('p1', 'edited by Sara')]);
    const [c] = await readConflicts(ana);
    expect(c!.kind).toBe('delete-edit');
    await resolveConflict(ana, c!.id, 'mine', async () => new Uint8Array());
    expect(passages(ana, 'ana', 'doc-a')).toEqual([]);
  });

  it('no remote: the commit still happens and the report says so', async () => {
    makeProject(ana, 'ana');
    const r = await syncAs(ana, 'Ana');
    expect(r.error).toBeNull();
    expect(r.summary).toBe('Committed locally (no remote set).');
    expect(gitCli(ana, 'log', '--format=%B')).toMatch(/^Glossator sync: codebook: added Friction; 1 document added or changed; 2 project files changed\n\nadded \.gitattributes\n/);
    writeFileSync(join(ana, 'notes.txt'), 'x');
    expect((await syncAs(ana, 'Ana')).committed).toBe('Glossator sync: 1 document added or changed');
    expect((await syncAs(ana, 'Ana')).committed).toBeNull();
  });
});
