// Builds scratch corpus folders for specs: copies of seed articles, generated documents, fixture files.
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SEEDS = join(process.cwd(), 'corpus');
export const DOCUMENT_FIXTURES = join(process.cwd(), 'test/fixtures/documents');

/** A new corpus folder holding copies of the named seed files (originals untouched). */
export async function scratchCorpus(seeds: string[] = []): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'glossator-corpus-'));
  await mkdir(dir, { recursive: true });
  for (const seed of seeds) await copyFile(join(SEEDS, seed), join(dir, seed));
  return dir;
}

/** A corpus of `count` small generated documents, to exercise the list at scale. */
export async function largeCorpus(count: number): Promise<string> {
  const dir = await scratchCorpus();
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(5, '0');
    await writeFile(join(dir, `report-${n}.txt`), `Report ${n} on Russia and Iran\n\nBody of report ${n}: cooperation, friction and hedging.\n`);
  }
  return dir;
}
