// writeDurably, the one write path: no-clobber exclusive writes, streamed sources, derived data without fsync, faults at each step; and no other writer in src/.
import { afterEach, describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { UnconfirmedWriteError, WriteFailedError, writeDurably } from '../../src/main/store/durable-write';
import { type FileOps, realFileOps } from '../../src/main/store/file-ops';
import { removeTempDirs, tempDataDir } from './store-helpers';
import { FaultyOps, osError, type Step } from './support/faulty-ops';

afterEach(removeTempDirs);

const names = async (dir: string) => (await readdir(dir)).sort();

/** Real calls, counting fsyncs of files and folders. */
function countingSyncs(): { ops: FileOps; syncs: () => number } {
  let n = 0;
  const ops: FileOps = {
    ...realFileOps,
    create: async (file) => {
      const handle = await realFileOps.create(file);
      return { ...handle, sync: () => ((n += 1), handle.sync()) };
    },
    fsyncDir: (dir) => ((n += 1), realFileOps.fsyncDir(dir)),
  };
  return { ops, syncs: () => n };
}

describe('writeDurably', () => {
  it('replaces a file whole, creating missing folders, and leaves no temp file', async () => {
    const dir = await tempDataDir();
    const file = join(dir, 'a', 'b', 'out.txt');
    await writeDurably(file, Buffer.from('one'));
    await writeDurably(file, Buffer.from('two'));
    expect(await readFile(file, 'utf8')).toBe('two');
    expect(await names(join(dir, 'a', 'b'))).toEqual(['out.txt']);
  });

  it('keeps .bak and .bak2 only when asked', async () => {
    const dir = await tempDataDir();
    for (const v of ['1', '2', '3']) await writeDurably(join(dir, 'kept.json'), Buffer.from(v), { backups: true });
    for (const v of ['1', '2', '3']) await writeDurably(join(dir, 'plain.json'), Buffer.from(v));
    expect(await names(dir)).toEqual(['kept.json', 'kept.json.bak', 'kept.json.bak2', 'plain.json']);
    expect(await readFile(join(dir, 'kept.json.bak2'), 'utf8')).toBe('1');
  });

  it('writes a streamed source piece by piece', async () => {
    const dir = await tempDataDir();
    async function* pieces() {
      for (const p of ['a', 'b', 'c']) yield Buffer.from(p);
    }
    await writeDurably(join(dir, 'cache'), pieces(), { sync: false });
    expect(await readFile(join(dir, 'cache'), 'utf8')).toBe('abc');
  });

  it.each([
    ['durable: 3 fsyncs for a new file in a new folder (file, folder, parent)', {}, 3],
    ['derived data (sync: false): no fsync', { sync: false }, 0],
  ])('%s', async (_name, opts, fsyncs) => {
    const dir = await tempDataDir();
    const counted = countingSyncs();
    await writeDurably(join(dir, 'new', 'f'), Buffer.from('x'), { ...opts, ops: counted.ops });
    expect(counted.syncs()).toBe(fsyncs);
  });
});

describe('an exclusive write (documents copied into a corpus)', () => {
  const noLinks = (): FileOps => ({ ...realFileOps, link: async () => Promise.reject(osError('EPERM', 'link')) });

  it.each([
    ['with hard links', realFileOps],
    ['where the file system has none', noLinks()],
  ])('%s: creates a new file, and never replaces one that is there', async (_name, ops) => {
    const dir = await tempDataDir();
    const file = join(dir, 'report.txt');
    await writeDurably(file, Buffer.from('new'), { exclusive: true, ops });
    expect(await readFile(file, 'utf8')).toBe('new');

    await writeFile(join(dir, 'taken.txt'), 'the analyst\u2019s own file');
    const err = await writeDurably(join(dir, 'taken.txt'), Buffer.from('other'), { exclusive: true, ops }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteFailedError);
    expect((err as WriteFailedError).osCode).toBe('EEXIST');
    expect(await readFile(join(dir, 'taken.txt'), 'utf8')).toBe('the analyst\u2019s own file');
    expect(await names(dir)).toEqual(['report.txt', 'taken.txt']);
  });
});

describe('a fault at each step of a write without backups (exports, snapshots)', () => {
  const steps: Step[] = ['mkdir', 'write', 'fsync', 'close', 'rename'];
  it.each(steps)('EIO at %s: an io-error naming the disk, the previous file intact, no temp file', async (step) => {
    const dir = await tempDataDir();
    const file = join(dir, 'digest.md');
    await writeFile(file, 'previous');
    const faulty = new FaultyOps();
    faulty.arm({ step, code: 'EIO' });
    const err = await writeDurably(file, Buffer.from('next'), { ops: faulty.ops }).catch((e: unknown) => e);
    expect(faulty.fired).toEqual([`${step}:EIO`]);
    expect(err).toBeInstanceOf(WriteFailedError);
    expect((err as Error).message).toMatch(/^The disk reported a read\/write error and may be failing \(EIO\): could not save .*digest\.md/);
    expect(await readFile(file, 'utf8')).toBe('previous');
    expect(await names(dir)).toEqual(['digest.md']);
  });

  it('EIO at the folder fsync: the new file is there, and the caller is told it is not confirmed', async () => {
    const dir = await tempDataDir();
    const faulty = new FaultyOps();
    faulty.arm({ step: 'dir-fsync', code: 'EIO' });
    const err = await writeDurably(join(dir, 'digest.md'), Buffer.from('next'), { ops: faulty.ops }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnconfirmedWriteError);
    expect((err as Error).message).toMatch(/may be lost if the computer stops now/);
    expect(await readFile(join(dir, 'digest.md'), 'utf8')).toBe('next');
  });
});

describe('the source tree', () => {
  it('has no writer of its own besides writeDurably (temp + fsync + rename lives in src/main/store/)', async () => {
    const root = join(__dirname, '..', '..', 'src');
    // The renderer has no file system; the main process, the CLI and shared code are checked.
    const files = (await readdir(root, { recursive: true }))
      .map(String)
      .filter((f) => /\.ts$/.test(f) && !f.startsWith('renderer'));
    // src/main/store/ holds writeDurably and the data-folder lock (its own O_EXCL claim file). Two
    // files outside it must speak another program's protocol: moving a branch in a shared bare
    // repository takes git's own `<ref>.lock` (O_EXCL, fsync, rename), which command-line git
    // honours and a unique temp name would not; and a sync's claim on its folder is an O_EXCL file.
    const protocols = [join('main', 'sync', 'local-transport.ts'), join('main', 'sync', 'sync.ts')];
    const allowed = (f: string) => f.startsWith(join('main', 'store')) || protocols.includes(f);
    const writers = /write-file-atomic|\.sync\(\)|\brename\(|\bwriteFile\(|writeFileSync|createWriteStream|appendFile|'wx'/;
    const found: string[] = [];
    for (const f of files) {
      if (allowed(f)) continue;
      const text = await readFile(join(root, f), 'utf8');
      text.split('\n').forEach((line, i) => {
        if (writers.test(line) && !/^\s*(\/\/|\*)/.test(line)) found.push(`${relative(root, join(root, f))}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
