// Loads the checked-in re-anchoring suite (test/fixtures/edits/, made by scripts/make-edit-suite.ts) and scores the engine on it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashText } from '../../src/main/corpus/corpus';
import { DiffCache, place, type PlaceOutcome } from '../../src/main/anchoring';
import { describe } from '../../src/shared/anchoring';
import type { Annotation, TextTarget } from '../../src/shared/types';

const DIR = fileURLToPath(new URL('../fixtures/edits/', import.meta.url));
const read = (...parts: string[]) => readFileSync(join(DIR, ...parts), 'utf8');

interface StoredPassage { id: string; shape: string; start: number | null; end: number | null; target?: TextTarget }
type TruthRow = [id: string, status: 'same' | 'edited' | 'gone', start: number | null, end: number | null, similarity: number];

export interface Pair {
  docId: string;
  kind: string;
  shape: string;
  annotation: Annotation;
  truth: TruthRow;
  outcome: PlaceOutcome;
  /** Placed at exactly the expected range. */
  exact: boolean;
  /** Placed, but not at the expected range (or placed although its text is gone). */
  wrong: boolean;
}

export interface SuiteRun {
  pairs: Pair[];
  /** Edited texts whose hash is not the one the truth file was made for (a damaged fixture). */
  mismatched: string[];
}

export function runSuite(options: { snapshots: boolean } = { snapshots: true }): SuiteRun {
  const manifest = JSON.parse(read('manifest.json')) as { kinds: string[]; documents: { docId: string; contentHash: string }[] };
  const pairs: Pair[] = [];
  const mismatched: string[] = [];
  // One per run, as AnnotationService keeps one per placement cache: a document's passages share a diff.
  const diffs = new DiffCache();
  for (const { docId, contentHash } of manifest.documents) {
    const original = read(docId, 'original.txt');
    if (hashText(original) !== contentHash) mismatched.push(`${docId}/original.txt`);
    const stored = (JSON.parse(read(docId, 'passages.json')) as { passages: StoredPassage[] }).passages;
    const annotations = stored.map((p): Annotation => ({
      id: p.id,
      docId,
      target: p.target ?? describe(original, p.start!, p.end!, contentHash),
      tagIds: [],
      note: '',
      created: '2026-11-01T00:00:00.000Z',
      modified: '2026-11-01T00:00:00.000Z',
    }));
    for (const kind of manifest.kinds) {
      const text = read(docId, `${kind}.txt`);
      const file = JSON.parse(read(docId, `${kind}.truth.json`)) as { contentHash: string; truth: TruthRow[] };
      if (hashText(text) !== file.contentHash) mismatched.push(`${docId}/${kind}.txt`);
      const doc = { text, contentHash: hashText(text) };
      const truth = new Map(file.truth.map((t) => [t[0], t]));
      annotations.forEach((annotation, i) => {
        // As AnnotationService does: the snapshot is looked up by the hash the passage was made on.
        const oldText = options.snapshots && annotation.target.contentHash === contentHash ? original : null;
        const outcome = place(annotation.target, doc.text, oldText, { contentHash: doc.contentHash, diffs });
        const t = truth.get(annotation.id)!;
        const at = outcome.range;
        const exact = at !== null && t[1] !== 'gone' && at.start === t[2] && at.end === t[3];
        pairs.push({ docId, kind, shape: stored[i]!.shape, annotation, truth: t, outcome, exact, wrong: at !== null && !exact });
      });
    }
  }
  return { pairs, mismatched };
}
