// Builds test/fixtures/annotation-set.json: a fixed annotation set on the seed corpus for export goldens.
//
// Run `npx tsx scripts/make-annotation-set.ts` after a normaliser change moves the corpus text, then
// review the diff of the JSON and of the goldens. Ids and dates are fixed so the output is the same
// bytes every run; selectors come from describe() on the real normalised text, as the app makes them.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../src/main/corpus/corpus';
import { describe } from '../src/shared/anchoring';
import type { Annotation, GlossDocument } from '../src/shared/types';

const ROOT = new URL('../', import.meta.url);
const D0 = '000_4ab67b766fb33eed'; // Ramani, GIF: title heading, then sections
const D1 = '001_05282a48bb000cda'; // Foroutan, ECFR: captions, pull quote
const D2 = '002_01fb20c1ab9eae2c'; // no byline; paragraphs before the first heading
const D3 = '003_520b40829e764d2b'; // numbered list items under many headings
const D4 = '004_602bfc5574c20f0a'; // no headings at all

interface Spec {
  doc: string;
  /** The passage runs from `from` (which must occur once) to the end of the first `to` after it. */
  from: string;
  to?: string;
  tags: string[];
  note: string;
  /** 'moved': stored at a stale offset; 'review': stored quote no longer in the text. */
  kind?: 'moved' | 'review';
}

const SPECS: Spec[] = [
  { doc: D0, from: 'These continuities ensure', to: 'will persist.', tags: ['cooperation', 'hedging'],
    note: 'Ramani’s bottom line; the hedge sits in "despite episodic frictions".' },
  { doc: D0, from: 'Notwithstanding this rhetoric', to: 'People’s Republics.', tags: ['hedging'],
    note: 'Same pattern as *sympathy without alignment* (¶ 4):\n- Assad recognised them\n- al-Houthi too\n\nIran did not.' },
  { doc: D0, from: 'mutual tensions have surfaced', to: 'with concern', tags: ['friction'],
    note: 'Oil: Russia fears Iranian barrels, see Foroutan ¶ 11.' },
  { doc: D1, from: 'they seem careful', to: 'towards Moscow', tags: [],
    note: 'Standfirst: candidate for Hedging?' },
  { doc: D1, from: 'By hosting the summit', to: 'for use in Ukraine', tags: ['hedging'],
    note: 'A signal to the West, not alliance-building.\nThe drones claim is only "alleged" at this point.' },
  { doc: D1, from: 'They have advocated a balanced', to: 'all sides.', tags: ['hedging'],
    note: '@Leila: does this match your reading of the Majlis debates?' },
  { doc: D1, from: 'Before Western states intensified', to: 'solutions to Moscow.', tags: ['friction'],
    note: 'Competition in energy markets, pre-2022.' },
  { doc: D1, from: 'But Tehran could now provide', to: 'restoration of the JCPOA.', tags: ['cooperation'],
    note: 'Overlaps the previous passage on purpose: the same sentence turns competition into cooperation.' },
  { doc: D2, from: 'Although those developments are likely', to: 'any time soon.', tags: ['hedging'],
    note: 'Public opinion vs. leadership, the gap the author keeps returning to.' },
  { doc: D2, from: 'According to official reports', to: 'previous year.', tags: ['cooperation'],
    note: '<b>Figure check:</b> Ramani says trade "exceeded $4 billion" in 2021, consistent.\nSource typo kept: ,historical record” (sic).' },
  { doc: D2, from: 'In this sense, maintaining close relations', to: 'future of the JCPOA.', tags: ['hedging'],
    note: 'Contingency plan, not strategy.', kind: 'moved' },
  { doc: D2, from: 'Tehran will not let Moscow dictate the pace of the Vienna talks.', tags: ['friction'],
    note: 'Sentence gone from the current page; check the archived copy.', kind: 'review' },
  { doc: D3, from: 'Russia and Iran have a long history of mistrust', to: 'Central Asia.', tags: ['friction'],
    note: 'Three fault lines, per the summary:\n1. Central Asia\n2. “Israel”, the Gulf, Syria\n3. gas and oil exports' },
  { doc: D3, from: 'Their relationship can be considered', to: 'bilateral cooperation.', tags: ['cooperation', 'hedging'],
    note: '‘Cautious partnership’ = the author’s own label, quoting nobody.' },
  { doc: D4, from: 'Russia–Iran relations remain firmly transactional.', tags: ['friction'],
    note: '- transactional, not strategic\n- cf. Ramani: "strategic cooperation … will persist"' },
];

function annotationOf(spec: Spec, n: number, doc: GlossDocument): Annotation {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const day = String(1 + n).padStart(2, '0');
  const created = `2026-11-${day}T09:${String(10 + n).padStart(2, '0')}:00.000Z`;
  // Every third passage was edited a day later, so created and modified differ somewhere.
  const modified = n % 3 === 0 ? `2026-11-${String(2 + n).padStart(2, '0')}T16:45:00.000Z` : created;
  let target;
  if (spec.kind === 'review') {
    // Quoted from an earlier version of the page: nothing like it is left in the current text.
    target = {
      position: { start: 4000, end: 4000 + spec.from.length },
      quote: { exact: spec.from, prefix: 'with the West. ', suffix: ' In any case' },
      contentHash: `sha256:${'1'.repeat(64)}`,
    };
  } else {
    const start = findOnce(doc, spec.from);
    const end = doc.text.indexOf(spec.to ?? spec.from, start) + (spec.to ?? spec.from).length;
    if (end <= start) throw new Error(`${spec.doc}: "${spec.to}" not found after "${spec.from}"`);
    target = describe(doc.text, start, end, doc.contentHash);
    // Made against an earlier text in which the passage sat 57 code units further on.
    if (spec.kind === 'moved') {
      target = { ...target, position: { start: start + 57, end: end + 57 }, contentHash: `sha256:${'2'.repeat(64)}` };
    }
  }
  return { id, docId: spec.doc, target, tagIds: spec.tags, note: spec.note, created, modified };
}

function findOnce(doc: GlossDocument, text: string): number {
  const start = doc.text.indexOf(text);
  if (start < 0 || doc.text.indexOf(text, start + 1) >= 0) throw new Error(`${doc.id}: "${text}" not found exactly once`);
  return start;
}

const { documents } = await loadCorpus(fileURLToPath(new URL('corpus/', ROOT)));
const byId = new Map(documents.map((d) => [d.id, d]));
const annotations = SPECS.map((spec, i) => {
  const doc = byId.get(spec.doc);
  if (!doc) throw new Error(`no document ${spec.doc}`);
  return annotationOf(spec, i + 1, doc);
});
const out = {
  comment:
    'Fixed annotation set on corpus/ for export goldens. Generated by scripts/make-annotation-set.ts; ' +
    'loaded by test/unit/fixtures.ts, which re-anchors it on the current text.',
  annotations,
};
await writeFile(fileURLToPath(new URL('test/fixtures/annotation-set.json', ROOT)), `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${annotations.length} annotations`);
