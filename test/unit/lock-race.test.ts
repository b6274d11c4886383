// The data folder's lock under real concurrency: several processes find the same stale lock at once; exactly one may take it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/main/store/lock';

const RACERS = 6;
const TRIALS = Number(process.env['LOCK_TRIALS'] ?? 15);
const SCRIPT = resolve('test/unit/support/lock-child.ts');

let work: string;
const racers: Racer[] = [];

/** One racer process; answers come back one line each, in order. */
class Racer {
  readonly proc: ChildProcess;
  private readonly waiting: ((line: string) => void)[] = [];
  private readonly queued: string[] = [];
  stderr = '';

  constructor(bundle: string) {
    this.proc = spawn(process.execPath, [bundle], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (c: Buffer) => (this.stderr += c.toString()));
    let partial = '';
    this.proc.stdout!.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        const next = this.waiting.shift();
        if (next) next(line);
        else this.queued.push(line);
      }
    });
  }

  next(): Promise<string> {
    const line = this.queued.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((r, reject) => {
      this.waiting.push(r);
      this.proc.once('exit', () => reject(new Error(`racer exited: ${this.stderr}`)));
    });
  }

  send(line: string): void {
    this.proc.stdin!.write(`${line}\n`);
  }
}

/** The pid of a process that has ended, for a lock left behind by a crash. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'glossator-lock-race-'));
  // Compiled once (what tsx would do per file at load): six racers start in a fraction of tsx's time.
  // LOCK_MODULE points the racers at another lock implementation, to show this test catches a racy one.
  const bundle = join(work, 'lock-child.mjs');
  const other = process.env['LOCK_MODULE'];
  const swap: Plugin = { name: 'lock-module', setup: (b) => b.onResolve({ filter: /store\/lock$/ }, () => ({ path: resolve(other!) })) };
  const plugins = other ? [swap] : [];
  await build({ entryPoints: [SCRIPT], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error', plugins });
  for (let i = 0; i < RACERS; i++) racers.push(new Racer(bundle));
  for (const r of racers) expect(await r.next()).toBe('ready');
}, 120_000);

afterAll(async () => {
  for (const r of racers) r.proc.kill();
  await rm(work, { recursive: true, force: true });
});

it(`of ${RACERS} processes racing for a stale lock, exactly one takes it (${TRIALS} trials)`, { timeout: 300_000 }, async () => {
  const winners: number[] = [];
  for (let trial = 0; trial < TRIALS; trial++) {
    const dataDir = join(work, `data-${trial}`);
    const stalePid = await deadPid();
    const staleLock = { pid: stalePid, startedAt: '2026-11-22T10:00:00.000Z', hostname: hostname(), app: 'app' };
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir);
    await writeFile(join(dataDir, LOCK_FILE), `${JSON.stringify(staleLock)}\n`);

    // All six are told in one go, so their attempts overlap.
    for (const r of racers) r.send(`try ${dataDir}`);
    const answers = await Promise.all(racers.map((r) => r.next()));
    const won = racers.filter((_, i) => answers[i] === 'won');
    winners.push(won.length);
    expect(answers.filter((a) => a.startsWith('error')), answers.join(', ')).toEqual([]);
    if (won.length === 1) {
      // Every loser was refused in the winner's name, and the lock on disk is the winner's.
      const holder = won[0]!.proc.pid!;
      expect(answers.filter((a) => a !== 'won')).toEqual(Array(RACERS - 1).fill(`locked ${holder}`));
      expect(JSON.parse(await readFile(join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: holder, app: 'cli' });
      expect((await readdir(dataDir)).filter((n) => n !== LOCK_FILE)).toEqual([]);
    }
    for (const r of racers) r.send('release');
    await Promise.all(racers.map((r) => r.next()));
  }
  const exact = winners.filter((n) => n === 1).length;
  console.log(`lock race: ${RACERS} processes × ${TRIALS} trials on a stale lock → exactly one holder in ${exact}/${TRIALS} (holders per trial: ${winners.join(' ')})`);
  expect(winners).toEqual(Array(TRIALS).fill(1));
});
