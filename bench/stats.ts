// Summaries of timing samples: nearest-rank percentiles, so p95 of 20 runs is a run that happened.
export interface Figure {
  /** What was measured, as the README names it. */
  label: string;
  unit: 'ms' | 'MB' | 'x';
  samples: number[];
  p50: number;
  p95: number;
  /** The target, when it sets one: the value must stay at or below it (ratios: at or above, see `higherIsBetter`). */
  target?: number;
  higherIsBetter?: boolean;
  /** Whether the target is met (absent when there is no target). */
  met?: boolean;
  note?: string;
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const round = (n: number): number => Math.round(n * 100) / 100;

export function figure(
  label: string,
  unit: Figure['unit'],
  samples: readonly number[],
  extra: { target?: number; higherIsBetter?: boolean; note?: string; judgeBy?: 'p50' | 'p95' } = {},
): Figure {
  const f: Figure = { label, unit, samples: samples.map(round), p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)) };
  if (extra.note) f.note = extra.note;
  if (extra.target !== undefined) {
    f.target = extra.target;
    if (extra.higherIsBetter) f.higherIsBetter = true;
    const value = extra.judgeBy === 'p50' ? f.p50 : f.p95;
    f.met = extra.higherIsBetter ? value >= extra.target : value <= extra.target;
  }
  return f;
}

/** Runs `fn` `runs` times after `warmup` unmeasured runs, answering each run's figure. */
export async function sample(runs: number, fn: (i: number) => Promise<number>, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await fn(i));
  return out;
}

/** Milliseconds an async step takes, by the monotonic clock. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
