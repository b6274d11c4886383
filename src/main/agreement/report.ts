// The agreement report: per tag and overall, per document and for the corpus, for a chosen set of coders.
//
// Character level: every character of a document is a unit, coded or not per tag by each coder who coded the
// document. "Overall" pools the tags: each (tag, character) pair is a unit, so a tag used on more text weighs
// more, and the corpus pools the documents the same way (sums of counts, not means of ratios).

import type { AgreementReport, PairFigures, ScopeFigures, TagFigures } from '../../shared/agreement';

export type { AgreementReport, PairFigures, ScopeFigures, TagFigures };
import { coverageRuns, intersectionLength, totalLength, type Span } from './intervals';
import { tagLayer, tagSegments, type DocumentCoding } from './coding';
import {
  addTables,
  addTallies,
  alphaOf,
  EMPTY_TABLE,
  EMPTY_TALLY,
  kappaOf,
  observedAgreementOf,
  percentAgreement,
  tallyOfTable,
  unitTally,
  type AlphaTally,
  type BinaryTable,
} from './stats';
import { addSegments, EMPTY_SEGMENTS, segmentPercent, segmentTally, type SegmentTally } from './segments';

export interface AgreementRequest {
  documents: readonly DocumentCoding[];
  /** The coders compared (two or more); pairs are formed in this order. */
  coders: readonly string[];
  tagIds: readonly string[];
  /** Segment level: the minimum overlap (intersection over union, in (0, 1]); absent = no segment figures. */
  threshold?: number;
  /** Also report every document on its own. */
  byDocument?: boolean;
}

/** Sums for one tag in one scope, turned into figures at the end. */
interface Accumulator {
  units: number;
  tally: AlphaTally;
  pairs: { units: number; table: BinaryTable; segments: SegmentTally }[];
  segments: SegmentTally;
}

function emptyAccumulator(pairCount: number): Accumulator {
  return {
    units: 0,
    tally: EMPTY_TALLY,
    pairs: Array.from({ length: pairCount }, () => ({ units: 0, table: EMPTY_TABLE, segments: EMPTY_SEGMENTS })),
    segments: EMPTY_SEGMENTS,
  };
}

function merge(into: Accumulator, from: Accumulator): void {
  into.units += from.units;
  into.tally = addTallies(into.tally, from.tally);
  into.segments = addSegments(into.segments, from.segments);
  from.pairs.forEach((p, i) => {
    const q = into.pairs[i]!;
    q.units += p.units;
    q.table = addTables(q.table, p.table);
    q.segments = addSegments(q.segments, p.segments);
  });
}

function pairsOf(coders: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < coders.length; i++) for (let j = i + 1; j < coders.length; j++) out.push([i, j]);
  return out;
}

/** One document, one tag: the 2×2 tables of each pair and α's tally over the coders who coded it. */
function accumulate(
  doc: DocumentCoding,
  coders: readonly string[],
  pairs: readonly [number, number][],
  tagId: string,
  threshold: number | undefined,
): Accumulator {
  const acc = emptyAccumulator(pairs.length);
  const layers: (Span[] | null)[] = coders.map((c) => {
    const passages = doc.coders.get(c);
    return passages ? tagLayer(passages, tagId, doc.length) : null;
  });
  const present = layers.filter((l): l is Span[] => l !== null);
  const m = present.length;
  if (m < 2) return acc;
  acc.units = doc.length;
  let covered = 0;
  for (const run of coverageRuns(present)) {
    const len = run.end - run.start;
    covered += len;
    acc.tally = addTallies(acc.tally, unitTally(m, run.count, len));
  }
  acc.tally = addTallies(acc.tally, unitTally(m, 0, doc.length - covered));
  const segmentsOf =
    threshold === undefined ? null : coders.map((c) => tagSegments(doc.coders.get(c) ?? [], tagId, doc.length));
  pairs.forEach(([i, j], k) => {
    const a = layers[i];
    const b = layers[j];
    const pair = acc.pairs[k];
    if (!a || !b || !pair) return;
    const both = intersectionLength(a, b);
    const lenA = totalLength(a);
    const lenB = totalLength(b);
    pair.units = doc.length;
    pair.table = { both, onlyA: lenA - both, onlyB: lenB - both, neither: doc.length - lenA - lenB + both };
    if (segmentsOf && threshold !== undefined) {
      pair.segments = segmentTally(segmentsOf[i] ?? [], segmentsOf[j] ?? [], threshold);
      acc.segments = addSegments(acc.segments, pair.segments);
    }
  });
  return acc;
}

function figures(
  tagId: string | null,
  acc: Accumulator,
  coders: readonly string[],
  pairs: readonly [number, number][],
  withSegments: boolean,
): TagFigures {
  const pairFigures: PairFigures[] = pairs.map(([i, j], k) => {
    const p = acc.pairs[k]!;
    return {
      coders: [coders[i]!, coders[j]!],
      units: p.units,
      table: p.table,
      percent: percentAgreement(p.table),
      kappa: kappaOf(p.table),
      alpha: alphaOf(tallyOfTable(p.table)),
      ...(withSegments ? { segments: { ...p.segments, percent: segmentPercent(p.segments) } } : {}),
    };
  });
  const two = coders.length === 2;
  return {
    tagId,
    units: acc.units,
    percent: two ? pairFigures[0]!.percent : observedAgreementOf(acc.tally),
    kappa: two ? pairFigures[0]!.kappa : null,
    alpha: alphaOf(acc.tally),
    pairs: pairFigures,
    ...(withSegments ? { segments: { ...acc.segments, percent: segmentPercent(acc.segments) } } : {}),
  };
}

/** Computes the agreement report. Throws RangeError on a request that cannot be answered (fewer than two coders). */
export function computeAgreement(request: AgreementRequest): AgreementReport {
  const coders = [...new Set(request.coders)];
  if (coders.length < 2) throw new RangeError('Agreement needs at least two different coders.');
  const threshold = request.threshold;
  if (threshold !== undefined && !(threshold > 0 && threshold <= 1)) {
    throw new RangeError('The overlap threshold is a share in (0, 1] (for example 0.9 for 90 %).');
  }
  const pairs = pairsOf(coders);
  const withSegments = threshold !== undefined;
  const corpus = request.tagIds.map(() => emptyAccumulator(pairs.length));
  const corpusOverall = emptyAccumulator(pairs.length);
  const documents: ({ docId: string } & ScopeFigures)[] = [];
  const missing: Record<string, string[]> = Object.fromEntries(coders.map((c) => [c, [] as string[]]));
  let compared = 0;
  for (const doc of request.documents) {
    for (const c of coders) if (!doc.coders.has(c)) missing[c]!.push(doc.docId);
    if (coders.filter((c) => doc.coders.has(c)).length >= 2) compared++;
    const docOverall = emptyAccumulator(pairs.length);
    const perTag = request.tagIds.map((tagId, t) => {
      const acc = accumulate(doc, coders, pairs, tagId, threshold);
      merge(corpus[t]!, acc);
      merge(docOverall, acc);
      return acc;
    });
    merge(corpusOverall, docOverall);
    if (request.byDocument) {
      documents.push({
        docId: doc.docId,
        tags: perTag.map((acc, t) => figures(request.tagIds[t]!, acc, coders, pairs, withSegments)),
        overall: figures(null, docOverall, coders, pairs, withSegments),
      });
    }
  }
  return {
    coders,
    threshold: threshold ?? null,
    documentsCompared: compared,
    missing,
    tags: corpus.map((acc, t) => figures(request.tagIds[t]!, acc, coders, pairs, withSegments)),
    overall: figures(null, corpusOverall, coders, pairs, withSegments),
    ...(request.byDocument ? { documents } : {}),
  };
}
