// Hand-built ExportSets for the HTML and chart tests: documents and codebook made directly, passages placed as the app places them.
import { DEFAULT_OPTIONS, type ExportSet } from '../../src/main/export/types';
import { DEFAULT_TAGS } from '../../src/shared/default-tags';
import { placedOn } from './fixtures';
import type { Block, BlockKind, DigestOptions, GlossDocument, PlacedAnnotation, Tag } from '../../src/shared/types';

type Meta = Pick<GlossDocument, 'id' | 'title' | 'author' | 'publisher' | 'date' | 'url' | 'source'>;

/** A document from [kind, text] blocks joined by "\n\n"; paragraphs and list items are numbered from 1. */
export function makeDoc(meta: Meta, specs: Array<[BlockKind, string]>): GlossDocument {
  let text = '';
  let para = 0;
  const blocks: Block[] = specs.map(([kind, blockText], index) => {
    if (index > 0) text += '\n\n';
    const start = text.length;
    text += blockText;
    const numbered = kind === 'paragraph' || kind === 'list-item';
    return { index, kind, start, end: text.length, para: numbered ? ++para : null };
  });
  return {
    ...meta,
    text,
    blocks,
    contentHash: `sha256:${'0'.repeat(64)}`,
    normaliser: 'glossator-text/1',
    wordCount: text.split(/\s+/).filter(Boolean).length,
  };
}

let counter = 0;

/** A passage on the first occurrence of `exact` in the document; `range: null` makes it need review. */
export function passage(
  doc: GlossDocument,
  exact: string,
  tagIds: string[],
  note = '',
  opts: { id?: string; review?: boolean } = {},
): PlacedAnnotation {
  const start = doc.text.indexOf(exact);
  if (start < 0) throw new Error(`fixture: "${exact}" is not in ${doc.id}`);
  const position = { start, end: start + exact.length };
  counter++;
  const placed = placedOn(doc, {
    id: opts.id ?? `${doc.id}-a${String(counter).padStart(3, '0')}`,
    docId: doc.id,
    target: { position, quote: { exact, prefix: '', suffix: '' }, contentHash: doc.contentHash },
    tagIds,
    note,
    created: '2026-11-20T09:00:00.000Z',
    modified: '2026-11-20T09:00:00.000Z',
  });
  // Forced into review (its quote is still there): how a passage that lost its place is exported.
  return opts.review ? { ...placed, state: 'needs-review', range: null } : placed;
}

export const ENERGY: Tag = {
  id: 'energy',
  name: 'Energy & sanctions',
  color: '#CC79A7',
  description: 'Oil, gas, swaps and the sanctions regimes around them.',
  shortcut: '4',
  parentId: null,
  order: 3,
};

export const TAGS: readonly Tag[] = [...DEFAULT_TAGS, ENERGY];

export const RAMANI = makeDoc(
  {
    id: 'gif-ramani',
    title: 'Russo-Iranian Alignment Will Continue Despite Differences',
    author: 'Samuel Ramani',
    publisher: 'Gulf International Forum',
    date: '2022-03-21',
    url: 'https://gulfif.org/russo-iranian-alignment-will-continue-despite-differences/',
    source: '000_4ab67b766fb33eed.txt',
  },
  [
    ['heading', 'Russo-Iranian Alignment Will Continue Despite Differences'],
    ['paragraph', 'On March 15, Iranian Foreign Minister Hossein Amir-Abdollahian arrived in Moscow to hold talks with Russian officials on the war in Ukraine and the future of the Joint Comprehensive Plan of Action (JCPOA). The Ukraine component of this trip was shrouded in ambiguities.'],
    ['paragraph', 'The JCPOA dimension of the trip was apparently more successful. Lavrov stated that Moscow had received U.S. guarantees that sanctions would not derail Russo-Iranian commercial cooperation.'],
    ['heading', 'Iran’s Balancing Act on the Ukraine War'],
    ['paragraph', 'Iran’s policy of “sympathy without alignment” towards Russia’s invasion of Ukraine mirrors its responses to Moscow’s past military interventions.'],
    ['paragraph', 'Despite these ups and downs, the visit reflected continuity in Russia-Iran relations. These continuities ensure that despite episodic frictions, strategic cooperation between Russia and Iran will persist.'],
  ],
);

export const GERANMAYEH = makeDoc(
  {
    id: 'ecfr-oil',
    title: 'Competing for the Same Barrels: Russian and Iranian Oil in Asian Markets after 2022 and the Long Shadow of the Price Cap',
    author: 'Ellie Geranmayeh',
    publisher: 'ECFR',
    date: '2023-02-10',
    url: 'https://ecfr.eu/article/competing-for-the-same-barrels/',
    source: '001_b2c9d0e1f2a3b4c5.txt',
  },
  [
    ['heading', 'Discounts and rivalry'],
    ['paragraph', 'Since the price cap, Russian crude has undercut Iranian barrels in China, and Iranian traders complain openly of lost market share.'],
    ['paragraph', 'Tehran and Moscow have nonetheless announced a gas swap arrangement through Turkmenistan, though details remain unclear and volumes may be small.'],
    ['list-item', 'Iranian officials describe the partnership as strategic.'],
    ['list-item', 'Russian officials are more guarded, and it remains unclear whether the swap will be implemented.'],
  ],
);

export const IDLE = makeDoc(
  {
    id: 'carnegie-caspian',
    title: 'The Caspian Summit Nobody Noticed',
    author: null,
    publisher: 'Carnegie Politika',
    date: null,
    url: null,
    source: '002_c3d4e5f6a7b8c9d0.txt',
  },
  [['paragraph', 'Caspian littoral states met in Ashgabat without fanfare.']],
);

export const DOCS: readonly GlossDocument[] = [RAMANI, GERANMAYEH, IDLE];

/** Eight passages: shared tags, an untagged one, one needing review, notes with line breaks. */
export const PASSAGES: readonly PlacedAnnotation[] = [
  passage(RAMANI, 'The Ukraine component of this trip was shrouded in ambiguities.', ['hedging'], '', { id: 'r1' }),
  passage(RAMANI, 'Lavrov stated that Moscow had received U.S. guarantees that sanctions would not derail Russo-Iranian commercial cooperation.', ['cooperation', 'energy'], 'Check against the State Department readout of 15 March.\nCompare Ulyanov’s statements in Vienna the same week.', { id: 'r2' }),
  passage(RAMANI, 'Iran’s policy of “sympathy without alignment”', ['hedging', 'friction'], '', { id: 'r3' }),
  passage(RAMANI, 'These continuities ensure that despite episodic frictions, strategic cooperation between Russia and Iran will persist.', ['cooperation', 'hedging'], 'The author’s thesis.', { id: 'r4' }),
  passage(GERANMAYEH, 'Russian crude has undercut Iranian barrels in China', ['friction', 'energy'], 'Key data point: see the Kpler series.', { id: 'g1' }),
  passage(GERANMAYEH, 'announced a gas swap arrangement through Turkmenistan', ['cooperation', 'energy'], '', { id: 'g2' }),
  passage(GERANMAYEH, 'it remains unclear whether the swap will be implemented', [], 'Tag later?', { id: 'g3' }),
  passage(GERANMAYEH, 'Iranian officials describe the partnership as strategic.', ['cooperation'], '', { id: 'g4', review: true }),
];

export const NOW = new Date('2026-11-22T10:00:00Z');

export function makeSet(over: Partial<Omit<ExportSet, 'options'>> & { options?: Partial<DigestOptions> } = {}): ExportSet {
  return {
    documents: over.documents ?? DOCS,
    tags: over.tags ?? TAGS,
    passages: over.passages ?? PASSAGES,
    options: { ...DEFAULT_OPTIONS, ...over.options },
    now: over.now ?? NOW,
    generator: over.generator ?? { name: 'Glossator', version: '0.1.0' },
  };
}

/** Element names, attribute names and attribute values of a document whose text is escaped (every "<" opens a tag). */
export function markupOf(markup: string): { elements: Set<string>; attributes: Set<string>; values: string[] } {
  const elements = new Set<string>();
  const attributes = new Set<string>();
  const values: string[] = [];
  for (const tag of markup.matchAll(/<([a-zA-Z][\w:-]*)([^>]*)>/g)) {
    elements.add(tag[1] ?? '');
    for (const attr of (tag[2] ?? '').matchAll(/\s([^\s=/>]+)(?:="([^"]*)")?/g)) {
      attributes.add(attr[1] ?? '');
      values.push(attr[2] ?? '');
    }
  }
  return { elements, attributes, values };
}
