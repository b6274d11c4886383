// W3C Web Annotation imports from other tools: one document per source, quotes across paragraph breaks,
// targets that cannot be placed and why, Composite/List targets item by item, creators kept.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseWebAnnotation } from '../../src/main/interop/webanno-import';
import { importInto } from './support/import-harness';

const FIXTURES = join(process.cwd(), 'test/fixtures/webanno');
const temps: string[] = [];
async function temp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'glossator-webanno-tools-'));
  temps.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
const fixture = async (name: string) => parseWebAnnotation(await readFile(join(FIXTURES, name), 'utf8'));

describe('Hypothesis API answer: three annotations on one page', () => {
  it('lands "sanctions" and "JCPOA" in the page’s document with their neighbour, the quote across a paragraph break too, and names the coders', async () => {
    const { report, passages, texts } = await importInto(await temp(), await fixture('hypothesis-api-shared-source.json'), 'jsonld');
    expect(report).toMatchObject({ imported: 3, merged: 0, unmatched: [] });
    const doc = '001_05282a48bb000cda';
    expect(passages.map((p) => p.docId)).toEqual([doc, doc, doc]);
    const text = texts.get(doc)!;
    const at = (exact: string) => passages.find((p) => p.exact === exact || p.exact.startsWith(exact))!;
    // Each short quote at the occurrence its context names, not the first one in the text.
    expect(text.slice(at('sanctions').range!.start - 29, at('sanctions').range!.end)).toBe('decade, intensifying Western sanctions');
    expect(text.slice(at('JCPOA').range!.start - 14, at('JCPOA').range!.end)).toBe('restoring the JCPOA');
    // Hypothesis wrote one "\n" where the reading text has a blank line; the passage holds the text as it reads.
    expect(at('the West would ease').exact).toBe(
      'the West would ease its sanctions on Iran under a restored JCPOA.\n\nIran and Russia often treat each other as partners of convenience',
    );
    expect(at('the West would ease').note).toBe('Tilt depends on the deal.');
    expect(report.coders).toEqual([
      { name: 'R. Analyst', passages: 2 },
      { name: 'M. Colleague', passages: 1 },
    ]);
  });

  it('without its neighbours, "sanctions" alone is not placed, and the report says in how many documents it occurs', async () => {
    const parsed = await fixture('hypothesis-api-shared-source.json');
    const alone = { ...parsed, passages: parsed.passages.slice(0, 1) };
    const { report } = await importInto(await temp(), alone, 'jsonld');
    expect(report.imported).toBe(0);
    expect(report.unmatched[0]).toMatchObject({ quote: 'sanctions', coder: 'R. Analyst' });
    expect(report.unmatched[0]!.reason).toMatch(/its quote occurs in \d documents/);
  });
});

describe('W3C model selectors and multiplicity (the Recommendation’s own examples)', () => {
  it('gives each target it cannot place an accurate reason, and reports every item of a Composite or List', async () => {
    const parsed = await fixture('w3c-model-selectors.jsonld');
    const { report, passages } = await importInto(await temp(), parsed, 'jsonld');
    const reasons = report.unmatched.map((u) => u.reason);
    expect(reasons[0]).toMatch(/^its target gives only a character position \(412–795\) and no quote/);
    expect(reasons[1]).toMatch(/a CSS selector into the page's HTML/);
    expect(reasons[2]).toMatch(/an XPath into the page's HTML/);
    expect(reasons[3]).toMatch(/a Range between two points in the page/);
    expect(reasons[4]).toMatch(/a URL fragment/);
    expect(reasons.some((r) => r.includes('quotes no text (a page note'))).toBe(false);
    // Composite: both parts placed, each its own passage; List: the text part placed, the image part listed.
    expect(passages.map((p) => p.note).sort()).toEqual(['Both ends of the argument.', 'Both ends of the argument.', 'In this order.']);
    expect(report.changes.map((c) => c.what)).toEqual([
      'Annotation 5: part 1 of 2 of its Composite target “The current nature of the relationship between the two part…” became a passage of its own',
      'Annotation 5: part 2 of 2 of its Composite target “Hence, it is unlikely that Iran will further develop its in…” became a passage of its own',
      'Annotation 6: part 1 of 2 of its List target “Overall, Tehran’s support for Moscow in the war will remain…” became a passage of its own',
      'Annotation 6: part 2 of 2 of its List target became a passage of its own',
    ]);
  });
});

describe('Recogito export', () => {
  it('keeps each annotation’s creator on the parsed import and names it in the report', async () => {
    const parsed = await fixture('recogito-export.json');
    expect(parsed.passages[0]!.creator).toEqual({ id: 'https://recogito.example.org/users/ranalyst', name: 'ranalyst' });
    const { report } = await importInto(await temp(), parsed, 'jsonld');
    expect(report.coders[0]).toMatchObject({ name: 'ranalyst' });
  });
});
