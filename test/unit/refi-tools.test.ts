// REFI-QDA from other tools: QualCoder's own .qdpx (nested codes, categories, coding memos, text
// annotations, two coders), its "MAXQDA line endings" variant, and a standard project with clashing names.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { parseQdpx } from '../../src/main/interop/refi-import';
import { renderQdpx } from '../../src/main/interop/refi-export';
import { DEFAULT_OPTIONS } from '../../src/main/export/types';
import { refiGuid } from '../../src/main/interop/refi-xml';
import { unzip, validate } from './refi-fixture';
import { writeFile } from 'node:fs/promises';
import { MAX_TAG_NAME_LENGTH } from '../../src/shared/limits';
import { CODEBOOK_NESTS } from '../../src/main/core/import/import-tags';
import { importInto, parentIdOf } from './support/import-harness';

/** A tag's path name where the codebook nests; just its own name where it is flat. */
const path = (...names: string[]) => (CODEBOOK_NESTS ? names.join(' › ') : names.at(-1)!);

// Built by test/fixtures/refi/make_qualcoder.py the way QualCoder's refi.py (RefiExport) writes a project.
const FIXTURES = join(process.cwd(), 'test/fixtures/refi');
const DOC = '003_520b40829e764d2b';

const temps: string[] = [];
async function temp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'glossator-refi-tools-'));
  temps.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const qualcoder = async (name: string) => parseQdpx(new Uint8Array(await readFile(join(FIXTURES, name))));

/** What QualCoder coded and annotated (make_qualcoder.py), as an analyst expects to find it. */
const EXPECTED = [
  {
    exact: 'Russia and Iran have a long history of mistrust and competition over the hegemony of Central Asia',
    tags: [path('Relations', 'Friction'), path('Relations', 'Friction', 'Mistrust')],
    note: 'The core of the friction argument',
  },
  { exact: 'they compete over the export of gas and oil', tags: [path('Relations', 'Energy', 'Gas and oil')], note: '' },
  {
    exact: 'Both countries support Syrian regime leader Bashar al-Assad and reject the expansion of NATO to the East',
    tags: [path('Relations', 'Cooperation')],
    note: '',
  },
  { exact: 'The current nature of the relationship between the two parties is tactical', tags: ['Tactical'], note: 'Compare with the GIF piece' },
  {
    exact: 'Putin considers that the West did not give Russia any consideration after the collapse of the Soviet Union',
    tags: [],
    note: 'Grievance framing; check the 2007 Munich speech.',
  },
  { exact: 'their relations are not based on a comprehensive strategic vision', tags: [], note: 'Key hedge for the digest.' },
];

describe.each([
  ['qualcoder-nested-notes.qdpx', 'LF text'],
  ['qualcoder-maxqda-line-endings.qdpx', 'CRLF text, positions counting each CRLF as one'],
])('QualCoder project %s (%s)', (file, kind) => {
  it('brings in every coding and text annotation, in place, with nested codes, memos and coders', async () => {
    const dir = await temp();
    const { report, passages, tags, texts } = await importInto(dir, await qualcoder(file), 'qdpx');
    const text = texts.get(DOC)!;
    const got = passages
      .map((p) => ({ exact: p.exact, tags: [...p.tags].sort(), note: p.note, docId: p.docId, at: p.range ? text.slice(p.range.start, p.range.end) : null }))
      .sort((a, b) => text.indexOf(a.exact) - text.indexOf(b.exact));
    const want = [...EXPECTED].sort((a, b) => text.indexOf(a.exact) - text.indexOf(b.exact));
    expect(got).toEqual(want.map((w) => ({ ...w, tags: [...w.tags].sort(), docId: DOC, at: w.exact })));
    // Two codings of the same text (Friction, Mistrust) are one passage carrying both.
    expect(report).toMatchObject({ imported: 6, merged: 1, unmatched: [] });
    expect(report.coders).toEqual([
      { name: 'colin', passages: 4 },
      { name: 'rosa', passages: 3 },
    ]);
    // Friction, Cooperation and Energy under Relations; Mistrust under that Friction; Gas and oil under
    // Energy. The codebook's own top-level Friction and Cooperation have another parent (none), so the
    // imported ones stay tags of their own.
    expect(tags.filter((t) => parentIdOf(t) !== null).length).toBe(CODEBOOK_NESTS ? 5 : 0);
    const changes = report.changes.map((c) => c.what);
    expect(changes).toContain('“Relations” became a tag');
    expect(changes).toContain('“Energy” became a tag');
    // QualCoder writes a NoteRef for the first annotation of a source only; the second still arrives, and says how.
    expect(changes.some((c) => c.startsWith('The note “Key hedge for the digest.” was placed in'))).toBe(true);
    if (kind.startsWith('CRLF')) {
      expect(report.changes.find((c) => c.what.includes('CRLF'))).toMatchObject({
        what: `Positions in “${DOC}.txt” were read counting each line break (CRLF) as one character`,
      });
    } else {
      expect(changes.some((c) => c.includes('CRLF'))).toBe(false);
    }
    // A second import changes nothing.
    const again = await importInto(dir, await qualcoder(file), 'qdpx');
    expect(again.report).toMatchObject({ imported: 0, merged: 7, tagsAdded: [] });
  });
});

/** A project written to the QDA-XML 1.0 schema (Project.xsd), with names no single tool's sample has. */
function standardProject(codes: string, selections: string): Uint8Array {
  const text = 'Sanctions bite. Other issues remain open. Other partners wait.\n';
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="names" origin="Example">
<CodeBook><Codes>${codes}</Codes></CodeBook>
<Sources><TextSource guid="00000000-0000-4000-8000-000000000100" name="names.txt" plainTextPath="internal://00000000-0000-4000-8000-000000000100.txt">${selections}</TextSource></Sources>
</Project>`;
  return zipSync({ 'project.qde': strToU8(qde), 'sources/00000000-0000-4000-8000-000000000100.txt': strToU8(text) });
}
const g = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const code = (n: number, name: string, inner = '') => `<Code guid="${g(n)}" name="${name}" isCodable="true">${inner}</Code>`;
describe('code names', () => {
  it('keeps same-named codes under different parents as two tags, and renames (and reports) a second one under the same parent', async () => {
    const long = 'L'.repeat(MAX_TAG_NAME_LENGTH + 30);
    const codes = code(1, 'Politics', code(2, 'Other') + code(3, 'Other')) + code(4, 'Economy', code(5, 'Other')) + code(6, long);
    const parsed = parseQdpx(standardProject(codes, ''));
    const dir = await temp();
    const { report, tags } = await importInto(dir, parsed, 'qdpx');
    const others = tags.filter((t) => t.name.startsWith('Other'));
    expect(others.map((t) => [tags.find((p) => p.id === parentIdOf(t))?.name, t.name])).toEqual(
      CODEBOOK_NESTS
        ? [
            ['Politics', 'Other'],
            ['Politics', 'Other (2)'],
            ['Economy', 'Other'],
          ]
        : [
            [undefined, 'Other'],
            [undefined, 'Other (2)'],
            [undefined, 'Other (3)'],
          ],
    );
    expect(report.changes).toContainEqual({
      what: 'A second code “Other” became the tag “Other (2)”',
      why: expect.stringContaining('two different codes of that name'),
    });
    const cut = tags.find((t) => t.name.startsWith('LLL'))!;
    expect(cut.name).toHaveLength(MAX_TAG_NAME_LENGTH);
    expect(report.changes.find((c) => c.what.startsWith('Tag “LLL'))?.why).toBe(
      `its name has ${MAX_TAG_NAME_LENGTH + 30} characters; a tag name holds at most ${MAX_TAG_NAME_LENGTH}`,
    );
  });
});

describe('export to QualCoder and back', () => {
  it('writes nested codes, notes where QualCoder reads them, no empty memos, valid XML; a re-import gives back the tree and notes', async () => {
    const dir = await temp();
    const first = await importInto(dir, await qualcoder('qualcoder-nested-notes.qdpx'), 'qdpx');
    const set = {
      documents: first.documents,
      passages: first.placed,
      tags: first.tags,
      options: DEFAULT_OPTIONS,
      now: new Date('2026-11-22T10:00:00Z'),
      generator: { name: 'Glossator', version: '9.9.9' },
    };
    const { bytes, bare } = renderQdpx(set, first.documents);
    expect(bare).toBe(0);
    const files = unzip(bytes);
    const qde = files['project.qde']!;
    await writeFile(join(dir, 'project.qde'), qde);
    validate('Project.xsd', join(dir, 'project.qde'));
    // Nested codes: Mistrust inside Friction inside Relations.
    const friction = first.tags.find((t) => t.name === 'Friction' && (parentIdOf(t) !== null || !CODEBOOK_NESTS))!;
    const mistrust = first.tags.find((t) => t.name === 'Mistrust')!;
    const frictionAt = qde.indexOf(`guid="${refiGuid('code', friction.id)}"`);
    const closes = qde.indexOf('</Code>', frictionAt);
    if (CODEBOOK_NESTS) {
      expect(qde.indexOf(`guid="${refiGuid('code', mistrust.id)}"`)).toBeGreaterThan(frictionAt);
      expect(qde.indexOf(`guid="${refiGuid('code', mistrust.id)}"`)).toBeLessThan(closes);
    }
    // What QualCoder's load_codings_for_text reads: each selection's Description (coding memo, or
    // an annotation when it has no Coding). Every note is there; no selection is an empty memo.
    const selections = [...qde.matchAll(/<PlainTextSelection [^>]*>([\s\S]*?)<\/PlainTextSelection>/g)].map((m) => m[1]!);
    const memos = selections.map((body) => /<Description>([\s\S]*?)<\/Description>/.exec(body)?.[1] ?? '');
    for (const p of first.passages.filter((x) => x.note !== '')) expect(memos).toContain(p.note);
    for (const [i, body] of selections.entries()) expect(body.includes('<Coding') || memos[i] !== '').toBe(true);
    // Back into an empty data dir: the same passages, tree and notes.
    const back = await importInto(await temp(), parseQdpx(bytes), 'qdpx');
    const view = (r: typeof first) => r.passages.map((p) => [p.exact, [...p.tags].sort(), p.note]).sort();
    expect(view(back)).toEqual(view(first));
    expect(back.report.unmatched).toEqual([]);
  });

  it('leaves out a passage with neither tag nor note, and counts it', async () => {
    const dir = await temp();
    const first = await importInto(dir, await qualcoder('qualcoder-nested-notes.qdpx'), 'qdpx');
    const bareOne = { ...first.placed[0]!, tagIds: [], note: '' };
    const set = { documents: first.documents, passages: [bareOne], tags: first.tags, options: DEFAULT_OPTIONS, now: new Date(0), generator: { name: 'Glossator', version: '1' } };
    const out = renderQdpx(set, first.documents);
    expect(out.bare).toBe(1);
    expect(unzip(out.bytes)['project.qde']).not.toContain('<PlainTextSelection');
  });
});

describe('a coding whose positions miss its own coded text', () => {
  const sel = (n: number, name: string, start: number, end: number) =>
    `<PlainTextSelection guid="${g(n)}" name="${name}" startPosition="${start}" endPosition="${end}"><Coding guid="${g(n + 50)}"><CodeRef targetGUID="${g(1)}"/></Coding></PlainTextSelection>`;
  it.each([
    { what: 'positions on other words', start: 16, end: 30, holds: '“Other issues r”' },
    { what: 'positions past the end of the text', start: 500, end: 514, holds: null },
  ])('($what) is placed by that text, and the report says so', ({ start, end, holds }) => {
    // Two codings read right (their names are their text), one whose positions hold other words.
    const selections = sel(10, 'Sanctions bite.', 0, 15) + sel(11, 'Other partners wait.', 42, 62) + sel(12, 'issues remain open', start, end);
    const parsed = parseQdpx(standardProject(code(1, 'Politics'), selections));
    const moved = parsed.passages.find((p) => p.quote.exact === 'issues remain open');
    expect(moved).toBeDefined();
    expect(moved!.unquotable).toBeUndefined();
    const change = parsed.changes!.find((c) => c.what.startsWith('A coding in'));
    expect(change).toMatchObject({
      what: `A coding in “names.txt” was placed by its coded text “issues remain open”, not by its positions ${start}–${end}`,
      why: holds === null ? 'those positions lie outside the source text' : `in the file's own text those positions hold ${holds}`,
    });
    // The codings whose positions hold their text are not reported.
    expect(parsed.changes!.filter((c) => c.what.startsWith('A coding in'))).toHaveLength(1);
  });
});
