// The line-diffable JSONL store: round trips, stable bytes, one changed record = one changed line in git, clear errors naming file and line.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { JsonlStore } from '../../src/main/store/jsonl-store';
import { canonicalJson, parseJsonl } from '../../src/main/store/jsonl';
import { annotationSchema } from '../../src/main/store/schemas';
import type { Annotation } from '../../src/shared/types';
import { annotation, rejectsWith, removeTempDirs, tempDataDir } from './store-helpers';

afterEach(removeTempDirs);

const passages = (file: string, io = {}) =>
  new JsonlStore<Annotation>({
    file,
    kind: 'passages',
    version: 1,
    recordSchema: annotationSchema,
    keyOrder: ['id', 'docId'],
    io,
  });

async function fresh(name = 'doc1.jsonl') {
  const dir = await tempDataDir();
  return { dir, file: join(dir, name) };
}

describe('JSONL store', () => {
  it('round-trips records through the file, sorted by id, header first', async () => {
    const { file } = await fresh();
    const store = passages(file);
    await store.put(annotation('doc1', 'c'), annotation('doc1', 'a', { note: 'ünïcödé "quoted"\nnew line' }), annotation('doc1', 'b'));
    const text = await readFile(file, 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe('{"format":"glossator-passages/1"}');
    expect(lines.slice(1, 4).map((l) => JSON.parse(l).id)).toEqual(['a', 'b', 'c']);
    expect(lines[4]).toBe('');
    expect(lines).toHaveLength(5);
    const again = await passages(file).list();
    expect(again).toEqual([
      annotation('doc1', 'a', { note: 'ünïcödé "quoted"\nnew line' }),
      annotation('doc1', 'b'),
      annotation('doc1', 'c'),
    ]);
  });

  it('writes keys in a stable order whatever order the record was built in', async () => {
    const { file } = await fresh();
    const a = annotation('doc1', 'a');
    const shuffled = Object.fromEntries(Object.entries(a).reverse()) as Annotation;
    await passages(file).put(shuffled);
    const line = (await readFile(file, 'utf8')).split('\n')[1]!;
    expect(line.startsWith('{"id":"a","docId":"doc1","created":')).toBe(true);
    expect(line).toBe(canonicalJson(a, ['id', 'docId']));
  });

  it('keeps the bytes of unchanged records: a change rewrites its own line only', async () => {
    const { file } = await fresh();
    const store = passages(file);
    const many = Array.from({ length: 50 }, (_, i) => annotation('doc1', `p${String(i).padStart(3, '0')}`));
    await store.put(...many);
    const before = (await readFile(file, 'utf8')).split('\n');
    await store.put(annotation('doc1', 'p025', { note: 'changed' }));
    const after = (await readFile(file, 'utf8')).split('\n');
    const changed = after.map((l, i) => (l === before[i] ? null : i)).filter((i) => i !== null);
    expect(changed).toEqual([26]);
    // A reopened store writes the same bytes for the same records.
    const reopened = passages(file);
    await reopened.put(annotation('doc1', 'p025', { note: 'changed' }));
    expect((await readFile(file, 'utf8')).split('\n')).toEqual(after);
  });

  it('makes `git diff` of one changed passage one changed line', async () => {
    const { dir, file } = await fresh();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    const store = passages(file);
    await store.put(...Array.from({ length: 20 }, (_, i) => annotation('doc1', `id-${i.toString(36).padStart(2, '0')}`)));
    git('add', '.');
    git('commit', '-qm', 'first');
    await store.put(annotation('doc1', 'id-0a', { tagIds: ['cooperation', 'friction'], modified: '2025-02-01T00:00:00.000Z' }));
    const stat = git('diff', '--numstat').trim();
    expect(stat).toBe('1\t1\tdoc1.jsonl');
    const diff = git('diff', '-U0');
    const added = diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
    expect(added).toHaveLength(1);
    expect(added[0]).toContain('"id":"id-0a"');
    // An added passage is one added line, wherever its id sorts.
    git('commit', '-qam', 'second');
    await store.put(annotation('doc1', 'id-05x'));
    expect(git('diff', '--numstat').trim()).toBe('1\t0\tdoc1.jsonl');
  });

  it('removes and replaces records', async () => {
    const { file } = await fresh();
    const store = passages(file);
    await store.put(annotation('doc1', 'a'), annotation('doc1', 'b'));
    await store.remove('a');
    expect((await store.list()).map((r) => r.id)).toEqual(['b']);
    await rejectsWith(store.remove('a'), 'not-found');
    await store.replaceAll([annotation('doc1', 'z'), annotation('doc1', 'y')]);
    expect((await passages(file).list()).map((r) => r.id)).toEqual(['y', 'z']);
  });

  it('hands out frozen records, so memory cannot change behind the writer', async () => {
    const { file } = await fresh();
    const store = passages(file);
    await store.put(annotation('doc1', 'a'));
    const [a] = await store.list();
    expect(() => {
      (a as { note: string }).note = 'x';
    }).toThrow(TypeError);
  });

  it('refuses a record the schema does not accept, writing nothing', async () => {
    const { file } = await fresh();
    const store = passages(file);
    await store.put(annotation('doc1', 'a'));
    const before = await readFile(file);
    const bad = { ...annotation('doc1', 'b'), tagIds: 'nope' } as unknown as Annotation;
    const err = await rejectsWith(store.put(bad), 'invalid-argument');
    expect(err.message).toMatch(/records\.\d\.tagIds/);
    expect(await readFile(file)).toEqual(before);
  });

  const header = '{"format":"glossator-passages/1"}';
  const good = canonicalJson(annotation('doc1', 'a'));
  const cases: { name: string; text: string; says: RegExp }[] = [
    { name: 'a torn line', text: `${header}\n${good}\n${good.slice(0, 30)}\n`, says: /line 3 is not valid JSON/ },
    { name: 'a record of the wrong shape', text: `${header}\n${good}\n{"id":"b","docId":"doc1"}\n`, says: /line 3 \(target\)/ },
    { name: 'no header', text: `${good}\n`, says: /line 1 is not a Glossator header/ },
    { name: 'another kind of file', text: '{"format":"glossator-codebook/1"}\n', says: /line 1 says it is a glossator-codebook file, not glossator-passages/ },
    { name: 'a newer format', text: '{"format":"glossator-passages/7"}\n', says: /newer version of Glossator \(format version 7/ },
    { name: 'a repeated id', text: `${header}\n${good}\n\n${good}\n`, says: /line 4 repeats the id "a" of line 2/ },
    { name: 'an array line', text: `${header}\n[1,2]\n`, says: /line 2 is not a JSON object/ },
    { name: 'an empty file', text: '', says: /it is empty/ },
    { name: 'only blank lines', text: '\n\n', says: /it has no header line/ },
  ];

  it.each(cases)('$name: refused naming the file and the line, left byte-identical', async ({ text, says }) => {
    const { dir, file } = await fresh();
    await writeFile(file, text);
    const store = passages(file);
    const err = await rejectsWith(store.list(), 'store-unreadable');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(says);
    await rejectsWith(store.put(annotation('doc1', 'n')), 'store-unreadable');
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(await readdir(dir)).toEqual(['doc1.jsonl']);
  });

  it('moves a damaged file aside (never deletes it) when asked to, and reports where', async () => {
    const { dir, file } = await fresh();
    await writeFile(file, `${header}\n{oops\n`);
    const store = passages(file, { damaged: 'move-aside' });
    const err = await rejectsWith(store.list(), 'store-unreadable');
    expect(err.message).toMatch(/line 2 is not valid JSON.*moved to .*doc1\.jsonl\.damaged-/);
    const names = await readdir(dir);
    expect(names.some((n) => n.startsWith('doc1.jsonl.damaged-'))).toBe(true);
    expect(store.damage?.movedTo).toBeTruthy();
  });

  it('reads hand-edited files: blank lines, CRLF, a byte-order mark, records out of order', async () => {
    const { file } = await fresh();
    const b = canonicalJson(annotation('doc1', 'b'));
    await writeFile(file, `\uFEFF${header}\r\n${b}\r\n\r\n${good}\r\n`);
    const store = passages(file);
    expect((await store.list()).map((r) => r.id)).toEqual(['a', 'b']);
    await store.put(annotation('doc1', 'c'));
    // Rewritten canonically: sorted, LF, no mark, the store's key order.
    const line = (id: string) => canonicalJson(annotation('doc1', id), ['id', 'docId']);
    expect(await readFile(file, 'utf8')).toBe(`${header}\n${line('a')}\n${line('b')}\n${line('c')}\n`);
  });

  it('parses with line numbers and orders nested keys', () => {
    expect(parseJsonl(`${header}\n\n{"id":"x"}\n`)).toEqual({ kind: 'passages', version: 1, records: [{ id: 'x' }], lines: [3] });
    expect(canonicalJson({ z: 1, id: 'i', a: { d: 1, b: [{ y: 1, x: 2 }] } }, ['id'])).toBe('{"id":"i","a":{"b":[{"x":2,"y":1}],"d":1},"z":1}');
  });

  it('is generic over the record type', async () => {
    const { file } = await fresh('codebook.jsonl');
    const tags = new JsonlStore({ file, kind: 'codebook', version: 1, recordSchema: z.object({ id: z.string(), name: z.string() }) });
    await tags.put({ id: 't2', name: 'Friction' }, { id: 't1', name: 'Cooperation' });
    expect(await readFile(file, 'utf8')).toBe(
      '{"format":"glossator-codebook/1"}\n{"id":"t1","name":"Cooperation"}\n{"id":"t2","name":"Friction"}\n',
    );
  });
});
