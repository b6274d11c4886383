// The CLI on damaged data (names the file, exits 1, moves nothing) and the data folder's lock (glossator.lock).
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { DataFolderLockedError, LOCK_FILE, acquireDataLock, lockHolder } from '../../src/main/store/lock';

const DOC = '000_4ab67b766fb33eed';
let dir: string;
const children: ChildProcess[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glossator-cli-damaged-'));
});
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

const seen: string[] = [];
afterAll(() => console.log(`CLI runs on damaged or locked data folders: ${seen.length}\n${seen.join('\n')}`));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { write: (t: string) => (out += t) } as never, { write: (t: string) => (err += t) } as never);
  if (code !== 0) seen.push(`  ${argv[0]} → exit ${code}: ${err.split('\n')[0]!.replace(dir, '<tmp>').replace(dir, '<tmp>').slice(0, 150)}`);
  return { code, out, err };
}

/** Every file under `root` with its bytes: proof that the CLI moved and rewrote nothing. */
async function files(root: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const name of (await readdir(root, { recursive: true })).map(String).sort()) {
    const path = join(root, name);
    if ((await stat(path)).isFile()) found[name] = await readFile(path, 'latin1');
  }
  return found;
}

async function damage(relative: string, bytes: string | Buffer): Promise<string> {
  const file = join(dir, relative);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, bytes);
  return file;
}

describe('the CLI on a data folder with a damaged file', () => {
  const cases: [string, string, string | Buffer, RegExp][] = [
    ['an annotation file', `corpora/default/annotations/${DOC}.json`, `{"schemaVersion":1,"docId":"${DOC}","annotations":[{"id":`, /not valid JSON/],
    ['a coverage file', `corpora/default/coverage/${DOC}.json`, Buffer.alloc(512), /only zero bytes/],
    ['the codebook', 'tags.json', '{"schemaVersion": 1, "tags": [{"id": 5}]}', /expected structure/],
  ];
  it.each(cases)('%s: list, stats and export name it, exit 1, and leave it where it is', async (_what, relative, bytes, says) => {
    const file = await damage(relative, bytes);
    await run('list', '--data', dir); // settle what the first run writes (the codebook, if missing)
    const before = await files(dir);
    const out = join(dir, 'digest.md');
    for (const argv of [['list'], ['stats'], ['export', '--out', out]]) {
      const result = await run(...argv, '--data', dir);
      expect(result.code, argv[0]).toBe(1);
      expect(result.err).toContain(file);
      expect(result.err).toMatch(says);
      expect(result.err).toMatch(/It was left where it is\.|Open Glossator to restore a backup/);
    }
    // A digest silently missing passages is worse than none: nothing was exported.
    await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await files(dir)).toEqual(before);
  });

  it('a file the app moved aside is reported as missing, with where it went', async () => {
    const file = join(dir, 'corpora/default/annotations', `${DOC}.json`);
    const aside = await damage(`corpora/default/annotations/${DOC}.json.damaged-2025-03-04T05-06-07.089Z`, '{"broken');
    const result = await run('stats', '--data', dir);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${file} is missing: the app moved it to ${aside} because it is not valid JSON`);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a healthy folder still exits 0', async () => {
    expect((await run('list', '--data', dir)).code).toBe(0);
    expect((await run('stats', '--data', dir)).code).toBe(0);
  });
});

function sleeper(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

const lockOf = (pid: number, app = 'app') => JSON.stringify({ pid, startedAt: '2025-03-04T05:06:07.089Z', hostname: hostname(), app });

describe('the data folder lock', () => {
  async function codebookFile(): Promise<string> {
    const qdc = join(dir, 'codebook.qdc');
    expect((await run('export', '--data', join(dir, 'source'), '--out', qdc)).code).toBe(0);
    return qdc;
  }

  it('stops an import while the app holds the folder, in plain words; reading commands still run', async () => {
    const qdc = await codebookFile();
    const data = join(dir, 'data');
    await mkdir(data);
    const app = sleeper();
    await writeFile(join(data, LOCK_FILE), lockOf(app.pid!));
    const before = await files(data);

    const refused = await run('import', qdc, '--data', data);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(`glossator: Glossator is running and using this data folder (pid ${app.pid}); close it first.\n`);
    expect(await files(data)).toEqual(before);
    expect((await run('list', '--data', data)).code).toBe(0);
  });

  it('replaces a stale lock (its process has ended), takes the lock for the import and gives it back', async () => {
    const qdc = await codebookFile();
    const data = join(dir, 'data');
    await mkdir(data);
    await writeFile(join(data, LOCK_FILE), lockOf(await deadPid()));
    expect(await lockHolder(data)).toBeNull();
    const imported = await run('import', qdc, '--data', data);
    expect(imported.code, imported.err).toBe(0);
    await expect(stat(join(data, LOCK_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('has one holder at a time; the API the app uses', async () => {
    const lock = await acquireDataLock(dir, 'cli');
    expect(await lockHolder(dir)).toMatchObject({ pid: process.pid, app: 'cli' });
    const err = await acquireDataLock(dir, 'app').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataFolderLockedError);
    expect((err as DataFolderLockedError).message).toMatch(/^A glossator command \(pid \d+, since .*\) is importing into this data folder; wait for it to finish\.$/);
    await lock.release();
    expect(await lockHolder(dir)).toBeNull();

    const app = await acquireDataLock(dir, 'app');
    expect((await acquireDataLock(dir, 'cli').catch((e: Error) => e.message)) as string).toBe(
      `Glossator is running and using this data folder (pid ${process.pid}); close it first.`,
    );
    app.releaseSync();
    app.releaseSync();
    await writeFile(join(dir, LOCK_FILE), 'not a lock');
    await (await acquireDataLock(dir, 'cli')).release(); // garbage is replaced
  });
});
