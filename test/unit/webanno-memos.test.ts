// Memos in W3C JSON-LD: written as `commenting` annotations on the document, the tag and the journal,
// read by Recogito's own parser without throwing, and brought back by Glossator's own import (reported).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import { DEFAULT_OPTIONS } from '../../src/main/export/types';
import { parseWebAnnotation } from '../../src/main/interop/webanno-import';
import type { DigestOptions } from '../../src/shared/types';
import { fileCores } from './support/file-cores';

const DOC = '000_4ab67b766fb33eed';
const OTHER = '001_05282a48bb000cda';
const { temp, coreWith, call, memosOf } = fileCores('webanno-memos');

async function withMemos(file: string): Promise<Core> {
  const core = await coreWith(file);
  await call(core, 'saveMemo', { subject: { kind: 'document', docId: DOC }, text: '# Source check\n\nThe author is *partisan*.' });
  await call(core, 'saveMemo', { subject: { kind: 'tag', tagId: 'friction' }, text: 'Use **Friction** for open disagreement only.' });
  await call(core, 'saveMemo', { subject: { kind: 'journal' }, text: 'Started coding.' });
  await call(core, 'saveMemo', { subject: { kind: 'journal' }, text: 'Merged two tags.' });
  const text = (await call(core, 'getDocument', { docId: OTHER })).text;
  const exact = 'partners of convenience';
  const start = text.indexOf(exact);
  await call(core, 'createAnnotation', { docId: OTHER, start, end: start + exact.length, exact, tagIds: ['cooperation'] });
  return core;
}

async function exportJsonLd(core: Core, file: string, options: Partial<DigestOptions> = {}) {
  await call(core, 'exportDigest', { format: 'jsonld', options: { ...DEFAULT_OPTIONS, ...options } });
  return readFile(file, 'utf8');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- probes JSON-LD field by field
type Json = Record<string, any>;

describe('memos in a JSON-LD export', () => {
  it('are commenting annotations on the whole document, the tag and the journal, after the passages', async () => {
    const file = join(await temp(), 'memos.jsonld');
    const json = JSON.parse(await exportJsonLd(await withMemos(file), file)) as Json;
    const items = json.first.items as Json[];
    expect(json.total).toBe(5);
    expect(items[0]!.target.selector).toBeDefined(); // the passage first
    const memos = items.slice(1);
    expect(memos.map((m) => m.motivation)).toEqual(['commenting', 'commenting', 'commenting', 'commenting']);
    expect(memos.map((m) => m.id.replace(/[0-9a-f-]{36}$/, '…'))).toEqual([
      'urn:glossator:memo:document:…',
      'urn:glossator:memo:tag:…',
      'urn:glossator:memo:journal:…',
      'urn:glossator:memo:journal:…',
    ]);
    expect(memos[0]!.target).toMatchObject({ type: 'SpecificResource', selector: [], source: { id: `urn:glossator:doc:${DOC}`, type: 'Text' } });
    expect(memos[0]!.body).toEqual([
      { type: 'TextualBody', purpose: 'commenting', value: '# Source check\n\nThe author is *partisan*.', format: 'text/markdown' },
    ]);
    expect(memos[1]!.target.source).toEqual({ id: 'urn:glossator:tag:friction', 'dcterms:title': 'Friction' });
    expect(memos[2]!.target.source).toEqual({ id: 'urn:glossator:journal', 'dcterms:title': 'Project journal' });
    // Both entries share the test clock's minute, so their order is not asserted here (the digest tests do).
    expect(memos.slice(2).map((m) => m.body[0].value).sort()).toEqual(['Merged two tags.', 'Started coding.']);
  });

  it("never makes Recogito's own W3C parser throw", async () => {
    const { parseW3CTextAnnotation } = await import('@recogito/text-annotator');
    const file = join(await temp(), 'memos.jsonld');
    const items = (JSON.parse(await exportJsonLd(await withMemos(file), file)) as Json).first.items as Json[];
    for (const item of items) expect(() => parseW3CTextAnnotation(item as never)).not.toThrow();
  });

  it.each([
    { name: 'memos off', options: { includeMemos: false }, kinds: ['journal', 'journal'] },
    { name: 'journal off', options: { includeJournal: false }, kinds: ['document', 'tag'] },
    { name: 'both off', options: { includeMemos: false, includeJournal: false }, kinds: [] },
  ])('follow the export options: $name', async ({ options, kinds }) => {
    const file = join(await temp(), 'memos.jsonld');
    const items = (JSON.parse(await exportJsonLd(await withMemos(file), file, options)) as Json).first.items as Json[];
    expect(items.slice(1).map((m) => /^urn:glossator:memo:(\w+):/.exec(m.id)![1])).toEqual(kinds);
  });
});

describe('memos round trip through our own import', () => {
  it('come back with their subjects, text and dates, are reported, and a second import changes nothing', async () => {
    const file = join(await temp(), 'memos.jsonld');
    const source = await withMemos(file);
    await exportJsonLd(source, file);
    const target = await coreWith(file);
    const first = await call(target, 'importAnnotations', { format: 'jsonld' });
    expect(first).toMatchObject({ imported: 1, merged: 0, unmatched: [], memos: { imported: 4, merged: 0, unmatched: [] } });
    expect(await memosOf(target)).toEqual(await memosOf(source));
    const again = await call(target, 'importAnnotations', { format: 'jsonld' });
    expect(again).toMatchObject({ imported: 0, merged: 1, memos: { imported: 0, merged: 4, unmatched: [] } });
    expect(await memosOf(target)).toEqual(await memosOf(source));
  });

  it('adds what a memo here lacks instead of overwriting it, and names what it could not store and why', async () => {
    const file = join(await temp(), 'memos.jsonld');
    await exportJsonLd(await withMemos(file), file);
    const target = await coreWith(file);
    await call(target, 'saveMemo', { subject: { kind: 'document', docId: DOC }, text: 'My own reading.' });
    const friction = (await call(target, 'listTags')).find((t) => t.name === 'Friction')!;
    await call(target, 'deleteTag', { tagId: friction.id });
    const report = await call(target, 'importAnnotations', { format: 'jsonld' });
    expect(report.memos).toEqual({
      imported: 2,
      merged: 1,
      unmatched: [{ subject: 'Tag memo — Friction', reason: 'the codebook has no tag named “Friction”' }],
    });
    const doc = (await call(target, 'listMemos')).find((m) => m.subject.kind === 'document')!;
    expect(doc.text).toBe('My own reading.\n\n# Source check\n\nThe author is *partisan*.');
  });

  it('an import of only memos that stores none fails, in plain words', async () => {
    const file = join(await temp(), 'memos.jsonld');
    await exportJsonLd(await withMemos(file), file, { includeJournal: false });
    const json = JSON.parse(await readFile(file, 'utf8')) as Json;
    // Only the document memo, aimed at a document this corpus does not hold.
    const memo = json.first.items[1];
    memo.target.source = { id: 'urn:glossator:doc:elsewhere', 'dcterms:title': 'Not in this corpus' };
    const parsed = parseWebAnnotation(JSON.stringify({ ...json, total: 1, first: { ...json.first, items: [memo] } }));
    expect(parsed.passages).toEqual([]);
    expect(parsed.memos).toHaveLength(1);
    const { importFailure } = await import('../../src/renderer/src/state/import.svelte');
    const { nothingPlacedMessage } = await import('../../src/cli/commands');
    const target = await coreWith(file);
    await writeFile(file, JSON.stringify({ ...json, total: 1, first: { ...json.first, items: [memo] } }));
    const report = await call(target, 'importAnnotations', { format: 'jsonld' });
    expect(report.memos!.unmatched).toEqual([
      { subject: 'Document memo — Not in this corpus', reason: 'no document in this corpus matches its source' },
    ]);
    expect(importFailure(report)).toBe('Nothing was imported: none of the 1 memo in the file could be stored. The report says why.');
    expect(nothingPlacedMessage(report)).toMatch(/none of the 1 memo in the file could be stored/);
  });
});
