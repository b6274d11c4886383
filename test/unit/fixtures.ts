// Shared export fixture: the seed corpus, the default codebook and a fixed annotation set placed on it.
//
// test/fixtures/annotation-set.json holds 15 stored annotations across all five seed documents
// (see scripts/make-annotation-set.ts for what each one covers): every tag, two multi-tag passages,
// two overlapping passages, one spanning two paragraphs, one untagged, one stored at a stale offset
// (comes back 'moved'), one whose quote is gone (comes back 'needs-review'), and notes with
// Markdown- and HTML-looking text, commas, quotes, line breaks and a leading "@" / "-".
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../src/main/corpus/corpus';
import { place } from '../../src/main/anchoring';
import { DEFAULT_TAGS } from '../../src/shared/default-tags';
import type { Annotation, GlossDocument, PlacedAnnotation, Tag } from '../../src/shared/types';
import { SEED_CORPUS } from './support/core-harness';

export const FIXTURE_NOW = new Date('2026-11-22T10:00:00Z');
export const FIXTURE_GENERATOR = { name: 'Glossator', version: 'test' } as const;

const SET_FILE = fileURLToPath(new URL('../fixtures/annotation-set.json', import.meta.url));

export interface FixtureSet {
  documents: GlossDocument[];
  tags: Tag[];
  /** In the file's order (roughly corpus order); exports must sort them themselves. */
  annotations: PlacedAnnotation[];
}

/**
 * A stored annotation placed on its document the way AnnotationService places it (place(), no
 * snapshot at hand), so fixtures look exactly as they would in the app. Every test fixture that
 * needs placed passages goes through this rather than setting `state` and `range` by hand.
 */
export function placedOn(doc: GlossDocument, a: Annotation): PlacedAnnotation {
  const { state, range } = place(a.target, doc.text, null, { contentHash: doc.contentHash });
  return { ...a, state, range };
}

export async function loadFixtureSet(): Promise<FixtureSet> {
  const { documents } = await loadCorpus(SEED_CORPUS);
  const stored = (JSON.parse(await readFile(SET_FILE, 'utf8')) as { annotations: Annotation[] }).annotations;
  const byId = new Map(documents.map((doc) => [doc.id, doc]));
  const annotations = stored.map((a): PlacedAnnotation => {
    const doc = byId.get(a.docId);
    if (doc === undefined) throw new Error(`annotation-set.json: no document ${a.docId} in corpus/`);
    return placedOn(doc, a);
  });
  return { documents, tags: DEFAULT_TAGS.map((tag) => ({ ...tag })), annotations };
}
