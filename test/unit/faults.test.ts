// Disk faults injected at every step of a save (and of a read): plain-words io-errors, previous bytes intact, memory equal to the file, retries that work.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AnnotationStore } from '../../src/main/store/annotation-store';
import { TagStore } from '../../src/main/store/tag-store';
import { SettingsService } from '../../src/main/core/settings-service';
import { MetadataStore } from '../../src/main/store/metadata-store';
import { CoverageService } from '../../src/main/core/coverage-service';
import { GlossatorError } from '../../src/shared/result';
import type { GlossDocument } from '../../src/shared/types';
import { annotation, removeTempDirs, tempDataDir } from './store-helpers';
import { FaultyOps, type Step } from './support/faulty-ops';

afterEach(removeTempDirs);

const CODES = ['EPERM', 'ENOSPC', 'EIO'] as const;
const WORDS: Record<string, RegExp> = {
  EPERM: /^The operating system did not allow it \(EPERM\)/,
  ENOSPC: /^The disk is full \(ENOSPC\)/,
  EIO: /^The disk reported a read\/write error and may be failing \(EIO\)/,
};

type Outcome = 'refused' | 'undone' | 'saved' | 'unconfirmed' | 'read-error' | 'unreadable';

/** What each (step, code) must do. Folders cannot be fsynced on some platforms (EPERM): saved. */
function expected(step: Step, code: string): Outcome {
  if (step === 'read') return code === 'EPERM' ? 'unreadable' : 'read-error';
  if (step === 'backup') return 'saved';
  if (step === 'dir-fsync') return code === 'EPERM' ? 'saved' : 'undone';
  return 'refused';
}

const rows: string[][] = [];
afterAll(() => {
  const widths = [6, 10, 12, 0];
  const line = (r: string[]) => r.map((c, i) => (widths[i] ? c.padEnd(widths[i]!) : c)).join(' ');
  console.log(
    `Injected faults: ${rows.length} cases\n${line(['fault', 'step', 'outcome', 'message'])}\n${rows.map(line).join('\n')}`,
  );
});

const ids = (list: { id: string }[]) => list.map((a) => a.id);

async function fileIds(file: string): Promise<string[]> {
  return ids((JSON.parse(await readFile(file, 'utf8')) as { annotations: { id: string }[] }).annotations);
}

async function temps(file: string): Promise<string[]> {
  return (await readdir(dirname(file))).filter((n) => n.includes('.tmp-'));
}

/** Runs `p`, answering the outcome and the error, if any. */
async function settle(p: Promise<unknown>): Promise<{ outcome: 'ok' | GlossatorError }> {
  return p.then(
    () => ({ outcome: 'ok' as const }),
    (e: unknown) => ({ outcome: e as GlossatorError }),
  );
}

describe('a fault at each step of a save', () => {
  const steps: Step[] = ['mkdir', 'write', 'fsync', 'close', 'backup', 'rename', 'dir-fsync', 'read'];
  const cases = steps.flatMap((step) => CODES.map((code) => ({ step, code, outcome: expected(step, code) })));

  it.each(cases)('$code at $step: $outcome', async ({ step, code, outcome }) => {
    const dataDir = await tempDataDir();
    // Two saves first, so the file and a backup generation exist.
    const seed = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    await seed.add('doc', annotation('doc', 'a1'));
    await seed.add('doc', annotation('doc', 'a2'));
    const file = seed.fileOf('doc');
    const before = await readFile(file);

    const faulty = new FaultyOps();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' }, { ops: faulty.ops });
    if (step !== 'read') expect(ids(await store.list('doc'))).toEqual(['a1', 'a2']);
    faulty.arm({ step, code });
    const attempt = step === 'read' ? store.list('doc') : store.add('doc', annotation('doc', 'a3'));
    const { outcome: got } = await settle(attempt);
    expect(faulty.fired).toEqual([`${step}:${code}`]);
    faulty.disarm();

    let message = '';
    if (outcome === 'saved') {
      expect(got).toBe('ok');
      expect(await fileIds(file)).toEqual(['a1', 'a2', 'a3']);
    } else {
      expect(got).toBeInstanceOf(GlossatorError);
      const err = got as GlossatorError;
      message = err.message;
      expect(err.code).toBe(outcome === 'unreadable' ? 'store-unreadable' : 'io-error');
      expect(message).toContain(file);
      if (outcome !== 'unreadable') expect(message).toMatch(WORDS[code]!);
      if (outcome === 'refused' || outcome === 'undone') expect(message).toContain('Your previous data is unchanged.');
      if (outcome === 'undone') expect(message).toContain('the change was undone');
      // The previous file, byte for byte, and no temp file left behind.
      expect(await readFile(file)).toEqual(before);
    }
    expect(await temps(file)).toEqual([]);

    if (outcome === 'unreadable') {
      // A file Glossator may not read is reported like a damaged one, and kept as it is.
      expect(message).toContain('not allowed to read it (EPERM)');
      expect(store.problem('doc')).toBe(message);
    } else {
      // Memory equals the file, and the retry (the fault has cleared) lands.
      expect(ids(await store.list('doc'))).toEqual(await fileIds(file));
      const next = outcome === 'saved' ? 'a4' : 'a3';
      await store.add('doc', annotation('doc', next));
      const want = outcome === 'saved' ? ['a1', 'a2', 'a3', 'a4'] : ['a1', 'a2', 'a3'];
      expect(ids(await new AnnotationStore({ dataDir, corpusKey: 'c1' }).list('doc'))).toEqual(want);
      // The version before the retry is the newest backup: a fault never costs a generation.
      const [newest] = await (store as unknown as { storeOf(d: string): { backups(): Promise<{ data: { annotations: { id: string }[] } }[]> } })
        .storeOf('doc')
        .backups();
      expect(ids(newest!.data.annotations)).toEqual(want.slice(0, -1));
    }
    const note = step === 'backup' ? '(saved; this save kept no backup, the next one will)' : '(saved; the platform cannot fsync folders)';
    rows.push([code, step, outcome, message ? message.replace(file, '<file>').slice(0, 110) : note]);
  });

  it('a first save whose folder fsync fails is undone: the new file is removed', async () => {
    const dataDir = await tempDataDir();
    const faulty = new FaultyOps();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' }, { ops: faulty.ops });
    faulty.arm({ step: 'dir-fsync', code: 'EIO' });
    const { outcome } = await settle(store.add('doc', annotation('doc', 'a1')));
    expect((outcome as GlossatorError).message).toContain('the change was undone');
    await expect(readFile(store.fileOf('doc'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await store.list('doc')).toEqual([]);
    await store.add('doc', annotation('doc', 'a1'));
    expect(await fileIds(store.fileOf('doc'))).toEqual(['a1']);
    rows.push(['EIO', 'dir-fsync', 'undone', 'first save of a document: the new file is removed again']);
  });

  it('with no backup to put back, a failed folder fsync keeps the new file and says so', async () => {
    const dataDir = await tempDataDir();
    const seed = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    await seed.add('doc', annotation('doc', 'a1'));
    const faulty = new FaultyOps();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' }, { ops: faulty.ops });
    await store.list('doc');
    // Both the backup and the folder fsync fail: nothing to undo with.
    faulty.arm({ step: 'backup', code: 'EIO' });
    const ops = faulty.ops;
    const fsyncDir = ops.fsyncDir;
    ops.fsyncDir = async () => {
      throw Object.assign(new Error('EIO'), { code: 'EIO' });
    };
    const { outcome } = await settle(store.add('doc', annotation('doc', 'a2')));
    ops.fsyncDir = fsyncDir;
    const err = outcome as GlossatorError;
    expect(err.code).toBe('io-error');
    expect(err.message).toMatch(/the change is in the file, but it may be lost if the computer stops now/);
    expect(ids(await store.list('doc'))).toEqual(await fileIds(store.fileOf('doc')));
    expect(ids(await store.list('doc'))).toEqual(['a1', 'a2']);
    rows.push(['EIO', 'backup+dir', 'unconfirmed', err.message.replace(store.fileOf('doc'), '<file>').slice(0, 110)]);
  });
});

describe('every store takes the injected file-system calls', () => {
  const doc = { id: 'doc', contentHash: 'h', blocks: [{ kind: 'paragraph' }] } as unknown as GlossDocument;
  const cases: [string, (dataDir: string, faulty: FaultyOps) => Promise<unknown>][] = [
    ['TagStore', (d, f) => new TagStore({ dataDir: d }, { ops: f.ops }).add({ id: 'mine', name: 'Mine', color: '#123456', description: '', shortcut: null, parentId: null, order: 9 })],
    ['SettingsService', (d, f) => new SettingsService({ dataDir: d }, { ops: f.ops }).update({ theme: 'dark' })],
    ['MetadataStore', (d, f) => new MetadataStore({ dataDir: d, corpusKey: 'c1' }, { ops: f.ops }).update('doc', { title: 'T' })],
    ['CoverageService', (d, f) => new CoverageService({ dataDir: d, corpusKey: 'c1' }, { ops: f.ops }).set(doc, [0], true)],
  ];
  it.each(cases)('%s: ENOSPC while writing is an io-error in plain words, and nothing is left', async (_name, save) => {
    const dataDir = await tempDataDir();
    const faulty = new FaultyOps();
    faulty.arm({ step: 'write', code: 'ENOSPC' });
    const { outcome } = await settle(save(dataDir, faulty));
    expect((outcome as GlossatorError).code).toBe('io-error');
    expect((outcome as GlossatorError).message).toMatch(/^The disk is full \(ENOSPC\): could not save /);
    expect(await readdir(dataDir, { recursive: true })).not.toContainEqual(expect.stringMatching(/\.(json|tmp-)/));
    await expect(save(dataDir, faulty)).resolves.toBeDefined();
  });
});
