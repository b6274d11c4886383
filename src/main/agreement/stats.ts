// Agreement statistics from counts: percent agreement, Cohen's κ (any square table) and Krippendorff's nominal α.
//
// Pure arithmetic, independent of text: the character- and segment-level code builds the counts. Every
// statistic is `null` where it is undefined (no units, or no variation for chance to explain), never NaN.

import type { BinaryTable } from '../../shared/agreement';

export type { BinaryTable };
export const EMPTY_TABLE: BinaryTable = Object.freeze({ both: 0, onlyA: 0, onlyB: 0, neither: 0 });

export function addTables(x: BinaryTable, y: BinaryTable): BinaryTable {
  return { both: x.both + y.both, onlyA: x.onlyA + y.onlyA, onlyB: x.onlyB + y.onlyB, neither: x.neither + y.neither };
}

export function tableTotal(t: BinaryTable): number {
  return t.both + t.onlyA + t.onlyB + t.neither;
}

/** Share of units both coders put in the same category. */
export function percentAgreement(t: BinaryTable): number | null {
  const n = tableTotal(t);
  return n === 0 ? null : (t.both + t.neither) / n;
}

/**
 * Cohen's (1960) κ = (p_o − p_e) / (1 − p_e) for a square contingency table (rows: first coder's category,
 * columns: the second's). Null without units, or when p_e = 1 (both coders used one and the same category
 * throughout, so chance explains everything and κ is 0/0).
 */
export function cohensKappa(matrix: readonly (readonly number[])[]): number | null {
  const k = matrix.length;
  let n = 0;
  let diagonal = 0;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    const row = matrix[i]!;
    if (row.length !== k) throw new Error('cohensKappa needs a square table');
    for (let j = 0; j < k; j++) {
      const v = row[j]!;
      n += v;
      rows[i]! += v;
      cols[j]! += v;
      if (i === j) diagonal += v;
    }
  }
  if (n === 0) return null;
  const po = diagonal / n;
  let pe = 0;
  for (let i = 0; i < k; i++) pe += (rows[i]! / n) * (cols[i]! / n);
  if (1 - pe <= 1e-12) return null;
  return (po - pe) / (1 - pe);
}

export function kappaOf(t: BinaryTable): number | null {
  return cohensKappa([
    [t.both, t.onlyA],
    [t.onlyB, t.neither],
  ]);
}

/**
 * Sufficient statistics of Krippendorff's α for one binary variable: the pairable values of each kind and the
 * off-diagonal coincidence o₀₁ (= o₁₀). Sums over units, so documents and tags pool by adding tallies.
 */
export interface AlphaTally {
  /** Pairable values "not coded" (n₀) and "coded" (n₁): values in units that at least two coders judged. */
  n0: number;
  n1: number;
  /** o₀₁ = Σ_u n₀ᵤ·n₁ᵤ / (mᵤ − 1): disagreeing pairs, each unit weighted by its pairable values. */
  o01: number;
}

export const EMPTY_TALLY: AlphaTally = Object.freeze({ n0: 0, n1: 0, o01: 0 });

export function addTallies(x: AlphaTally, y: AlphaTally): AlphaTally {
  return { n0: x.n0 + y.n0, n1: x.n1 + y.n1, o01: x.o01 + y.o01 };
}

/** The tally of `units` identical units, each judged by `m` coders of whom `coded` coded it. */
export function unitTally(m: number, coded: number, units: number): AlphaTally {
  if (m < 2 || units <= 0) return EMPTY_TALLY;
  return { n0: (m - coded) * units, n1: coded * units, o01: (((m - coded) * coded) / (m - 1)) * units };
}

/** The tally two coders' 2×2 table implies (every unit judged by both). */
export function tallyOfTable(t: BinaryTable): AlphaTally {
  return {
    n0: 2 * t.neither + t.onlyA + t.onlyB,
    n1: 2 * t.both + t.onlyA + t.onlyB,
    o01: t.onlyA + t.onlyB,
  };
}

/**
 * Krippendorff's nominal α for a binary variable: 1 − D_o/D_e = 1 − (n − 1)·o₀₁ / (n₀·n₁).
 * Null when nothing is pairable or every pairable value is the same (D_e = 0).
 */
export function alphaOf(t: AlphaTally): number | null {
  const n = t.n0 + t.n1;
  if (n < 2 || t.n0 * t.n1 === 0) return null;
  return 1 - ((n - 1) * t.o01) / (t.n0 * t.n1);
}

/** Observed agreement 1 − D_o: for two coders without missing data, exactly the percent agreement. */
export function observedAgreementOf(t: AlphaTally): number | null {
  const n = t.n0 + t.n1;
  return n === 0 ? null : 1 - (2 * t.o01) / n;
}

/** A coder's value for a unit; null or undefined = missing (the coder did not judge it). */
export type Value = string | number | null | undefined;

/**
 * Krippendorff's α for nominal data of any number of categories, from a reliability data matrix (one row per
 * coder, one column per unit, missing values allowed), by the coincidence matrix of Krippendorff (2011).
 * The general form, used for tests and small data; character-level agreement uses the binary tallies above.
 */
export function krippendorffAlphaNominal(data: readonly (readonly Value[])[]): number | null {
  const units = Math.max(0, ...data.map((row) => row.length));
  const coincidence = new Map<string, Map<string, number>>();
  const add = (c: string, k: string, w: number): void => {
    let row = coincidence.get(c);
    if (!row) coincidence.set(c, (row = new Map()));
    row.set(k, (row.get(k) ?? 0) + w);
  };
  for (let u = 0; u < units; u++) {
    const values: string[] = [];
    for (const row of data) {
      const v = row[u];
      if (v !== null && v !== undefined) values.push(String(v));
    }
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) add(values[i]!, values[j]!, 1 / (m - 1));
  }
  const totals = new Map<string, number>();
  let n = 0;
  let disagree = 0;
  for (const [c, row] of coincidence) {
    for (const [k, o] of row) {
      totals.set(c, (totals.get(c) ?? 0) + o);
      n += o;
      if (c !== k) disagree += o;
    }
  }
  let expected = 0;
  for (const [c, nc] of totals) for (const [k, nk] of totals) if (c !== k) expected += nc * nk;
  if (n < 2 || expected === 0) return null;
  return 1 - ((n - 1) * disagree) / expected;
}
