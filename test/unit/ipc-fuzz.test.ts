// IPC fuzz: 10,000 seeded malformed calls through dispatch on a real core: each a typed error; nothing written or polluted.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { METHODS, argSchemas, type Method } from '../../src/shared/contract';
import type { ErrorCode, Result } from '../../src/shared/result';
import { FuzzGen, READS } from './ipc-fuzz-gen';
import { call, SEED_CORPUS, send } from './support/core-harness';

// FUZZ_SEED runs another sequence, e.g. to explore; the default is what CI runs.
const SEED = Number(process.env['FUZZ_SEED'] ?? 0x61055a7);
const CALLS = 10_000;
const ERROR_CODES: readonly ErrorCode[] = ['invalid-argument', 'not-found', 'out-of-range', 'quote-mismatch', 'too-large',
  'store-unreadable', 'io-error', 'cancelled', 'unsupported', 'internal'];

/** sha256 of every file under dir, by relative path: "byte-identical" made checkable. */
async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path)] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return out;
}

const prototypeShape = () => ({
  object: Object.getOwnPropertyNames(Object.prototype).sort(),
  array: Object.getOwnPropertyNames(Array.prototype).sort(),
  fn: Object.getOwnPropertyNames(Function.prototype).sort(),
});

let dataDir: string;
let core: Core;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glossator-fuzz-'));
  core = await createCore({ dataDir, corpusDir: SEED_CORPUS });
  // Start from a data dir the core has already touched, so only the fuzz can change it.
  // The first reads seed the codebook (tags.json), as the app's first screen does.
  for (const method of ['listDocuments', 'listTags', 'getSettings', 'listCorpora'] as const) await call(core, method);
  await core.flush();
});
afterAll(async () => {
  await core.close();
  await rm(dataDir, { recursive: true, force: true });
});

interface Call {
  kind: string;
  method: unknown;
  payload: unknown;
}

/**
 * Writes that need no existing id: a random payload can make a legal one by chance (updateSettings
 * with no field, {} or null, is a valid "change nothing"; so is setPassageTags with no changes).
 * Those calls are not malformed, so they are left out and counted. Every other write stays in even
 * when its shape is valid: it must then fail on its id, offset or path, or the test reports it.
 */
const NEEDS_NO_ID: ReadonlySet<string> = new Set(['updateSettings', 'createTag', 'setPassageTags', 'updateLocalModel']);
const isValidWrite = (method: unknown, payload: unknown): method is Method =>
  NEEDS_NO_ID.has(method as string) && argSchemas[method as Method].safeParse(payload ?? {}).success;

function generate(gen: FuzzGen): { calls: Call[]; validByChance: Map<string, number> } {
  const calls: Call[] = [];
  const validByChance = new Map<string, number>();
  const known = (): Method => gen.pick(METHODS);
  while (calls.length < CALLS) {
    const r = gen.int(100);
    const method = known();
    if (r < 20) {
      calls.push({ kind: 'valid-looking, bad ids/offsets/paths', method, payload: gen.validLooking(method) });
      continue;
    }
    const call: Call =
      r < 32 ? { kind: 'unknown method', method: gen.methodName(), payload: gen.junk() }
      : r < 62 ? { kind: 'junk payload', method, payload: gen.junk() }
      : r < 90 ? { kind: 'one shape defect', method, payload: gen.mutate(gen.validLooking(method)) }
      : { kind: 'prototype pollution', method, payload: gen.pollution() };
    if (isValidWrite(call.method, call.payload)) validByChance.set(call.method, (validByChance.get(call.method) ?? 0) + 1);
    else calls.push(call);
  }
  return { calls, validByChance };
}

it(`${CALLS} malformed calls: each a typed error, no throw, no write, no pollution`, { timeout: 300_000 }, async () => {
  const before = { data: await hashTree(dataDir), corpus: await hashTree(SEED_CORPUS), proto: prototypeShape() };
  const tagsBefore = await call(core, 'listTags');
  const { calls, validByChance } = generate(new FuzzGen(SEED));

  const counts = new Map<string, number>();
  const byKind = new Map<string, number>();
  const problems: string[] = [];
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  // Batches run concurrently, as a busy renderer's calls would.
  for (let i = 0; i < calls.length; i += 25) {
    const batch = calls.slice(i, i + 25);
    const results = await Promise.allSettled(batch.map((c) => send(core, c.method, c.payload)));
    results.forEach((settled, j) => {
      const call = batch[j]!;
      count(byKind, call.kind);
      const where = `#${i + j} ${call.kind} ${String(call.method)}`;
      if (settled.status === 'rejected') return void problems.push(`${where}: rejected ${String(settled.reason)}`);
      const result = settled.value as Result<unknown>;
      if (result.ok) {
        count(counts, 'ok (read)');
        if (!READS.has(String(call.method))) problems.push(`${where}: a write succeeded`);
        return;
      }
      count(counts, result.error.code);
      if (!ERROR_CODES.includes(result.error.code)) problems.push(`${where}: unknown code ${String(result.error.code)}`);
      if (typeof result.error.message !== 'string' || result.error.message.length === 0) problems.push(`${where}: no message`);
      if (Object.keys(result).sort().join() !== 'error,ok' || Object.keys(result.error).sort().join() !== 'code,message') {
        problems.push(`${where}: extra fields ${JSON.stringify(Object.keys(result.error))}`);
      }
      if (result.error.code === 'internal') problems.push(`${where}: internal error: ${result.error.message.slice(0, 200)}`);
    });
  }
  await core.flush();

  const table = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([code, n]) => `  ${code.padEnd(18)} ${n}`);
  const kinds = [...byKind.entries()].map(([kind, n]) => `  ${kind.padEnd(38)} ${n}`);
  const leftOut = JSON.stringify(Object.fromEntries(validByChance));
  console.log(`IPC fuzz, seed 0x${SEED.toString(16)}: ${calls.length} calls (valid writes by chance, left out: ${leftOut})`);
  console.log(`by result:\n${table.join('\n')}\nby kind:\n${kinds.join('\n')}`);

  expect(problems.slice(0, 20)).toEqual([]);
  expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(CALLS);
  // The calls reached past validation into the handlers, not only the schema wall.
  for (const code of ['ok (read)', 'invalid-argument', 'too-large', 'not-found', 'out-of-range', 'quote-mismatch', 'unsupported']) {
    expect(counts.get(code), code).toBeGreaterThan(0);
  }
  expect(prototypeShape()).toEqual(before.proto);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  expect(await hashTree(dataDir)).toEqual(before.data);
  expect(await hashTree(SEED_CORPUS)).toEqual(before.corpus);
  // The core still works and its codebook is as it was.
  expect(await call(core, 'listTags')).toEqual(tagsBefore);
});

it('real absolute paths from the renderer are refused: only main’s dialogs choose files and folders', async () => {
  // A writable corpus (so a refusal is not just "read-only") and real, readable files and folders beside it.
  const root = await realpath(await mkdtemp(join(tmpdir(), 'glossator-fuzz-paths-')));
  const own = join(root, 'own');
  const other = join(root, 'other');
  await mkdir(own);
  await mkdir(other);
  await writeFile(join(own, 'mine.txt'), 'Mine\n\nThe open corpus.\n');
  await writeFile(join(other, 'secret.txt'), 'Secret\n\nA file the renderer must not read.\n');
  const writable = await createCore({ dataDir: join(root, 'data'), corpusDir: own, bundledCorpusDir: SEED_CORPUS });
  try {
    const before = { own: await hashTree(own), info: writable.info() };
    const real = [other, join(other, 'secret.txt'), SEED_CORPUS, join(process.cwd(), 'package.json'), '/etc/hostname', root];
    const calls: [Method, unknown][] = real.flatMap((path): [Method, unknown][] => [
      ['openCorpus', { path }],
      ['openCorpus', { key: path }],
      ['importDocument', { path }],
      ['importDocument', { token: path }],
    ]);
    const answers = await Promise.all(calls.map(([method, args]) => send(writable, method, args)));
    console.log(`real absolute paths refused: ${answers.filter((a) => !a.ok).length} of ${calls.length}`);
    answers.forEach((answer, i) => expect(answer, JSON.stringify(calls[i])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } }));
    expect(writable.info()).toEqual(before.info);
    expect(await hashTree(own)).toEqual(before.own);
    expect(JSON.stringify(await call(writable, 'listDocuments'))).not.toContain('secret');
  } finally {
    await writable.close();
    await rm(root, { recursive: true, force: true });
  }
});
