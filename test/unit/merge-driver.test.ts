// The merge as command-line git uses it: a real `git merge` of two branches through `glossator merge-driver`
// (configured as the README says), with no conflict markers ever written into a data file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gitCli, passage, passages, setCodebook, setPassages, syncAs } from './support/sync-project';
import { readConflicts } from '../../src/main/sync/conflicts';

const tsx = resolve('node_modules/.bin/tsx');
const bin = resolve('src/cli/bin.ts');
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'glossator-driver-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function repoWithBranches(name: string, edit: { main: () => void; theirs: () => void }, dir = join(root, name)) {
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir]);
  gitCli(dir, 'config', 'merge.glossator.name', 'Glossator per-record merge');
  gitCli(dir, 'config', 'merge.glossator.driver', `${tsx} ${bin} merge-driver %O %A %B %P`);
  writeFileSync(join(dir, '.gitattributes'), '.glossator/**/*.jsonl merge=glossator\n');
  setPassages(dir, 'ana', 'doc-a', [passage('p1', 'base')]);
  setCodebook(dir, [{ id: 'friction', name: 'Friction', color: '#cc3333' }]);
  gitCli(dir, 'add', '-A');
  gitCli(dir, 'commit', '--quiet', '-m', 'base');
  gitCli(dir, 'checkout', '--quiet', '-b', 'theirs');
  edit.theirs();
  gitCli(dir, 'commit', '--quiet', '-am', 'theirs');
  gitCli(dir, 'checkout', '--quiet', 'main');
  edit.main();
  gitCli(dir, 'commit', '--quiet', '-am', 'mine');
  return dir;
}

const merge = (dir: string) => spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', 'merge', '--no-edit', 'theirs'], { cwd: dir, encoding: 'utf8' });

describe('glossator merge-driver under command-line git', { timeout: 120_000 }, () => {
  it('merges passages by id and the codebook by field: exit 0, no markers', () => {
    const dir = repoWithBranches('clean', {
      theirs: () => {
        setPassages(join(root, 'clean'), 'ana', 'doc-a', [passage('p1', 'their edit'), passage('p3')]);
        setCodebook(join(root, 'clean'), [{ id: 'friction', name: 'Tension', color: '#cc3333' }]);
      },
      main: () => {
        setPassages(join(root, 'clean'), 'ana', 'doc-a', [passage('p1', 'base'), passage('p2')]);
        setCodebook(join(root, 'clean'), [{ id: 'friction', name: 'Friction', color: '#0000ff' }]);
      },
    });
    const result = merge(dir);
    expect(result.status, result.stderr + result.stdout).toBe(0);
    expect(passages(dir, 'ana', 'doc-a')).toEqual([passage('p1', 'their edit'), passage('p2'), passage('p3')]);
    expect(readFileSync(join(dir, '.glossator/codebook.jsonl'), 'utf8')).toBe('{"format":"glossator-codebook/1"}\n{"id":"friction","name":"Tension","color":"#0000ff"}\n');
    expect(gitCli(dir, 'status', '--porcelain')).toBe('');
  });

  it('a conflicting edit: exit 1, ours in the file, both versions recorded for the app; the next sync adopts them', async () => {
    const dir = join(root, 'conflict');
    repoWithBranches('conflict', {
      theirs: () => setPassages(dir, 'ana', 'doc-a', [passage('p1', 'theirs')]),
      main: () => setPassages(dir, 'ana', 'doc-a', [passage('p1', 'mine')]),
    });
    const result = merge(dir);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('conflict in .glossator/coders/ana/passages/doc-a.jsonl on p1 (edit-edit)');
    const text = readFileSync(join(dir, '.glossator/coders/ana/passages/doc-a.jsonl'), 'utf8');
    expect(text).not.toMatch(/<<<<<<<|>>>>>>>|=======/);
    expect(passages(dir, 'ana', 'doc-a')).toEqual([passage('p1', 'mine')]);
    gitCli(dir, 'commit', '--quiet', '-am', 'merged with a conflict');
    expect((await syncAs(dir, 'T')).error).toBeNull();
    expect(await readConflicts(dir)).toMatchObject([{ recordId: 'p1', mine: { note: 'mine' }, theirs: { note: 'theirs' } }]);
  });

  it('a teammate file hand-edited into invalid JSON is refused by name and line, ours untouched', () => {
    const dir = join(root, 'invalid');
    repoWithBranches('invalid', {
      theirs: () => writeFileSync(join(dir, '.glossator/coders/ana/passages/doc-a.jsonl'), '{"format":"glossator-passages/1"}\n{"id":"p1",\n'),
      main: () => setPassages(dir, 'ana', 'doc-a', [passage('p1', 'mine')]),
    });
    const result = merge(dir);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/\.glossator\/coders\/ana\/passages\/doc-a\.jsonl, line 2: not valid JSON/);
    expect(passages(dir, 'ana', 'doc-a')).toEqual([passage('p1', 'mine')]);
  });
});
