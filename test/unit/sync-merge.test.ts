// Record merges: three-way by id for passages, by field for the codebook, as a table of cases with their expected
// result and conflicts; then whole files (headers, invalid JSON named by line, documents).
import { describe, expect, it } from 'vitest';
import { parseJsonl, JsonlError } from '../../src/main/sync/jsonl';
import { mergeRecords } from '../../src/main/sync/record-merge';
import { mergeFile } from '../../src/main/sync/file-merge';
import { commitMessage } from '../../src/main/sync/changes';

const H = '{"format":"glossator-passages/1"}';
const file = (...records: object[]) => [H, ...records.map((r) => JSON.stringify(r))].join('\n') + '\n';
const parse = (text: string | null) => (text === null ? null : parseJsonl(text, 'f.jsonl'));
const p = (id: string, note = '', tagIds = ['t1']) => ({ id, docId: 'd', note, tagIds });

describe('mergeRecords by id', () => {
  const cases: Array<{ name: string; base: object[] | null; mine: object[] | null; theirs: object[] | null; result: object[] | null; conflicts: string[] }> = [
    { name: 'added on both sides (different ids) → both kept', base: [], mine: [p('a')], theirs: [p('b')], result: [p('a'), p('b')], conflicts: [] },
    { name: 'edited on one side → the edit', base: [p('a')], mine: [p('a')], theirs: [p('a', 'new')], result: [p('a', 'new')], conflicts: [] },
    { name: 'edited identically → once', base: [p('a')], mine: [p('a', 'x')], theirs: [p('a', 'x')], result: [p('a', 'x')], conflicts: [] },
    { name: 'edited differently → conflict, mine kept for now', base: [p('a')], mine: [p('a', 'm')], theirs: [p('a', 't')], result: [p('a', 'm')], conflicts: ['a:edit-edit'] },
    { name: 'deleted by me, edited by them → conflict, theirs kept for now', base: [p('a')], mine: [], theirs: [p('a', 't')], result: [p('a', 't')], conflicts: ['a:delete-edit'] },
    { name: 'edited by me, deleted by them → conflict', base: [p('a')], mine: [p('a', 'm')], theirs: [], result: [p('a', 'm')], conflicts: ['a:edit-delete'] },
    { name: 'deleted on one side, untouched on the other → deleted', base: [p('a'), p('b')], mine: [p('a'), p('b')], theirs: [p('b')], result: [p('b')], conflicts: [] },
    { name: 'same id added with different content → conflict', base: null, mine: [p('a', 'm')], theirs: [p('a', 't')], result: [p('a', 'm')], conflicts: ['a:add-add'] },
    { name: 'file deleted on one side, unchanged records → deleted', base: [p('a')], mine: null, theirs: [p('a')], result: null, conflicts: [] },
  ];
  it.each(cases)('$name', ({ base, mine, theirs, result, conflicts }) => {
    const f = (r: object[] | null) => (r === null ? null : parse(file(...r)));
    const merged = mergeRecords(f(base), f(mine), f(theirs));
    expect(merged.text).toBe(result === null ? null : file(...result));
    expect(merged.conflicts.map((c) => `${c.recordId}:${c.kind}`)).toEqual(conflicts);
  });

  it('keeps unchanged lines byte for byte and the output sorted by id', () => {
    const odd = '{"note":"", "id":"m",  "tagIds":[]}';
    const text = `${H}\n${odd}\n`;
    const merged = mergeRecords(parse(text), parse(text), parse(file({ id: 'a' }, JSON.parse(odd) as object)));
    expect(merged.text).toBe(`${H}\n{"id":"a"}\n${odd}\n`);
  });
});

describe('codebook merges by field', () => {
  const tag = (over: object = {}) => ({ id: 'friction', name: 'Friction', color: '#c33', description: 'd', shortcut: '2', ...over });
  const CH = '{"format":"glossator-codebook/1"}';
  const cb = (...tags: object[]) => [CH, ...tags.map((t) => JSON.stringify(t))].join('\n') + '\n';
  const blob = (text: string | null) => (text === null ? null : { bytes: new TextEncoder().encode(text), oid: text.length.toString(16) });
  const merge = (b: string | null, m: string | null, t: string | null) => mergeFile('.glossator/codebook.jsonl', blob(b), blob(m), blob(t), '2026-01-01T00:00:00Z');
  const tags = (r: ReturnType<typeof merge>) => [...parse(new TextDecoder().decode(r.content!))!.records.values()].map((x) => x.value);

  it('a rename on one side and a recolour on the other both land', () => {
    const r = merge(cb(tag()), cb(tag({ name: 'Tension' })), cb(tag({ color: '#00f' })));
    expect(r.conflicts).toEqual([]);
    expect(tags(r)).toEqual([tag({ name: 'Tension', color: '#00f' })]);
  });
  it('two different renames are a conflict naming the field, both versions kept', () => {
    const r = merge(cb(tag()), cb(tag({ name: 'Tension' })), cb(tag({ name: 'Clash' })));
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]).toMatchObject({ id: '.glossator/codebook.jsonl#friction', fields: ['name'], mine: { name: 'Tension' }, theirs: { name: 'Clash' } });
  });
  it('delete against edit is a conflict', () => {
    const r = merge(cb(tag()), cb(), cb(tag({ color: '#00f' })));
    expect(r.conflicts.map((c) => c.kind)).toEqual(['delete-edit']);
    expect(tags(r)).toEqual([tag({ color: '#00f' })]);
  });
});

describe('mergeFile refuses what it cannot read', () => {
  const enc = (s: string) => ({ bytes: new TextEncoder().encode(s), oid: 'x' });
  it('a teammate file hand-edited into invalid JSON: named with its line, ours kept', () => {
    const mine = file(p('a', 'mine'));
    const r = mergeFile('.glossator/coders/sara/passages/d.jsonl', enc(file(p('a'))), enc(mine), enc(`${H}\n{"id":"a", oops\n`), 'now');
    expect(r.refused).toEqual({ file: '.glossator/coders/sara/passages/d.jsonl', line: 2, reason: expect.stringContaining('not valid JSON') });
    expect(new TextDecoder().decode(r.content!)).toBe(mine);
  });
  it('a header of another kind or a newer format is refused', () => {
    const r = mergeFile('x.jsonl', null, enc(file(p('a'))), enc(`{"format":"glossator-passages/9"}\n`), 'now');
    expect(r.refused?.reason).toMatch(/newer Glossator/);
  });
  it('a document changed on both sides: mine kept, both blobs recorded', () => {
    const r = mergeFile('doc.txt', enc('base'), { bytes: new TextEncoder().encode('mine'), oid: 'm1' }, { bytes: new TextEncoder().encode('theirs'), oid: 't1' }, 'now');
    expect(new TextDecoder().decode(r.content!)).toBe('mine');
    expect(r.conflicts[0]).toMatchObject({ kind: 'file', mine: { blob: 'm1' }, theirs: { blob: 't1' } });
  });
  it('parseJsonl names a duplicate id and a missing header', () => {
    expect(() => parseJsonl(`${H}\n{"id":"a"}\n{"id":"a"}\n`, 'f')).toThrow(new JsonlError('f', 3, 'the id "a" appears twice'));
    expect(() => parseJsonl('{"id":"a"}\n', 'f')).toThrow(/line 1/);
  });
});

describe('commit messages say what changed', () => {
  it('passages per document and codebook renames', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const cb = (name: string) => `{"format":"glossator-codebook/1"}\n${JSON.stringify({ id: 'f', name, color: '#000' })}\n`;
    const msg = commitMessage([
      { path: '.glossator/coders/me/passages/002-x.jsonl', before: enc(file(p('a'))), after: enc(file(p('a', 'n'), p('b'), p('c'), p('d'))) },
      { path: '.glossator/codebook.jsonl', before: enc(cb('Friction')), after: enc(cb('Tension')) },
    ]);
    expect(msg.split('\n')[0]).toBe('Glossator sync: 3 passages added, 1 edited on 002-x; codebook: renamed Friction to Tension');
  });
});
