// Sync faults against real remotes on this machine: an HTTP git server (git http-backend behind basic auth) and a
// bare repository on a path; wrong and missing tokens, offline, failures injected at every phase, a CLI sync
// killed mid-way, rejected pushes, a force-pushed remote and a teammate's file hand-edited into invalid JSON.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bareRepo, startGitHttpServer, type GitHttpServer } from './support/git-http-server';
import { gitCli, makeProject, passage, passageFile, passages, setPassages, syncAs } from './support/sync-project';
import { MemorySecretStore } from '../../src/main/sync/secret-store';
import type { SyncPoint } from '../../src/main/sync/sync';

const TOKEN = 'tok-3f9a7c1e5b2d8a6f';
let root: string;
let server: GitHttpServer;
let ana: string;
let sara: string;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'glossator-faults-'));
  bareRepo(root, 'team');
  server = await startGitHttpServer(root, TOKEN);
  ana = join(root, 'ana');
  sara = join(root, 'sara');
});
afterEach(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

async function secrets(url: string, token = TOKEN) {
  const store = new MemorySecretStore();
  await store.set(url, token);
  return store;
}

/** Every file under a folder (the repositories included), for grepping. */
function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

async function httpClones() {
  const url = server.url('team');
  makeProject(ana, 'ana', 'Ana');
  setPassages(ana, 'ana', 'doc-a', [passage('p1')]);
  expect((await syncAs(ana, 'Ana', { remote: url, secrets: await secrets(url) })).error).toBeNull();
  expect((await syncAs(sara, 'Sara', { remote: url, secrets: await secrets(url) })).error).toBeNull();
  makeProject(sara, 'sara', 'Sara');
  return url;
}

// Each case runs several real syncs and git processes: generous limits for a loaded 2-core machine.
describe('an HTTPS-style remote with a token', { timeout: 180_000 }, () => {
  it('syncs two clones; the token is nowhere in the folders, the server log, progress or reports', async () => {
    const url = await httpClones();
    const seen: string[] = [];
    setPassages(sara, 'sara', 'doc-a', [passage('s1')]);
    const r1 = await syncAs(sara, 'Sara', { secrets: await secrets(url), onProgress: (p) => seen.push(JSON.stringify(p)) });
    const r2 = await syncAs(ana, 'Ana', { secrets: await secrets(url), onProgress: (p) => seen.push(JSON.stringify(p)) });
    expect(r2.summary).toBe('Pulled 1 passage from Sara.');
    expect(passages(ana, 'sara', 'doc-a')).toEqual([passage('s1')]);
    expect(readFileSync(join(ana, '.git', 'config'), 'utf8')).toContain(`url = ${url}`);
    for (const file of [...allFiles(ana), ...allFiles(sara), ...allFiles(join(root, 'team.git'))]) {
      expect(readFileSync(file).includes(TOKEN), file).toBe(false);
    }
    expect([...seen, ...server.log, JSON.stringify([r1, r2])].join('\n')).not.toContain(TOKEN);
  });

  it('a wrong token gets a clear message that does not echo it; no token asks for one', async () => {
    const url = await httpClones();
    setPassages(ana, 'ana', 'doc-a', [passage('p1'), passage('p2')]);
    const wrong = 'wrong-token-9d8e7f';
    const r = await syncAs(ana, 'Ana', { secrets: await secrets(url, wrong) });
    expect(r.error).toMatchObject({ phase: 'fetch', code: 'auth' });
    expect(r.error!.message).toBe(`The remote ${url} refused the token (HTTP 401). Check that it is current and may read and write this repository. Your changes are committed in the project; the next sync sends them.`);
    expect(JSON.stringify(r)).not.toContain(wrong);
    const none = await syncAs(ana, 'Ana', { secrets: new MemorySecretStore() });
    expect(none.error!.message).toMatch(/asks for a token \(HTTP 401\)/);
    expect((await syncAs(ana, 'Ana', { secrets: await secrets(url) })).summary).toBe('Pushed 1 passage.');
  });

  it('a remote address carrying a password is refused before anything is stored', async () => {
    makeProject(ana, 'ana');
    const r = await syncAs(ana, 'Ana', { remote: `http://user:${TOKEN}@127.0.0.1:1/x.git` });
    expect(r.error?.code).toBe('bad-remote');
    expect(JSON.stringify(r)).not.toContain(TOKEN);
    expect(readFileSync(join(ana, '.git', 'config'), 'utf8')).not.toContain(TOKEN);
  });

  it('offline: the commit happens, the fetch fails with a clear message, the next sync completes it', async () => {
    const url = await httpClones();
    await server.stop();
    setPassages(ana, 'ana', 'doc-a', [passage('p1'), passage('p2')]);
    const offline = await syncAs(ana, 'Ana', { secrets: await secrets(url) });
    expect(offline.committed).toBe('Glossator sync: 1 passage added on doc-a');
    expect(offline.error).toMatchObject({ phase: 'fetch', code: 'offline' });
    expect(offline.error!.message).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:\d+\/team\.git \(ECONNREFUSED\): you may be offline\. Your changes are committed/);
    expect(gitCli(ana, 'status', '--porcelain')).toBe('');
    await server.restart();
    expect((await syncAs(ana, 'Ana', { secrets: await secrets(url) })).summary).toBe('Pushed 1 passage.');
    expect((await syncAs(sara, 'Sara', { secrets: await secrets(url) })).summary).toBe('Pulled 1 passage from Ana, pushed other changes.');
  });
});

describe('syncs interrupted mid-way leave the folder consistent; the next sync completes them', { timeout: 180_000 }, () => {
  const points: SyncPoint[] = ['commit', 'fetch', 'merge', 'push'];
  it.each(points)('a failure injected at %s', async (point) => {
    const url = await httpClones();
    setPassages(sara, 'sara', 'doc-a', [passage('s1')]);
    await syncAs(sara, 'Sara', { secrets: await secrets(url) });
    setPassages(ana, 'ana', 'doc-a', [passage('p1'), passage('p2')]);
    const failed = await syncAs(ana, 'Ana', { secrets: await secrets(url), at: async (p) => { if (p === point) throw new Error(`killed at ${p}`); } });
    expect(failed.error).toMatchObject({ phase: point, message: expect.stringContaining(`killed at ${point}`) });
    gitCli(ana, 'fsck');
    const again = await syncAs(ana, 'Ana', { secrets: await secrets(url) });
    expect(again.error).toBeNull();
    expect(again.conflicts).toBe(0);
    await syncAs(sara, 'Sara', { secrets: await secrets(url) });
    for (const dir of [ana, sara]) {
      expect(passages(dir, 'ana', 'doc-a').map((p) => p.id)).toEqual(['p1', 'p2']);
      expect(passages(dir, 'sara', 'doc-a').map((p) => p.id)).toEqual(['s1']);
      expect(gitCli(dir, 'status', '--porcelain')).toBe('');
    }
  });

  it.each(['merge', 'push'] as const)('the CLI sync process killed at %s (path remote)', async (point) => {
    const remote = join(root, 'team.git');
    makeProject(ana, 'ana', 'Ana');
    setPassages(ana, 'ana', 'doc-a', [passage('p1')]);
    await syncAs(ana, 'Ana', { remote });
    await syncAs(sara, 'Sara', { remote });
    makeProject(sara, 'sara', 'Sara');
    setPassages(sara, 'sara', 'doc-a', [passage('s1')]);
    await syncAs(sara, 'Sara');
    setPassages(ana, 'ana', 'doc-a', [passage('p1'), passage('p2')]);
    // node itself with tsx's loader (not the tsx wrapper, which would leave its node child running when killed).
    const child = spawn(process.execPath, ['--import', 'tsx', resolve('src/cli/bin.ts'), 'sync', '--corpus', ana], {
      env: { ...process.env, GLOSSATOR_TEST_SYNC_HANG_AT: point },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    await new Promise<void>((paused, failed) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        if (stderr.includes(`paused at ${point}`)) paused();
      });
      child.on('exit', () => failed(new Error(`the CLI exited before pausing: ${stderr}`)));
    });
    child.kill('SIGKILL');
    await new Promise((done) => child.once('close', done));
    gitCli(ana, 'fsck');
    const again = await syncAs(ana, 'Ana');
    expect(again.error).toBeNull();
    await syncAs(sara, 'Sara');
    for (const dir of [ana, sara]) {
      expect(passages(dir, 'ana', 'doc-a').map((p) => p.id)).toEqual(['p1', 'p2']);
      expect(passages(dir, 'sara', 'doc-a').map((p) => p.id)).toEqual(['s1']);
    }
    gitCli(remote, 'fsck', '--strict');
  });
});

describe('the remote moves or breaks', { timeout: 180_000 }, () => {
  it('a rejected push fetches, merges and retries once; rejected again, it reports', async () => {
    const url = await httpClones();
    setPassages(ana, 'ana', 'doc-a', [passage('p1'), passage('p2')]);
    let n = 0;
    const teammatePushes = async (p: SyncPoint) => {
      if (p !== 'push') return;
      setPassages(sara, 'sara', 'doc-a', Array.from({ length: ++n }, (_, i) => passage(`s${i + 1}`)));
      await syncAs(sara, 'Sara', { secrets: await secrets(url) });
    };
    const once = await syncAs(ana, 'Ana', { secrets: await secrets(url), at: async (p) => (n === 0 ? teammatePushes(p) : undefined) });
    expect(once.error).toBeNull();
    expect(once.summary).toBe('Pulled 1 passage from Sara, pushed 1 passage.');
    setPassages(ana, 'ana', 'doc-a', [passage('p1'), passage('p2'), passage('p3')]);
    const twice = await syncAs(ana, 'Ana', { secrets: await secrets(url), at: teammatePushes });
    expect(twice.error).toMatchObject({ phase: 'push', code: 'push-rejected' });
    expect(twice.error!.message).toMatch(/someone else pushed first.*committed in the project/);
    expect((await syncAs(ana, 'Ana', { secrets: await secrets(url) })).error).toBeNull();
    await syncAs(sara, 'Sara', { secrets: await secrets(url) });
    expect(passages(sara, 'ana', 'doc-a').map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
  });

  it('a history rewritten on the remote is detected, local commits are kept, and merging it is the analyst’s choice', async () => {
    const url = await httpClones();
    // A teammate rewrites the remote with command-line git: amend the last commit and force-push.
    const rewriter = join(root, 'rewriter');
    gitCli(root, 'clone', '--quiet', join(root, 'team.git'), rewriter);
    writeFileSync(join(rewriter, 'doc-b.txt'), 'A new article.\n');
    gitCli(rewriter, 'add', '-A');
    gitCli(rewriter, 'commit', '--quiet', '--amend', '-m', 'rewritten');
    gitCli(rewriter, 'push', '--quiet', '--force', 'origin', 'main');
    setPassages(ana, 'ana', 'doc-a', [passage('p1'), passage('p2')]);
    const r = await syncAs(ana, 'Ana', { secrets: await secrets(url) });
    expect(r.error).toMatchObject({ phase: 'merge', code: 'history-rewritten' });
    expect(r.error!.message).toMatch(/rewritten \(force-pushed\): commit [0-9a-f]{7}, which this project last synced, is no longer part of it\. Nothing was merged or pushed/);
    expect(gitCli(ana, 'log', '--format=%s', '-1')).toBe('Glossator sync: 1 passage added on doc-a\n');
    expect(passages(ana, 'ana', 'doc-a').map((p) => p.id)).toEqual(['p1', 'p2']);
    const accepted = await syncAs(ana, 'Ana', { secrets: await secrets(url), acceptRewrittenRemote: true });
    expect(accepted.error).toBeNull();
    expect(readFileSync(join(ana, 'doc-b.txt'), 'utf8')).toBe('A new article.\n');
    expect(passages(ana, 'ana', 'doc-a').map((p) => p.id)).toEqual(['p1', 'p2']);
  });

  it('a teammate’s file hand-edited into invalid JSON: refused by name and line, ours kept, reported', async () => {
    const url = await httpClones();
    writeFileSync(passageFile(sara, 'ana', 'doc-a'), '{"format":"glossator-passages/1"}\n{"id":"p1","note":\n');
    await syncAs(sara, 'Sara', { secrets: await secrets(url) });
    const r = await syncAs(ana, 'Ana', { secrets: await secrets(url) });
    expect(r.error).toBeNull();
    expect(r.refused).toEqual([{ file: '.glossator/coders/ana/passages/doc-a.jsonl', line: 2, reason: expect.stringMatching(/^not valid JSON/) }]);
    expect(r.summary).toMatch(/1 file of theirs could not be read \(\.glossator\/coders\/ana\/passages\/doc-a\.jsonl line 2\): yours kept/);
    expect(passages(ana, 'ana', 'doc-a')).toEqual([passage('p1')]);
  });
});
