// Shared fixtures for the store tests: temp data dirs and annotation factories.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Annotation } from '../../src/shared/types';
import { GlossatorError, type ErrorCode } from '../../src/shared/result';

const made: string[] = [];

/** A fresh, empty data dir on the real filesystem. */
export async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'glossator-store-'));
  made.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** Every file and folder under `dir`, relative, sorted. */
export async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

export function annotation(docId: string, id: string, over: Partial<Annotation> = {}): Annotation {
  return {
    id,
    docId,
    target: {
      position: { start: 0, end: 5 },
      quote: { exact: 'Tehran', prefix: '', suffix: ' and Moscow' },
      contentHash: 'sha256:abc',
    },
    tagIds: ['cooperation'],
    note: '',
    created: '2025-01-01T00:00:00.000Z',
    modified: '2025-01-01T00:00:00.000Z',
    ...over,
  };
}

/** Asserts that `promise` rejects with a GlossatorError of `code`, and returns it. */
export async function rejectsWith(promise: Promise<unknown>, code: ErrorCode): Promise<GlossatorError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GlossatorError);
  expect((err as GlossatorError).code).toBe(code);
  return err as GlossatorError;
}
