// Files the corpus could not read reach the analyst: listed with why at open, kept current by the watcher.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, realpath, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import type { CorpusChangeReport } from '../../src/shared/types';
import { callOn, SEED_CORPUS, value } from './support/core-harness';

const GOOD = 'Ports Weekly\n\nThe harbour of Bandar Abbas handled record grain cargo this week.\n';

let root: string;
let corpusDir: string;
let core: Core;
let reports: CorpusChangeReport[];

beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'glossator-problems-')));
  corpusDir = join(root, 'corpus');
  await mkdir(corpusDir);
  await writeFile(join(corpusDir, 'ports.txt'), GOOD);
  await writeFile(join(corpusDir, 'report.docx'), randomBytes(4096));
  await writeFile(join(root, 'outside.txt'), 'Private Notes\n\nNot in the corpus.\n');
  await symlink(join(root, 'outside.txt'), join(corpusDir, 'linked.txt'));
  core = await createCore({ dataDir: join(root, 'data'), corpusDir, bundledCorpusDir: SEED_CORPUS, watch: true });
  reports = [];
  core.onCorpusChanged((r) => reports.push(r));
});
afterEach(async () => {
  await core.close();
  await rm(root, { recursive: true, force: true });
});

const call = callOn(() => core);
const problems = () => value(call('listCorpusProblems'));

/** Waits for the watcher's report that names `file` among the unreadable changes (polling, no fixed sleep). */
async function problemReport(file: string, ms = 10_000): Promise<CorpusChangeReport> {
  const until = Date.now() + ms;
  for (;;) {
    const found = reports.find((r) => r.problems?.includes(file));
    if (found) return found;
    if (Date.now() > until) throw new Error(`no report named ${file}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

describe('files the corpus could not read', () => {
  it('at open: the good file is listed, the corrupt .docx and the link are named with why', async () => {
    expect((await value(call('listDocuments'))).map((d) => d.source)).toEqual(['ports.txt']);
    const found = await problems();
    expect(found.map((p) => p.source)).toEqual(['linked.txt', 'report.docx']);
    for (const p of found) expect(p.message.length).toBeGreaterThan(10);
    expect(found[0]!.message).toMatch(/link/i);
    expect(found[1]!.message).toMatch(/report\.docx is not a readable Word document/);
  });

  it('the watcher adds a new unreadable file to the list and drops it once the file is gone', async () => {
    await writeFile(join(corpusDir, 'broken.docx'), randomBytes(2048));
    const added = await problemReport('broken.docx');
    expect(added).toMatchObject({ added: [], changed: [], removed: [] });
    expect((await problems()).map((p) => p.source)).toEqual(['broken.docx', 'linked.txt', 'report.docx']);
    reports = [];
    await unlink(join(corpusDir, 'broken.docx'));
    await problemReport('broken.docx');
    expect((await problems()).map((p) => p.source)).toEqual(['linked.txt', 'report.docx']);
  });
});
