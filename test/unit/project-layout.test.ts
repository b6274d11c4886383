// The project layout: every file of a project under <project>/.glossator, derived data in the app's data folder keyed by project id.
import { describe, expect, it } from 'vitest';
import { join, relative } from 'node:path';
import { coderPaths, projectCorpusPaths, projectDerivedRoot, projectPaths } from '../../src/main/store/layout';

describe('project layout', () => {
  const root = join('/', 'home', 'ana', 'Interviews');
  const rel = (p: string) => relative(root, p).split('\\').join('/');

  it('puts each kind of data where the shared design says', () => {
    const p = projectPaths(root);
    expect(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, rel(v)]))).toEqual({
      root: '',
      data: '.glossator',
      projectFile: '.glossator/project.json',
      gitattributes: '.gitattributes',
      gitignore: '.glossator/.gitignore',
      codebook: '.glossator/codebook.jsonl',
      memos: '.glossator/memos.jsonl',
      metadata: '.glossator/metadata.jsonl',
      coders: '.glossator/coders',
      snapshots: '.glossator/snapshots',
      adjudicatedPassages: '.glossator/adjudicated/passages',
    });
    const c = coderPaths(root, 'k7');
    expect(Object.fromEntries(Object.entries(c).map(([k, v]) => [k, rel(v)]))).toEqual({
      dir: '.glossator/coders/k7',
      coderFile: '.glossator/coders/k7/coder.json',
      passages: '.glossator/coders/k7/passages',
      coverage: '.glossator/coders/k7/coverage',
      rejections: '.glossator/coders/k7/rejections.jsonl',
    });
  });

  it('gives two coders disjoint files, and keeps derived data out of the project, keyed by id not path', () => {
    const data = join('/', 'appdata');
    const a = projectCorpusPaths(root, 'proj-1', 'ana', data);
    const b = projectCorpusPaths(root, 'proj-1', 'ben', data);
    expect(a.annotations).not.toBe(b.annotations);
    expect(a.coverage).not.toBe(b.coverage);
    expect(a.metadata).toBe(b.metadata);
    expect(a.cache.startsWith(projectDerivedRoot(data, 'proj-1'))).toBe(true);
    expect(a.cache.startsWith(root)).toBe(false);
    // The same project cloned elsewhere shares its derived root: nothing is keyed by the folder's path.
    expect(projectCorpusPaths(join('/', 'mnt', 'copy'), 'proj-1', 'ana', data).cache).toBe(a.cache);
  });
});
