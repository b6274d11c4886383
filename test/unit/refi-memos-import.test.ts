// REFI-QDA memos coming in: document, code and project memos by what refers to them; nothing dropped without a word.
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import { DEFAULT_OPTIONS } from '../../src/main/export/types';
import { parseQdpx } from '../../src/main/interop/refi-import';
import { fileCores } from './support/file-cores';

const DOC = '000_4ab67b766fb33eed';
const { temp, coreWith, call, memosOf: memosWithStamps } = fileCores('refi-memos');
/** Subject and text: REFI-QDA stamps carry no milliseconds, so stamps are compared elsewhere. */
const memosOf = (core: Core) => memosWithStamps(core, false);

describe('memos round trip through a .qdpx', () => {
  it('our own export brings document, code and journal memos back, reported, and a second import changes nothing', async () => {
    const file = join(await temp(), 'memos.qdpx');
    const source = await coreWith(file);
    await call(source, 'saveMemo', { subject: { kind: 'document', docId: DOC }, text: '# Source check\n\nThe author is *partisan*.' });
    await call(source, 'saveMemo', { subject: { kind: 'tag', tagId: 'friction' }, text: 'Use **Friction** for open disagreement only.' });
    await call(source, 'saveMemo', { subject: { kind: 'journal' }, text: 'Started coding.' });
    await call(source, 'saveMemo', { subject: { kind: 'journal' }, text: 'Merged two tags.' });
    const text = (await call(source, 'getDocument', { docId: DOC })).text;
    const exact = 'strategic cooperation between Russia and Iran will persist';
    const start = text.indexOf(exact);
    await call(source, 'createAnnotation', { docId: DOC, start, end: start + exact.length, exact, tagIds: ['cooperation'], note: 'A passage note stays a note.' });
    await call(source, 'exportDigest', { format: 'qdpx', options: { ...DEFAULT_OPTIONS } });

    const target = await coreWith(file);
    const first = await call(target, 'importAnnotations', { format: 'qdpx' });
    expect(first.memos).toEqual({ imported: 4, merged: 0, unmatched: [] });
    expect(await memosOf(target)).toEqual(await memosOf(source));
    const passages = await call(target, 'listAnnotations', { docId: DOC });
    expect(passages.map((p) => p.note)).toEqual(['A passage note stays a note.']);
    const again = await call(target, 'importAnnotations', { format: 'qdpx' });
    expect(again.memos).toEqual({ imported: 0, merged: 4, unmatched: [] });
    expect(await memosOf(target)).toEqual(await memosOf(source));
  });
});

/** A small .qdpx as another tool writes it: one source, one code, notes referenced in each way REFI-QDA allows. */
function qdpx(): Uint8Array {
  const G = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
  const note = (n: number, text: string, extra = '') =>
    `<Note guid="${G(n)}" name="note ${n}" creationDateTime="2026-11-0${n}T09:00:00Z">${extra}<PlainTextContent>${text}</PlainTextContent></Note>`;
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="OtherTool 1.0">
  <CodeBook><Codes><Code guid="${G(8)}" name="Friction" isCodable="true"><NoteRef targetGUID="${G(2)}"/></Code></Codes></CodeBook>
  <Sources>
    <TextSource guid="${G(9)}" name="interview.txt" plainTextPath="internal://interview.txt">
      <Description>Recorded in Tehran.</Description>
      <PlainTextSelection guid="${G(7)}" startPosition="0" endPosition="5"><NoteRef targetGUID="${G(5)}"/></PlainTextSelection>
      <NoteRef targetGUID="${G(1)}"/>
    </TextSource>
  </Sources>
  <Notes>
    ${note(1, 'Document memo from a NoteRef.')}
    ${note(2, 'Code memo.')}
    ${note(3, 'About the whole project.')}
    ${note(4, 'Nobody refers to me.')}
    ${note(5, 'A passage note.')}
    ${note(6, 'A text annotation.', `<PlainTextSelection guid="${G(0)}" startPosition="0" endPosition="3"/>`)}
  </Notes>
  <NoteRef targetGUID="${G(3)}"/>
  <NoteRef targetGUID="${G(5)}"/>
</Project>`;
  return zipSync({ 'project.qde': strToU8(qde), 'sources/interview.txt': strToU8('Hello world, this is an interview.') });
}

describe('memos in another tool’s .qdpx', () => {
  it('come from source descriptions and NoteRefs on a source, a code and the project; a note nobody refers to is kept and reported', () => {
    const parsed = parseQdpx(qdpx());
    const source = { fileName: 'interview.txt', title: 'interview.txt' };
    expect(parsed.memos).toEqual([
      { subject: { kind: 'document', source }, text: 'Recorded in Tehran.' },
      { subject: { kind: 'document', source }, text: 'Document memo from a NoteRef.', created: '2026-11-01T09:00:00Z' },
      { subject: { kind: 'tag', name: 'Friction' }, text: 'Code memo.', created: '2026-11-02T09:00:00Z' },
      { subject: { kind: 'journal' }, text: 'About the whole project.', created: '2026-11-03T09:00:00Z' },
      { subject: { kind: 'journal' }, text: 'Nobody refers to me.', created: '2026-11-04T09:00:00Z' },
    ]);
    // The passage's note (though the project also refers to it) and the text annotation stay with
    // passages; the kept note is reported.
    expect(parsed.passages.map((p) => p.note).sort()).toEqual(['A passage note.', 'A text annotation.']);
    expect(parsed.changes).toContainEqual({
      what: 'The note “note 4” was kept as a journal entry',
      why: 'no source, code or the project itself refers to it (no NoteRef), so it belongs to no document or tag',
    });
  });
});
