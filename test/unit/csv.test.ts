// CSV export: RFC 4180 quoting, BOM, one row per passage and tag, formula guard, round trip and golden file.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, field, guardFormula, renderCsv } from '../../src/main/export/csv';
import { citeParts } from '../../src/main/export/citation';
import { currentQuote, passageKey, selectPassages } from '../../src/main/export/select';
import { DEFAULT_OPTIONS, type ExportSet } from '../../src/main/export/types';
import type { DigestOptions, PlacedAnnotation } from '../../src/shared/types';
import { isFormula, readAsSpreadsheet } from './support/spreadsheet';
import { FIXTURE_GENERATOR, FIXTURE_NOW, loadFixtureSet, type FixtureSet } from './fixtures';

let fixture: FixtureSet;
beforeAll(async () => {
  fixture = await loadFixtureSet();
});

function exportSet(options: Partial<DigestOptions> = {}, passages?: PlacedAnnotation[]): ExportSet {
  const all = { ...DEFAULT_OPTIONS, ...options };
  const selected = selectPassages({ documents: fixture.documents, annotations: passages ?? fixture.annotations, options: all });
  return { ...selected, tags: fixture.tags, options: all, now: FIXTURE_NOW, generator: FIXTURE_GENERATOR };
}

/**
 * A strict RFC 4180 reader: CRLF between records, quoted fields may hold anything with quotes
 * doubled, unquoted fields may not hold quotes, CR or LF. Throws on anything else.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const record: string[] = [];
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        for (i++; ; i++) {
          if (i >= text.length) throw new Error('unterminated quoted field');
          if (text[i] === '"' && text[i + 1] === '"') {
            value += '"';
            i++;
          }
          else if (text[i] === '"') break;
          else value += text[i];
        }
        i++;
      } else {
        while (i < text.length && !/[,\r\n]/.test(text[i]!)) {
          if (text[i] === '"') throw new Error(`bare quote at ${i}`);
          value += text[i++];
        }
      }
      record.push(value);
      if (text[i] === ',') i++;
      else if (text.startsWith('\r\n', i)) {
        i += 2;
        break;
      } else throw new Error(`expected , or CRLF at ${i}, got ${JSON.stringify(text.slice(i, i + 5))}`);
    }
    records.push(record);
  }
  return records;
}

/** Records as objects keyed by the header row. */
function rowsOf(csv: string): Record<string, string>[] {
  const [header, ...records] = parseCsv(csv);
  expect(header).toEqual([...CSV_COLUMNS]);
  for (const r of records) expect(r).toHaveLength(CSV_COLUMNS.length);
  return records.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

describe('field quoting (RFC 4180)', () => {
  it.each([
    ['plain text', 'Iran and Russia', 'Iran and Russia'],
    ['empty', '', ''],
    ['comma', 'Tehran, Moscow', '"Tehran, Moscow"'],
    ['quote', 'a "serious threat"', '"a ""serious threat"""'],
    ['only a quote', '"', '""""'],
    ['LF', 'one\ntwo', '"one\ntwo"'],
    ['CR', 'one\rtwo', '"one\rtwo"'],
    ['CRLF', 'one\r\ntwo', '"one\r\ntwo"'],
    ['curly quotes need nothing', 'Iran’s “ally”', 'Iran’s “ally”'],
    ['semicolon (the list separator of semicolon locales)', 'a;b', '"a;b"'],
    ['tab', 'a\tc', '"a\tc"'],
    ['leading and trailing spaces kept', '  x  ', '  x  '],
  ])('%s', (_what, value, expected) => {
    expect(field(value)).toBe(expected);
    expect(parseCsv(`${expected}\r\n`)).toEqual([[value]]);
  });
});

describe('formula guard (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+1 agree', `'+1 agree`],
    ['- transactional', `'- transactional`],
    ['@Leila: check', `'@Leila: check`],
    ['\tindented', `'\tindented`],
    ['\rcarriage', `'\rcarriage`],
    ['a = b', 'a = b'],
    ['Russia–Iran', 'Russia–Iran'],
    ["'already", "'already"],
    ['', ''],
    // After a separator a semicolon-locale spreadsheet splits at, or a line break, a new cell begins.
    ['x;=1+1', "x;'=1+1"],
    [';=HYPERLINK("http://x")', `;'=HYPERLINK("http://x")`],
    ['ok; -1', "ok; '-1"],
    ['a;"=1+1"', `a;"'=1+1"`],
    ['line\n@SUM(A1)', "line\n'@SUM(A1)"],
    ['line\r\n+1', "line\r\n'+1"],
    ['col\t=cmd', "col\t'=cmd"],
    [' =1+1', " '=1+1"],
    ['a = b; c - d', 'a = b; c - d'],
    ['2+2=4, -1', '2+2=4, -1'],
  ])('%j → %j', (value, guarded) => {
    expect(guardFormula(value)).toBe(guarded);
  });

  it('guards text from documents, notes and the codebook, never the values Glossator makes', () => {
    const base = fixture.annotations[0]!;
    const hostile = { ...base, note: '=1+1', tagIds: ['cooperation'] };
    const tags = [{ ...fixture.tags[0]!, name: '@tag' }];
    const doc = { ...fixture.documents[0]!, title: '-Title', author: '+Author' };
    const set = { ...exportSet({}, [hostile]), tags, documents: [doc] };
    const [row] = rowsOf(renderCsv(set));
    expect(row).toMatchObject({ note: "'=1+1", tag: "'@tag", document_title: "'-Title", author: "'+Author" });
    expect(row!.passage_id).toBe('p-00000001');
    expect(row!.created).toBe(base.created);
  });
});

describe('renderCsv', () => {
  it('starts with a BOM only when asked, and ends every record with CRLF', () => {
    const plain = renderCsv(exportSet());
    const bom = renderCsv(exportSet({ bom: true }));
    expect(plain.startsWith('passage_id,document_id,')).toBe(true);
    expect(bom).toBe(`\uFEFF${plain}`);
    expect(plain.endsWith('\r\n')).toBe(true);
    expect(plain.replace(/"[^"]*"/g, '')).not.toMatch(/[^\r]\n/);
  });

  it('writes one row per passage and tag, and one row with an empty tag for an untagged passage', () => {
    const rows = rowsOf(renderCsv(exportSet()));
    const tagsOf = (key: string) => rows.filter((r) => r.passage_id === key).map((r) => r.tag);
    expect(tagsOf('p-00000001')).toEqual(['Cooperation', 'Hedging']);
    expect(tagsOf('p-00000004')).toEqual(['']);
    expect(tagsOf('p-00000003')).toEqual(['Friction']);
    const expected = fixture.annotations.reduce((n, a) => n + Math.max(1, a.tagIds.length), 0);
    expect(rows).toHaveLength(expected);
  });

  it('round-trips every passage: parsing the file gives back the set', () => {
    const set = exportSet();
    const rows = rowsOf(renderCsv(set));
    const byKey = new Map(rows.map((r) => [r.passage_id, r]));
    expect(byKey.size).toBe(set.passages.length);
    for (const a of set.passages) {
      const doc = fixture.documents.find((d) => d.id === a.docId)!;
      const cite = citeParts(doc, a.range);
      const row = byKey.get(passageKey(a))!;
      // Notes starting a line with "@" or "- " carry the formula guard; the tag column is checked above.
      const note = (row.note ?? '').replace(/'(?=[=+\-@\t\r])/g, '');
      expect({ ...row, note, tag: '' }).toEqual({
        passage_id: passageKey(a),
        document_id: doc.id,
        document_title: cite.title,
        author: cite.author ?? '',
        publisher: cite.publisher ?? '',
        date: cite.date ?? '',
        section: cite.section ?? '',
        paragraph: cite.paragraph ?? '',
        page: cite.page ?? '',
        tag: '',
        quote: currentQuote(doc, a),
        note: a.note,
        state: a.state,
        // Code points, as the W3C and REFI-QDA exports count (the seed texts hold no emoji, so they equal UTF-16 units here).
        start: a.range ? String([...doc.text.slice(0, a.range.start)].length) : '',
        end: a.range ? String([...doc.text.slice(0, a.range.end)].length) : '',
        offset_unit: 'codepoint',
        created: a.created,
        modified: a.modified,
      });
    }
  });

  it('keeps line breaks inside quotes and notes, and empties notes when they are left out', () => {
    const rows = rowsOf(renderCsv(exportSet()));
    expect(rows.find((r) => r.passage_id === 'p-00000005')!.quote).toContain('West.\n\nSome US media');
    expect(rows.find((r) => r.passage_id === 'p-00000013')!.note).toContain('\n2. “Israel”, the Gulf, Syria\n');
    expect(rowsOf(renderCsv(exportSet({ includeNotes: false }))).every((r) => r.note === '')).toBe(true);
  });

  it('lists a passage under all its tags even under a tag filter, and only selected passages', () => {
    const rows = rowsOf(renderCsv(exportSet({ tagIds: ['cooperation'] })));
    expect([...new Set(rows.map((r) => r.passage_id))]).toEqual(['p-00000001', 'p-00000008', 'p-00000010', 'p-00000014']);
    expect(rows.filter((r) => r.passage_id === 'p-00000014').map((r) => r.tag)).toEqual(['Cooperation', 'Hedging']);
  });

  it('leaves offsets empty and says so for a passage needing review', () => {
    const row = rowsOf(renderCsv(exportSet())).find((r) => r.passage_id === 'p-00000012')!;
    expect(row).toMatchObject({ state: 'needs-review', start: '', end: '', paragraph: '', section: '' });
    expect(row.quote).toBe('Tehran will not let Moscow dictate the pace of the Vienna talks.');
  });

  it('is deterministic whatever order passages arrive in', () => {
    const set = exportSet();
    expect(renderCsv({ ...set, passages: [...set.passages].reverse() })).toBe(renderCsv(set));
  });
});

describe('CSV golden on the seed corpus', () => {
  it('passages.csv', async () => {
    const dir = fileURLToPath(new URL('../golden/export/', import.meta.url));
    const path = `${dir}passages.csv`;
    const csv = renderCsv(exportSet());
    if (process.env.UPDATE_GOLDEN === '1') {
      await mkdir(dir, { recursive: true });
      await writeFile(path, csv, 'utf8');
    }
    const golden = await readFile(path, 'utf8').catch(() => {
      throw new Error(`missing golden ${path}: run with UPDATE_GOLDEN=1 and review the file`);
    });
    expect(csv).toBe(golden);
  });
});

describe('no formula cell, whatever separator the spreadsheet splits at', () => {
  const hostile = [
    '=HYPERLINK("https://pwned.invalid","open")',
    'Iran;=cmd|\' /C calc\'!A0',
    ';=1+1',
    'a; "=1+1"',
    'a,=1+1',
    'first line\n-2+3',
    'first line\r\n@SUM(1;2)',
    'tab\t+1',
    '"quoted";"=2*3"',
    ' =1+1',
  ];
  const columns = ['note', 'quote', 'document_title', 'author', 'publisher', 'tag'] as const;

  it.each([',', ';', '\t'] as const)('read with %j as the separator', (separator) => {
    const base = fixture.annotations.find((a) => a.range !== null)!;
    let cells = 0;
    const formulas: string[] = [];
    for (const value of hostile) {
      const doc = { ...fixture.documents.find((d) => d.id === base.docId)!, title: value, author: value, publisher: value };
      const passage = { ...base, note: value, tagIds: ['cooperation'], range: null };
      const tags = [{ ...fixture.tags[0]!, id: 'cooperation', name: value }];
      const set = { ...exportSet({}, [passage]), tags, documents: [doc] };
      for (const cell of readAsSpreadsheet(renderCsv(set), separator).flat()) {
        cells += 1;
        if (isFormula(cell)) formulas.push(JSON.stringify(cell));
      }
    }
    console.log(`CSV read with ${JSON.stringify(separator)}: ${hostile.length} hostile values × ${columns.length} columns, ${cells} cells, ${formulas.length} formula cells`);
    expect(formulas).toEqual([]);
  });

  it('the comma reading gives back each value with only the guard added', () => {
    const base = fixture.annotations.find((a) => a.range !== null)!;
    for (const value of hostile) {
      const passage = { ...base, note: value, tagIds: [] };
      const [, record] = readAsSpreadsheet(renderCsv({ ...exportSet({}, [passage]) }), ',');
      const note = record![CSV_COLUMNS.indexOf('note')]!;
      // An apostrophe only ever stands before a formula character; removing those gives the note back.
      expect(note.replace(/'(?=[=+\-@\t\r])/g, '')).toBe(value);
      expect(record).toHaveLength(CSV_COLUMNS.length);
    }
  });
});
