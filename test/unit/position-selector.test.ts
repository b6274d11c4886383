// A TextPositionSelector picks among occurrences of a repeated quote: place() directly, then W3C and REFI-QDA imports.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe as group, expect, it } from 'vitest';
import { place, type PlaceOptions } from '../../src/main/anchoring';
import { locate } from '../../src/main/core/import/import-placement';
import { loadCorpus, MANIFEST_FILE } from '../../src/main/corpus/corpus';
import { parseQdpx } from '../../src/main/interop/refi-import';
import { parseWebAnnotation } from '../../src/main/interop/webanno-import';
import { describe } from '../../src/shared/anchoring';
import type { GlossDocument, TextTarget } from '../../src/shared/types';

/** Start offsets (UTF-16) of every occurrence of `exact` in `text`. */
function occurrences(text: string, exact: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(exact); i !== -1; i = text.indexOf(exact, i + 1)) at.push(i);
  return at;
}

// Five identical paragraphs: no context of 32 characters tells the middle three "sanctions" apart.
const PARAGRAPH = 'The council renewed the sanctions on Monday.';
const REPEATED = Array<string>(5).fill(PARAGRAPH).join('\n\n');
const MIDDLE = [1, 2, 3];
// Three different sentences: the context alone says which "sanctions" is meant.
const DISTINCT = 'The EU renewed sanctions on Monday. Iran called the sanctions illegal. Russia said sanctions do not work.';
const HASH = 'sha256:current';

interface Row {
  name: string;
  text: string;
  /** Builds the target: quote, context and position. */
  target: (text: string) => TextTarget;
  options: PlaceOptions;
  /** The occurrence of the quote expected to be chosen (index into its occurrences), or null for review. */
  expected: number | null;
  state?: string;
  doubt?: string;
}

/** A quote with no context (as REFI-QDA from another tool or a quote-only W3C selector gives), at `position`. */
const bare = (exact: string, start: number | null): TextTarget => ({
  quote: { exact, prefix: '', suffix: '' },
  position: start === null ? { start: 0, end: 0 } : { start, end: start + exact.length },
  contentHash: '',
});
const nth = (text: string, exact: string, k: number) => occurrences(text, exact)[k]!;
const imported: PlaceOptions = { contentHash: HASH, positionSelects: true };
const stored: PlaceOptions = { contentHash: HASH };

const ROWS: Row[] = [
  ...[0, ...MIDDLE, 4].map((k) => ({
    name: `no context, position on occurrence ${k + 1} of 5 → that occurrence`,
    text: REPEATED,
    target: (t: string) => bare('sanctions', nth(t, 'sanctions', k)),
    options: imported,
    expected: k,
    state: 'anchored',
  })),
  ...MIDDLE.map((k) => ({
    name: `context and position taken from the same text: held at occurrence ${k + 1} of 5`,
    text: REPEATED,
    target: (t: string) => describe(t, nth(t, 'sanctions', k), nth(t, 'sanctions', k) + 9, 'sha256:theirs'),
    options: imported,
    expected: k,
    state: 'anchored',
  })),
  ...MIDDLE.map((k) => ({
    name: `context with one \\n per paragraph break (as Hypothesis writes) fits all middle ones; position picks ${k + 1}`,
    text: REPEATED,
    target: (t: string) => {
      const theirs = t.replace(/\n\n/g, '\n');
      const at = nth(theirs, 'sanctions', k);
      const start = nth(t, 'sanctions', k);
      return { ...describe(theirs, at, at + 9, ''), position: { start, end: start + 9 } };
    },
    options: imported,
    expected: k,
    state: 'anchored',
  })),
  {
    name: 'no context and no position → review: several places, nothing says which',
    text: REPEATED,
    target: () => bare('sanctions', null),
    options: imported,
    expected: null,
    doubt: 'several',
  },
  {
    name: 'a position that does not hold the quote (counted with CRLF as two) is no selector → review',
    text: REPEATED,
    target: (t) => bare('sanctions', nth(t, 'sanctions', 1) + 2),
    options: imported,
    expected: null,
    doubt: 'several',
  },
  {
    name: "a stored passage's old offset never picks by itself (the text changed under it)",
    text: REPEATED,
    target: (t) => bare('sanctions', nth(t, 'sanctions', 1)),
    options: stored,
    expected: null,
    doubt: 'several',
  },
  {
    name: 'context clearly names another occurrence than the position → the context wins',
    text: DISTINCT,
    target: (t) => ({ ...bare('sanctions', nth(t, 'sanctions', 2)), quote: { exact: 'sanctions', prefix: 'Iran called the ', suffix: ' illegal.' } }),
    options: imported,
    expected: 1,
    state: 'moved',
  },
  {
    name: 'context alone decides where it can, without a position',
    text: DISTINCT,
    target: () => ({ ...bare('sanctions', null), quote: { exact: 'sanctions', prefix: 'Russia said ', suffix: ' do not work.' } }),
    options: imported,
    expected: 2,
    state: 'moved',
  },
  {
    name: 'a position inside a longer word ("sanction" of "sanctions") is not the passage',
    text: REPEATED,
    target: (t) => bare('sanction', nth(t, 'sanction', 1)),
    options: imported,
    expected: null,
  },
  {
    name: 'a quote that occurs once needs no position',
    text: DISTINCT,
    target: () => bare('illegal', null),
    options: imported,
    expected: 0,
    state: 'moved',
  },
];

group('place(): a TextPositionSelector picks the occurrence', () => {
  it.each(ROWS)('$name', ({ text, target, options, expected, state, doubt }) => {
    const t = target(text);
    const out = place(t, text, null, options);
    if (expected === null) {
      expect(out).toMatchObject({ state: 'needs-review', range: null });
      if (doubt) expect(out.doubt).toBe(doubt);
      return;
    }
    const start = nth(text, t.quote.exact, expected);
    expect(out.range).toEqual({ start, end: start + t.quote.exact.length });
    expect(out.doubt).toBeNull();
    if (state) expect(out.state).toBe(state);
  });
});

// The imports: a real corpus document whose text repeats a paragraph, after an emoji (two UTF-16
// units, one code point), so W3C's code-point positions and our UTF-16 offsets differ.
const FILE = 'brief.txt';
const URL_OF_DOC = 'https://example.org/brief';
const BODY = `Brief 🛢️ on oil\n\n${REPEATED}\n`;

let dir: string;
let doc: GlossDocument;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glossator-selector-'));
  await writeFile(join(dir, FILE), BODY);
  const entry = { source: FILE, title: 'Brief on oil', author: null, publisher: null, date: null, url: URL_OF_DOC, provenance: 'test', titleSource: 'descriptive' };
  await writeFile(join(dir, MANIFEST_FILE), JSON.stringify({ schemaVersion: 1, documents: [entry] }));
  const { documents } = await loadCorpus(dir);
  expect(documents).toHaveLength(1);
  doc = documents[0]!;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const codePoints = (text: string, utf16: number) => [...text.slice(0, utf16)].length;

/** A Recogito-style W3C annotation: a quote without context and a TextPositionSelector in code points. */
function w3c(exact: string, start: number | null): string {
  const selector: object[] = [{ type: 'TextQuoteSelector', exact }];
  if (start !== null) {
    const from = codePoints(doc.text, start);
    selector.push({ type: 'TextPositionSelector', start: from, end: from + [...exact].length });
  }
  return JSON.stringify([
    {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: '#b3f1c9d0-2a4e-4c1b-9f7e-0d5a6c8e1f23',
      type: 'Annotation',
      body: [{ type: 'TextualBody', purpose: 'tagging', value: 'Sanctions' }],
      target: { source: URL_OF_DOC, selector },
    },
  ]);
}

/** A QualCoder-style project: the source's text inside the archive, a coded selection in code points. */
function qdpx(sourceText: string, start: number, end: number): Uint8Array {
  const code = 'A1B2C3D4-0000-4000-8000-000000000001';
  const source = 'A1B2C3D4-0000-4000-8000-000000000002';
  const project = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="selector" origin="QualCoder 3.6">
  <CodeBook><Codes><Code guid="${code}" name="Sanctions" isCodable="true" color="#AA3377"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="${source}" name="${FILE}" plainTextPath="internal://${source}.txt">
      <PlainTextSelection guid="A1B2C3D4-0000-4000-8000-000000000003" name="sanctions" startPosition="${start}" endPosition="${end}"
        creatingUser="A1B2C3D4-0000-4000-8000-000000000009" creationDateTime="2026-10-01T09:00:00Z">
        <Coding guid="A1B2C3D4-0000-4000-8000-000000000004" creatingUser="A1B2C3D4-0000-4000-8000-000000000009">
          <CodeRef targetGUID="${code}"/>
        </Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`;
  return zipSync({ 'project.qde': strToU8(project), sources: { [`${source}.txt`]: strToU8(sourceText) } });
}

const placedAt = (where: ReturnType<typeof locate>) => ('range' in where ? where.range : where.reason);

group('imports: the position picks among identical occurrences', () => {
  it.each([0, ...MIDDLE, 4])('W3C (quote without context, position in code points): occurrence %i', (k) => {
    const start = nth(doc.text, 'sanctions', k);
    const [passage] = parseWebAnnotation(w3c('sanctions', start)).passages;
    expect(placedAt(locate([doc], passage!))).toEqual({ start, end: start + 9 });
  });

  it('W3C without a position: listed as several places, not guessed', () => {
    const [passage] = parseWebAnnotation(w3c('sanctions', null)).passages;
    expect(placedAt(locate([doc], passage!))).toMatch(/quote occurs in several places \(5\) in “Brief on oil”/);
  });

  it.each(MIDDLE)('REFI-QDA from another tool, its source text equal to the document: occurrence %i', (k) => {
    const start = nth(doc.text, 'sanctions', k);
    const from = codePoints(doc.text, start);
    const [passage] = parseQdpx(qdpx(doc.text, from, from + 9)).passages;
    expect(passage!.tagNames).toEqual(['Sanctions']);
    expect(placedAt(locate([doc], passage!))).toEqual({ start, end: start + 9 });
  });

  it("REFI-QDA whose source text differs from the document: its position is no selector there", () => {
    // Another tool's copy with an extra line: the same words sit at other offsets in its text.
    const theirs = `Preface line.\n${doc.text}`;
    const start = nth(theirs, 'sanctions', 2);
    const from = codePoints(theirs, start);
    const [passage] = parseQdpx(qdpx(theirs, from, from + 9)).passages;
    expect(passage!.quote.exact).toBe('sanctions');
    expect(placedAt(locate([doc], passage!))).toMatch(/quote occurs in several places \(5\)/);
  });
});

group('imports get the word check stored passages get', () => {
  it('a quote found only inside a longer word ("Brie" of "Brief") is reported, not placed', () => {
    const [passage] = parseWebAnnotation(w3c('Brie', null)).passages;
    expect(placedAt(locate([doc], passage!))).toBe(
      'quote found in “Brief on oil” only inside longer words, where the passage began or ended between words',
    );
  });

  it('the same quote as a word of its own is placed', () => {
    const [passage] = parseWebAnnotation(w3c('Brief', null)).passages;
    expect(placedAt(locate([doc], passage!))).toEqual({ start: 0, end: 5 });
  });
});
