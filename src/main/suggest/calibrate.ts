// Threshold → expected precision, from scored outcomes (the analyst's accepts and rejects, held-out fits, the eval set).

export interface Outcome {
  score: number;
  /** 1: the sentence did carry the tag (accepted, or labelled); 0: it did not. */
  label: 0 | 1;
}

export interface PrecisionEstimate {
  /** Expected precision of suggestions at or above the threshold; null when nothing has been seen there. */
  precision: number | null;
  /** How many outcomes at or above the threshold the estimate rests on. */
  support: number;
}

/**
 * Precision among outcomes scoring ≥ threshold, shrunk toward `prior` with the weight of `priorWeight`
 * outcomes (a Beta prior), so three lucky accepts do not read as "precision 1.0".
 */
export function expectedPrecision(outcomes: readonly Outcome[], threshold: number, prior = 0.5, priorWeight = 2): PrecisionEstimate {
  let tp = 0;
  let n = 0;
  for (const o of outcomes) {
    if (o.score < threshold) continue;
    n++;
    tp += o.label;
  }
  if (n === 0) return { precision: null, support: 0 };
  return { precision: (tp + prior * priorWeight) / (n + priorWeight), support: n };
}

/** The lowest threshold (from the scores seen) whose expected precision reaches `target`, or null when none does. */
export function thresholdFor(outcomes: readonly Outcome[], target: number, minSupport = 3): number | null {
  const scores = [...new Set(outcomes.map((o) => o.score))].sort((a, b) => a - b);
  for (const t of scores) {
    const e = expectedPrecision(outcomes, t);
    if (e.precision !== null && e.support >= minSupport && e.precision >= target) return t;
  }
  return null;
}
