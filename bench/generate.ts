// The benchmark's deterministic corpus: documents as .txt files plus their annotation files, from a seed.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe } from '../src/shared/anchoring/describe';
import type { Annotation, GlossDocument } from '../src/shared/types';
import { loadDocument } from '../src/main/corpus/corpus';
import { ANNOTATION_FILE_VERSION, type AnnotationFile } from '../src/main/store/schemas';
import { mulberry32 } from '../scripts/prng';

export interface CorpusSpec {
  /** Documents in all, the big one included. */
  documents: number;
  /** Characters of source text per ordinary document. */
  docChars: number;
  /** Characters of the big document (the "long PDF"). */
  bigChars: number;
  /** Annotations in all, the big document's included. */
  annotations: number;
  /** Annotations on the big document; about a third overlap a neighbour. */
  bigAnnotations: number;
  seed: number;
}

export const FULL: CorpusSpec = {
  documents: 2_000,
  docChars: 24_500,
  bigChars: 1_000_000,
  annotations: 100_000,
  bigAnnotations: 2_000,
  seed: 20261122,
};

/** A few seconds end to end: enough to exercise every measurement, too small to mean anything. */
export const SMOKE: CorpusSpec = {
  documents: 12,
  docChars: 4_000,
  bigChars: 40_000,
  annotations: 300,
  bigAnnotations: 120,
  seed: 7,
};

export const BIG_DOC_ID = 'doc-0000-long-report';
const TAGS = ['cooperation', 'friction', 'hedging'] as const;

/** The bench's PRNG: the same corpus from the same seed on every machine. */
export const rng = mulberry32;

const WORDS = (
  'Moscow Tehran Kremlin Iran Russia sanctions cooperation friction hedging drones oil gas Caspian corridor ' +
  'North-South transit rail Rasht Astara payments Mir Shetab rouble rial barter arms Su-35 S-400 Shahed ' +
  'Ukraine Syria Caucasus Armenia Azerbaijan Zangezur OPEC+ market share China Beijing Gulf Riyadh Israel ' +
  'agreement treaty partnership strategic comprehensive signed ratified delayed stalled officials analysts ' +
  'however although likely may might unclear reportedly according sources suggest remains uncertain ' +
  'the of and to in a that for on with as by is was were have has been not but which their its an ' +
  'at from this it be are or more than would could between both sides relations bilateral military economic ' +
  'nuclear programme JCPOA IAEA enrichment talks Vienna Washington European leverage options balance'
).split(' ');

function sentence(next: () => number): string {
  const n = 8 + Math.floor(next() * 18);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(next() * WORDS.length)]!);
  const s = words.join(' ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

/** Source text shaped like the seeds: a title, section headings, paragraphs and bullet lists. */
export function documentText(chars: number, next: () => number, title: string): string {
  const parts: string[] = [title];
  let size = title.length;
  let section = 1;
  while (size < chars) {
    let block: string;
    const roll = next();
    if (roll < 0.06) block = `${section++}. ${sentence(next).slice(0, 60).replace(/\.$/, '')}`;
    else if (roll < 0.14) block = Array.from({ length: 3 }, () => `• ${sentence(next)}`).join('\n');
    else block = Array.from({ length: 3 + Math.floor(next() * 4) }, () => sentence(next)).join(' ');
    parts.push(block);
    size += block.length + 2;
  }
  return `${parts.join('\n\n')}\n`;
}

/** A passage of 5–40 words inside one block, word-aligned; `near` asks for one overlapping it. */
function passageIn(doc: GlossDocument, next: () => number, near?: { start: number; end: number }): { start: number; end: number } {
  const text = doc.text;
  let from: number;
  if (near) from = near.start + Math.floor((near.end - near.start) * (0.3 + next() * 0.5));
  else {
    const bodies = doc.blocks.filter((b) => b.end - b.start > 80);
    const block = bodies[Math.floor(next() * bodies.length)] ?? doc.blocks[0]!;
    from = block.start + Math.floor(next() * (block.end - block.start - 40));
  }
  const start = Math.min(text.length - 2, text.lastIndexOf(' ', from) + 1);
  let end = start;
  const words = 5 + Math.floor(next() * 36);
  for (let w = 0; w < words; w++) {
    const space = text.indexOf(' ', end + 1);
    if (space < 0 || text.slice(end, space).includes('\n')) break;
    end = space;
  }
  return end > start ? { start, end } : { start, end: Math.min(text.length, start + 10) };
}

export function annotationsFor(doc: GlossDocument, count: number, next: () => number, overlapShare: number): Annotation[] {
  const out: Annotation[] = [];
  let last: { start: number; end: number } | undefined;
  for (let i = 0; i < count; i++) {
    const range = passageIn(doc, next, last && next() < overlapShare ? last : undefined);
    const tags = next() < 0.1 ? [TAGS[i % 3]!, TAGS[(i + 1) % 3]!] : [TAGS[Math.floor(next() * 3)]!];
    const stamp = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    out.push({
      id: `${doc.id}-a${String(i).padStart(5, '0')}`,
      docId: doc.id,
      target: describe(doc.text, range.start, range.end, doc.contentHash),
      tagIds: tags,
      note: next() < 0.3 ? sentence(next) : '',
      created: stamp,
      modified: stamp,
    });
    last = range;
  }
  return out;
}

export interface GeneratedCorpus {
  corpusDir: string;
  dataDir: string;
  corpusKey: string;
  bigDocId: string;
  documentCount: number;
  annotationCount: number;
  sourceBytes: number;
}

/**
 * Writes the corpus folder and, in `dataDir`, the annotation files the app would have saved for it
 * (plain writes: this is set-up, not what is measured). Annotations are described against the text
 * as the app's own loader normalises it, so every one anchors where it was made.
 */
export async function generate(spec: CorpusSpec, root: string, corpusKey: string): Promise<GeneratedCorpus> {
  const corpusDir = join(root, 'corpus');
  const dataDir = join(root, 'data');
  const annotationDir = join(dataDir, 'corpora', corpusKey, 'annotations');
  await mkdir(corpusDir, { recursive: true });
  await mkdir(annotationDir, { recursive: true });
  const next = rng(spec.seed);
  let annotationCount = 0;
  let sourceBytes = 0;
  const perDoc = Math.floor((spec.annotations - spec.bigAnnotations) / Math.max(1, spec.documents - 1));
  let spare = spec.annotations - spec.bigAnnotations - perDoc * (spec.documents - 1);
  for (let i = 0; i < spec.documents; i++) {
    const big = i === 0;
    const source = big ? `${BIG_DOC_ID}.txt` : `doc-${String(i).padStart(4, '0')}.txt`;
    const title = big ? 'Russia and Iran: a long report on a partnership of convenience' : `Report ${i}: ${sentence(next).slice(0, 70)}`;
    const body = documentText(big ? spec.bigChars : spec.docChars, next, title);
    await writeFile(join(corpusDir, source), body);
    sourceBytes += Buffer.byteLength(body);
    const doc = await loadDocument(corpusDir, source);
    const count = big ? spec.bigAnnotations : perDoc + (spare-- > 0 ? 1 : 0);
    const file: AnnotationFile = {
      schemaVersion: ANNOTATION_FILE_VERSION,
      docId: doc.id,
      annotations: annotationsFor(doc, count, next, big ? 0.35 : 0.1),
    };
    annotationCount += file.annotations.length;
    await writeFile(join(annotationDir, `${doc.id}.json`), JSON.stringify(file));
  }
  return { corpusDir, dataDir, corpusKey, bigDocId: BIG_DOC_ID, documentCount: spec.documents, annotationCount, sourceBytes };
}
