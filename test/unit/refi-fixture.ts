// Fixture for the REFI-QDA tests: real corpus documents plus one synthetic emoji document, passages, and checks.
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { loadCorpus, MANIFEST_FILE } from '../../src/main/corpus/corpus';
import { DEFAULT_OPTIONS, type ExportSet } from '../../src/main/export/types';
import { describe as describeRange } from '../../src/shared/anchoring';
import { DEFAULT_TAGS } from '../../src/shared/default-tags';
import { placedOn } from './fixtures';
import type { GlossDocument, PlacedAnnotation, Tag } from '../../src/shared/types';
import { SEED_CORPUS } from './support/core-harness';

const SCHEMAS = join(process.cwd(), 'resources', 'refi-qda');
const NOW = new Date('2026-11-22T10:00:00Z');

// Flags are two code points (four UTF-16 units) each, so offsets after them differ between the units.
const EMOJI_FILE = 'emoji-sample.txt';
const EMOJI_TEXT =
  'Handshakes and flags 🇮🇷🇷🇺\n\nTehran 🇮🇷 and Moscow 🇷🇺 signed a 20-year treaty 🤝 in January.\n\n' +
  'Analysts 😀 doubt the pact will last, and say so 👀.\n';
const EMOJI_ENTRY = {
  source: EMOJI_FILE,
  title: 'Handshakes and flags 🤝',
  author: 'A. Tester',
  publisher: null,
  date: '2026-01-01',
  url: 'https://example.org/handshakes',
  provenance: 'Synthetic document for the REFI-QDA tests.',
  titleSource: 'descriptive',
};

export const CUSTOM_TAG: Tag = {
  id: 'sanctions',
  name: 'Sanctions & Trade',
  color: '#aa3377',
  description: 'Measures <against> "either" party & their workarounds.',
  shortcut: '4',
  parentId: null,
  order: 3,
};

export interface Fixture {
  /** Real corpus documents, then the emoji document. */
  docs: GlossDocument[];
  docA: GlossDocument;
  docB: GlossDocument;
  emoji: GlossDocument;
  tags: Tag[];
  set: ExportSet;
  atStart: PlacedAnnotation;
  emojiPassage: PlacedAnnotation;
  review: PlacedAnnotation;
  /** A corpus folder holding the real files and the emoji document, for a store round trip. */
  corpusDir: string;
}

export async function refiFixture(tmp: string): Promise<Fixture> {
  const corpusDir = join(tmp, 'corpus');
  await mkdir(corpusDir, { recursive: true });
  for (const name of await readdir(SEED_CORPUS)) if (name !== MANIFEST_FILE) await copyFile(join(SEED_CORPUS, name), join(corpusDir, name));
  const manifest = JSON.parse(await readFile(join(SEED_CORPUS, MANIFEST_FILE), 'utf8')) as { documents: unknown[] };
  manifest.documents.push(EMOJI_ENTRY);
  await writeFile(join(corpusDir, MANIFEST_FILE), JSON.stringify(manifest));
  await writeFile(join(corpusDir, EMOJI_FILE), EMOJI_TEXT);

  const real = (await loadCorpus(SEED_CORPUS)).documents;
  const emoji = (await loadCorpus(corpusDir)).documents.find((d) => d.source === EMOJI_FILE)!;
  const docs = [...real, emoji];
  const docA = real[0]!;
  const docB = real[2]!;
  const tags = [...DEFAULT_TAGS, CUSTOM_TAG];

  const atStart = passage('5f0c6a52-3c1e-4d6f-9a51-0b8f6f7d1a01', docA, 0, docA.blocks[1]!.end, ['cooperation', 'friction'], {
    note: 'Why "now"? <b>Bold</b> & more\r\nsecond line, then a blank one\n\n  indented 🙂',
  });
  const middle = sentence('5f0c6a52-3c1e-4d6f-9a51-0b8f6f7d1a02', docA, 3, ['sanctions']);
  const inB = sentence('5f0c6a52-3c1e-4d6f-9a51-0b8f6f7d1a03', docB, 5, ['hedging', 'sanctions'], 'Compare with ¶ 2.');
  const untagged = sentence('5f0c6a52-3c1e-4d6f-9a51-0b8f6f7d1a04', docB, 8, [], 'Only a note.');
  const exact = 'signed a 20-year treaty 🤝';
  const at = emoji.text.indexOf(exact);
  const emojiPassage = passage('5f0c6a52-3c1e-4d6f-9a51-0b8f6f7d1a05', emoji, at, at + exact.length, ['cooperation'], {
    note: '🤝 a handshake, and 🇷🇺',
  });
  // Forced into review (its quote is still there): how a passage that lost its place is exported.
  const review: PlacedAnnotation = {
    ...sentence('5f0c6a52-3c1e-4d6f-9a51-0b8f6f7d1a06', docA, 6, ['friction'], 'Lost its place.'),
    state: 'needs-review',
    range: null,
  };
  const set: ExportSet = {
    documents: docs,
    tags,
    passages: [atStart, middle, review, inB, untagged, emojiPassage],
    options: DEFAULT_OPTIONS,
    now: NOW,
    generator: { name: 'Glossator', version: '0.1.0-test' },
  };
  return { docs, docA, docB, emoji, tags, set, atStart, emojiPassage, review, corpusDir };
}

function passage(
  id: string,
  doc: GlossDocument,
  start: number,
  end: number,
  tagIds: string[],
  over: Partial<PlacedAnnotation> = {},
): PlacedAnnotation {
  const annotation = {
    id,
    docId: doc.id,
    target: describeRange(doc.text, start, end, doc.contentHash),
    tagIds,
    note: '',
    created: '2026-03-04T05:06:07.890Z',
    modified: '2026-03-05T06:07:08.901Z',
  };
  return { ...placedOn(doc, annotation), ...over };
}

/** The first sentence of the `para`-th numbered paragraph. */
function sentence(id: string, doc: GlossDocument, para: number, tagIds: string[], note = ''): PlacedAnnotation {
  const block = doc.blocks.find((b) => b.para === para)!;
  const text = doc.text.slice(block.start, block.end);
  const stop = text.search(/[.!?](\s|$)/);
  return passage(id, doc, block.start, block.start + (stop > 0 ? stop + 1 : text.length), tagIds, { note });
}

/** Runs xmllint against a schema; the test fails on any validation error or when xmllint is missing. */
export function validate(xsd: string, file: string): void {
  const run = spawnSync('xmllint', ['--noout', '--schema', join(SCHEMAS, xsd), file], { encoding: 'utf8' });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      'xmllint is not installed, so the REFI-QDA schemas cannot be checked. ' +
        'Install libxml2-utils (apt-get install libxml2-utils); CI installs it.',
    );
  }
  if (run.status !== 0) throw new Error(`${file} does not validate against ${xsd}:\n${run.stderr}`);
}

export function unzip(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([path, data]) => [path, new TextDecoder().decode(data)]));
}

/** Attributes of every <name …> start tag in document order (our writer puts each on one line). */
export function startTags(xml: string, name: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<${name}( [^>]*?)/?>`, 'g'))].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/ (\w+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
  );
}
