// Document ids from real-world file names: safe as file names, stable across opens and machines, unique, and unchanged where they worked before.
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { dispatch } from '../../src/main/core/dispatch';
import { assignIds, chooseId, hashedId, legacyId, preferredId } from '../../src/main/corpus/doc-id';
import { assertPathPart } from '../../src/main/store/annotation-store';
import type { Result } from '../../src/shared/result';
import type { DocumentSummary, PlacedAnnotation } from '../../src/shared/types';

/** Names analysts' folders really hold, by script and by the trouble they gave the old rule. */
const NAMES: readonly (readonly [kind: string, name: string])[] = [
  ['latin', 'report.txt'],
  ['latin, spaces', 'Carnegie report 2024.txt'],
  ['latin, parentheses first', '(copy) report.txt'],
  ['latin, underscore first', '_draft.txt'],
  ['latin, dash first', '-rf.txt'],
  ['latin, diacritics', 'ünïcode.txt'],
  ['latin, diacritics inside', 'Zürich notes.md'],
  ['latin, several dots', 'v1.2.final.docx'],
  ['leading dot-dash', '-.-.txt'],
  ['only punctuation', '!!!.txt'],
  ['cyrillic', 'Отчёт о санкциях.txt'],
  ['cyrillic, same stem other format', 'Отчёт о санкциях.pdf'],
  ['persian', 'گزارش روابط ایران و روسیه.txt'],
  ['persian with ZWNJ', 'می‌خواهم.md'],
  ['arabic', 'تقرير.html'],
  ['cjk', '日本語.txt'],
  ['cjk, other', '中文报告.txt'],
  ['korean', '보고서.txt'],
  ['emoji', '🇮🇷 notes 🔥.txt'],
  ['emoji only', '📄.md'],
  ['mixed', 'Iran–Russia “strategic” ties (2024) — draft #2.txt'],
  ['251 characters', `${'a'.repeat(247)}.txt`],
  ['251 characters with spaces', `${'word '.repeat(49)}ab.txt`],
  ['cyrillic at the 255-byte limit', `${'ж'.repeat(126)}.md`],
  ['no stem', '.txt.md'],
  ['case twin', 'A B.txt'],
  ['case twin 2', 'a b.txt'],
  ['collides with "a b"', 'a-b.txt'],
  ['underscore twin of "a b"', 'a_b.txt'],
];

describe('document ids from file names', () => {
  it.each(NAMES)('%s: %s gives an id every store accepts, the same each time', (_, name) => {
    const id = preferredId(name);
    expect(() => assertPathPart('document id', id)).not.toThrow();
    expect(preferredId(name)).toBe(id);
    expect(() => assertPathPart('document id', hashedId(name))).not.toThrow();
  });

  it.each([
    ['000_4ab67b766fb33eed.txt', '000_4ab67b766fb33eed'],
    ['a b.c.txt', 'a-b-c'],
    ['Iran’s view.txt', 'Iran-s-view'],
    ['Carnegie report 2024.txt', 'Carnegie-report-2024'],
    ['Zürich notes.md', 'Z-rich-notes'],
    ['report.final.pdf', 'report-final'],
  ])('keeps the id the earlier rule gave %s (%s), so its stored passages stay attached', (name, id) => {
    expect(legacyId(name)).toBe(id);
    expect(preferredId(name)).toBe(id);
  });

  it.each([
    ['(copy) report.txt', /^copy-report-[0-9a-f]{10}$/],
    ['_draft.txt', /^draft-[0-9a-f]{10}$/],
    ['-rf.txt', /^rf-[0-9a-f]{10}$/],
    ['ünïcode.txt', /^unicode-[0-9a-f]{10}$/],
    ['日本語.txt', /^doc-[0-9a-f]{10}$/],
    [`${'a'.repeat(247)}.txt`, /^a{80}-[0-9a-f]{10}$/],
  ])('gives %s, which the earlier rule could not serve, a readable id: %s', (name, pattern) => {
    expect(legacyId(name)).toBeNull();
    expect(preferredId(name)).toMatch(pattern);
  });

  it('gives one id to a name whether the disk stores it composed (NFC) or decomposed (NFD, macOS)', () => {
    for (const name of ['ünïcode.txt', 'Отчёт о санкциях.txt', 'café (2).md']) {
      expect(preferredId(name.normalize('NFD'))).toBe(preferredId(name.normalize('NFC')));
    }
  });

  it('makes every id of a folder unique, also case-insensitively across scripts that fold to one slug', () => {
    const names = NAMES.map(([, n]) => n);
    const ids = assignIds(names);
    const values = [...ids.values()];
    expect(values).not.toContain(null);
    expect(new Set(values).size).toBe(names.length);
    // Order of discovery does not matter: the folder gives the same ids listed any way round.
    expect(assignIds([...names].reverse())).toEqual(ids);
  });

  it('keeps the id a file had last time even when a file added since sorts before it', () => {
    // Last time only "a-b.txt" was there and held "a-b"; now "a b.txt" (sorting first) appeared.
    const ids = assignIds(['a b.txt', 'a-b.txt'], (s) => (s === 'a-b.txt' ? 'a-b' : undefined));
    expect(ids.get('a-b.txt')).toBe('a-b');
    expect(ids.get('a b.txt')).toBe(hashedId('a b.txt'));
    // An id the rules could never give this file (a stale cache) is not honoured.
    expect(assignIds(['x.txt'], () => 'y').get('x.txt')).toBe('x');
  });

  it('gives a file added while open the first id free, never one another file holds', () => {
    const held = new Map([['a-b', 'a b.txt']]);
    expect(chooseId('a-b.txt', (id) => held.get(id))).toBe(hashedId('a-b.txt'));
    expect(chooseId('a b.txt', (id) => held.get(id))).toBe('a-b');
    expect(chooseId('c.txt', (id) => held.get(id))).toBe('c');
  });
});

describe('a corpus of such names, through the core', () => {
  let root: string;
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
    await rm(root, { recursive: true, force: true });
  });
  const call = async <T>(method: string, args: unknown = {}): Promise<T> => {
    const r = (await dispatch(core!.handlers, method, args)) as Result<T>;
    if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const open = async (): Promise<void> => {
    core = await createCore({ dataDir: join(root, 'data'), corpusDir: join(root, 'corpus'), bundledCorpusDir: join(process.cwd(), 'corpus') });
  };

  it('lists, tags and reopens every document, each passage on its own document', async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), 'glossator-names-')));
    // Plain text in each (a .pdf or .docx of these words would need building); hidden files are not documents.
    const names = NAMES.map(([, n]) => n).filter((n) => !n.startsWith('.') && !/\.(pdf|docx)$/.test(n));
    await mkdir(join(root, 'corpus'));
    for (const [i, name] of names.entries()) await writeFile(join(root, 'corpus', name), `Document number ${i}\n\nWords of document ${i} to tag.\n`);
    await open();
    const listed = await call<DocumentSummary[]>('listDocuments');
    expect(listed.map((d) => d.source).sort()).toEqual([...names].sort());
    const idBySource = new Map(listed.map((d) => [d.source, d.id]));
    for (const [i, name] of names.entries()) {
      const docId = idBySource.get(name)!;
      const exact = `Words of document ${i} to tag.`;
      const doc = await call<{ text: string }>('getDocument', { docId });
      const start = doc.text.indexOf(exact);
      await call('createAnnotation', { docId, start, end: start + exact.length, exact, tagIds: ['friction'] });
    }
    await core!.close();
    await open();
    const again = await call<DocumentSummary[]>('listDocuments');
    expect(new Map(again.map((d) => [d.source, d.id]))).toEqual(idBySource);
    for (const [i, name] of names.entries()) {
      const passages = await call<PlacedAnnotation[]>('listAnnotations', { docId: idBySource.get(name)! });
      expect(passages.map((p) => [p.target.quote.exact, p.state])).toEqual([[`Words of document ${i} to tag.`, 'anchored']]);
    }
  });
});
