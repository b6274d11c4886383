// Cores whose save and open dialogs answer one file, on the seed corpus in temporary data folders, closed and removed after each test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/core';
import type { Method } from '../../../src/shared/contract';
import { call as callCore, SEED_CORPUS, value, type ArgsOf } from './core-harness';

const clock = { now: () => new Date('2026-12-01T10:00:00Z') };

/**
 * For export-then-import tests: `temp()` makes a folder, `coreWith(file)` a core whose dialogs choose
 * `file`, `call` answers a call's value (failing the test on an error value), `memosOf` lists memos
 * as an analyst sees them. Registers its own cleanup; call it once at the top of a test file.
 */
export function fileCores(prefix: string) {
  const temps: string[] = [];
  const cores: Core[] = [];
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((c) => c.close()));
    await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  const temp = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), `glossator-${prefix}-`));
    temps.push(dir);
    return dir;
  };
  const coreWith = async (file: string): Promise<Core> => {
    const core = await createCore({
      dataDir: await temp(),
      corpusDir: SEED_CORPUS,
      clock,
      saveTarget: { chooseSavePath: async () => file },
      openTarget: { chooseOpenPath: async () => file, chooseFolder: async () => null, chooseFiles: async () => [] },
    });
    cores.push(core);
    return core;
  };
  const call = <M extends Method>(core: Core, method: M, ...args: ArgsOf<M>) => value(callCore(core, method, ...args));
  /** Memos as an analyst sees them, in text order: subject, text and (with `stamps`) created and modified. */
  const memosOf = async (core: Core, stamps = true) => {
    const memos = await call(core, 'listMemos');
    return memos
      .map(({ subject, text, created, modified }) => (stamps ? { subject, text, created, modified } : { subject, text }))
      .sort((a, b) => (a.text < b.text ? -1 : 1));
  };
  return { temp, coreWith, call, memosOf };
}
